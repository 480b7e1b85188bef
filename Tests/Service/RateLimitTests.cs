using System.Net;
using System.Net.Http.Json;
using NetiquetteML.Tests.Service.Support;

namespace NetiquetteML.Tests.Service;

/// <summary>Per-key fixed windows: one key out of permits gets 429 with Retry-After; another key is not affected.</summary>
public sealed class RateLimitTests(RateLimitTests.LimitedService service) : IClassFixture<RateLimitTests.LimitedService>
{
    public sealed class LimitedService() : ServiceFactory(new Dictionary<string, string?>
    {
        ["Netiquette:ApiKeys:0:Name"] = "petite-app",
        ["Netiquette:ApiKeys:0:Key"] = ApiKeyTests.KeyA,
        ["Netiquette:ApiKeys:1:Name"] = "grande-app",
        ["Netiquette:ApiKeys:1:Key"] = ApiKeyTests.KeyB,
        ["Netiquette:ApiKeys:1:PermitsPerWindow"] = "50",
        ["Netiquette:RateLimit:PermitsPerWindow"] = "5",
        ["Netiquette:RateLimit:Window"] = "00:00:30",
    });

    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_retry_after_and_other_keys_go_on()
    {
        var client = service.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++) statuses.Add((await client.PostAsJsonAsync($"/v1/moderate?key={ApiKeyTests.KeyA}", new { text = "Bonjour" })).StatusCode);
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        var refused = await client.PostAsJsonAsync($"/v1/moderate?key={ApiKeyTests.KeyA}", new { text = "Bonjour" });
        await ProblemDetailsTests.AssertProblemAsync(refused, 429, "rate_limited", "over the limit");
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 30);

        var perspective = await client.PostAsJsonAsync($"/v1alpha1/comments:analyze?key={ApiKeyTests.KeyA}", new { comment = new { text = "Bonjour" } });
        var problem = await ProblemDetailsTests.AssertProblemAsync(perspective, 429, "rate_limited", "perspective over the limit");
        Assert.Equal("RESOURCE_EXHAUSTED", problem.GetProperty("error").GetProperty("status").GetString());

        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/v1/moderate?key={ApiKeyTests.KeyB}", new { text = "Bonjour" })).StatusCode);
    }
}
