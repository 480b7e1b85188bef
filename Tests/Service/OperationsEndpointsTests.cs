using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetiquetteML.Tests.Service.Support;

namespace NetiquetteML.Tests.Service;

/// <summary>/healthz, /readyz, /metrics, the OpenAPI document and the API reference page.</summary>
public sealed class OperationsEndpointsTests(ServiceFactory service) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task Healthz_and_readyz_answer_with_the_bundle_in_service()
    {
        var client = service.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        var ready = await client.GetAsync("/readyz");
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("netiquette", body.GetProperty("bundle").GetProperty("name").GetString());
    }

    [Fact]
    public async Task OpenApi_document_lists_every_operation()
    {
        var document = await service.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/v1/moderate", "/v1/moderate:batch", "/v1/feedback", "/v1alpha1/comments:analyze", "/v1alpha1/comments:suggestscore" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        Assert.True(paths.GetProperty("/v1/moderate").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("VerdictBody", out _));
    }

    [Fact]
    public async Task Api_reference_page_is_served_with_its_script()
    {
        var client = service.CreateClient();
        var page = await client.GetAsync("/scalar/v1");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", html);
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"([^\"]+\\.js)\"");
        Assert.True(script.Success, html);
        var scriptUrl = new Uri(new Uri(client.BaseAddress!, "/scalar/v1"), script.Groups[1].Value);
        var js = await client.GetAsync(scriptUrl);
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.True((await js.Content.ReadAsByteArrayAsync()).Length > 100_000, "the reference page's script is embedded, not fetched from a CDN");
    }

    [Fact]
    public async Task Metrics_count_requests_per_route_verdicts_and_the_bundle()
    {
        var client = service.CreateClient();
        (await client.PostAsJsonAsync("/v1/moderate", new { text = "Tabarnak, encore une panne d'eau" })).EnsureSuccessStatusCode();

        var metrics = await client.GetStringAsync("/metrics");

        Assert.Matches("http_request_duration_seconds_bucket\\{[^}]*endpoint=\"/v1/moderate\"", metrics);
        Assert.Matches("netiquette_verdicts_total\\{action=\"(allow|review|remove)\"\\} [1-9]", metrics);
        Assert.Matches("netiquette_bundle_info\\{name=\"netiquette\",version=\"[0-9a-f]{12}\",trained_utc=\"[^\"]+\"\\} 1", metrics);
        Assert.Matches("netiquette_category_flags_total\\{category=\"offensive\"", metrics);
    }

    [Fact]
    public async Task Without_configured_origins_no_cors_header_is_sent()
    {
        var response = await ServiceSettingsTests.PreflightAsync(service.CreateClient(), "https://moderation.example");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Root_redirects_to_the_api_reference()
    {
        var client = service.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/scalar/v1", response.Headers.Location?.OriginalString);
    }
}
