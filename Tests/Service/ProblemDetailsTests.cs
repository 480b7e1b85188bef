using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NetiquetteML.Tests.Service.Support;

namespace NetiquetteML.Tests.Service;

/// <summary>Every bad input gets an RFC 9457 problem in French with its English twin, never a stack trace, and the service stays up.</summary>
public sealed class ProblemDetailsTests(ServiceFactory service) : IClassFixture<ServiceFactory>
{
    public static TheoryData<string, string, string, int, string> BadRequests => new()
    {
        { "malformed JSON", "/v1/moderate", "{\"text\": \"Bonjour", 400, "invalid_json" },
        { "wrong type", "/v1/moderate", "{\"text\": 42}", 400, "invalid_json" },
        { "array instead of object", "/v1/moderate", "[\"Bonjour\"]", 400, "invalid_json" },
        { "empty body", "/v1/moderate", "", 400, "empty_body" },
        { "JSON null", "/v1/moderate", "null", 400, "empty_body" },
        { "missing text", "/v1/moderate", "{\"post\": \"Travaux\"}", 400, "empty_comment" },
        { "blank text", "/v1/moderate", "{\"text\": \"  \\n \"}", 400, "empty_comment" },
        { "text over 20,480 characters", "/v1/moderate", $"{{\"text\": \"{new string('a', 20_481)}\"}}", 400, "too_long" },
        { "post over the limit", "/v1/moderate", $"{{\"text\": \"Bonjour\", \"post\": \"{new string('b', 20_481)}\"}}", 400, "too_long" },
        { "JSON nested 10,000 deep", "/v1/moderate", "{\"text\": " + new string('[', 10_000) + new string(']', 10_000) + "}", 400, "invalid_json" },
        { "Perspective comment over 20,480 characters", "/v1alpha1/comments:analyze",
            $"{{\"comment\": {{\"text\": \"{new string('a', 20_481)}\"}}, \"requestedAttributes\": {{\"TOXICITY\": {{}}}}}}", 400, "too_long" },
        { "empty batch", "/v1/moderate:batch", "{\"comments\": []}", 400, "empty_batch" },
        { "null in a batch", "/v1/moderate:batch", "{\"comments\": [{\"text\": \"Bonjour\"}, null]}", 400, "empty_comment" },
        { "blank text in a batch", "/v1/moderate:batch", "{\"comments\": [{\"text\": \"Bonjour\"}, {\"text\": \"\"}]}", 400, "empty_comment" },
        { "10,000 comments in one batch", "/v1/moderate:batch",
            "{\"comments\": [" + string.Join(',', Enumerable.Repeat("{\"text\":\"Allo\"}", 10_000)) + "]}", 400, "batch_too_large" },
        { "no labels in a correction", "/v1/feedback", "{\"text\": \"Bonjour\"}", 400, "no_labels" },
        { "unknown label in a correction", "/v1/feedback", "{\"text\": \"Bonjour\", \"labels\": {\"rude\": true}}", 400, "unknown_label" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_a_bilingual_problem(string what, string path, string body, int status, string code)
    {
        var response = await service.CreateClient().PostAsync(path, ServiceFactory.Json(body));

        await AssertProblemAsync(response, status, code, what);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task Invalid_utf8_gets_a_problem()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"text\": \"Bonjour XX\"}");
        bytes[16] = 0xFF;
        bytes[17] = 0xFE;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await service.CreateClient().PostAsync("/v1/moderate", content);

        await AssertProblemAsync(response, 400, "invalid_json", "invalid UTF-8");
    }

    [Fact]
    public async Task Body_over_the_size_limit_gets_413()
    {
        var huge = "{\"comments\": [" + string.Join(',', Enumerable.Repeat($"{{\"text\":\"{new string('x', 5000)}\"}}", 1000)) + "]}";

        var response = await service.CreateClient().PostAsync("/v1/moderate:batch", ServiceFactory.Json(huge));

        await AssertProblemAsync(response, 413, "body_too_large", "5 MB body");
    }

    [Fact]
    public async Task Body_that_is_not_json_gets_415()
    {
        var response = await service.CreateClient().PostAsync("/v1/moderate", new StringContent("text=Bonjour", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await AssertProblemAsync(response, 415, "unsupported_media_type", "form body");
    }

    [Fact]
    public async Task Unknown_route_and_wrong_method_get_problems()
    {
        var client = service.CreateClient();
        await AssertProblemAsync(await client.GetAsync("/v1/nothing-here"), 404, "not_found", "unknown route");
        await AssertProblemAsync(await client.GetAsync("/v1/moderate"), 405, "method_not_allowed", "GET on a POST route");
    }

    private async Task AssertStillServesAsync()
    {
        var response = await service.CreateClient().PostAsync("/v1/moderate", ServiceFactory.Json("{\"text\": \"Merci!\"}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status, string code, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{what}: expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal($"urn:netiquetteml:error:{code}", problem.GetProperty("type").GetString());
        foreach (var field in new[] { "title", "detail", "title_en", "detail_en" })
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty(field).GetString()), $"{what}: {field} is empty");
        Assert.NotEqual(problem.GetProperty("detail").GetString(), problem.GetProperty("detail_en").GetString());
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return problem;
    }
}
