using System.Net;
using System.Net.Http.Json;
using NetiquetteML.Tests.Service.Support;

namespace NetiquetteML.Tests.Service;

/// <summary>The service with two API keys: a key is needed on the scoring routes, from ?key= or a header, and never logged.</summary>
public sealed class ApiKeyTests(ApiKeyTests.KeyedService service) : IClassFixture<ApiKeyTests.KeyedService>
{
    public const string KeyA = "cle-moderation-a-0123456789";
    public const string KeyB = "cle-moderation-b-9876543210";

    public sealed class KeyedService() : ServiceFactory(new Dictionary<string, string?>
    {
        ["Netiquette:ApiKeys:0:Name"] = "application-a",
        ["Netiquette:ApiKeys:0:Key"] = KeyA,
        ["Netiquette:ApiKeys:1:Name"] = "application-b",
        ["Netiquette:ApiKeys:1:Key"] = KeyB,
    });

    [Fact]
    public async Task A_key_in_the_query_or_a_header_is_accepted()
    {
        var client = service.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/v1/moderate?key={KeyA}", new { text = "Bonjour" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/v1alpha1/comments:analyze?key={KeyB}",
            new Dictionary<string, object> { ["comment"] = new { text = "Bonjour" }, ["requestedAttributes"] = new Dictionary<string, object> { ["TOXICITY"] = new { } } })).StatusCode);
        foreach (var header in new[] { "X-Api-Key", "X-Goog-Api-Key" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/moderate") { Content = JsonContent.Create(new { text = "Bonjour" }) };
            request.Headers.Add(header, KeyA);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task A_missing_key_gets_401_in_both_shapes()
    {
        var client = service.CreateClient();
        await ProblemDetailsTests.AssertProblemAsync(await client.PostAsJsonAsync("/v1/moderate", new { text = "Bonjour" }), 401, "missing_api_key", "native");
        var perspective = await ProblemDetailsTests.AssertProblemAsync(await client.PostAsJsonAsync("/v1alpha1/comments:analyze", new { comment = new { text = "Bonjour" } }),
            401, "missing_api_key", "perspective");
        Assert.Equal("UNAUTHENTICATED", perspective.GetProperty("error").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_wrong_key_gets_401_and_no_key_reaches_the_logs()
    {
        var client = service.CreateClient();
        await ProblemDetailsTests.AssertProblemAsync(await client.PostAsJsonAsync("/v1/moderate?key=not-a-valid-key-000000", new { text = "Bonjour" }), 401, "invalid_api_key", "wrong key");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/v1/moderate?key={KeyA}", new { text = "Bonjour" })).StatusCode);

        Assert.DoesNotContain(KeyA, service.Logs.All);
        Assert.DoesNotContain("not-a-valid-key", service.Logs.All);
        Assert.Contains("clé(s) d'API configurée(s) (application-a, application-b)", service.Logs.All);
    }

    [Fact]
    public async Task Health_metrics_and_documentation_need_no_key()
    {
        var client = service.CreateClient();
        foreach (var path in new[] { "/healthz", "/readyz", "/metrics", "/openapi/v1.json", "/scalar/v1" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }
}
