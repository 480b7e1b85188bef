using System.Net;
using System.Net.Http.Json;

namespace NetiquetteML.Tests.Service;

/// <summary>A service whose bundle folder holds no bundle: alive, not ready, and it says so on every scoring route.</summary>
public sealed class NotReadyServiceTests : IDisposable
{
    private readonly Support.ServiceFactory _service;
    private readonly NetiquetteML.Tests.Support.TempDirectory _empty = new();

    public NotReadyServiceTests() => _service = new Support.ServiceFactory(new Dictionary<string, string?> { ["Netiquette:BundlePath"] = _empty.Path });

    [Fact]
    public async Task Without_a_bundle_the_service_is_alive_but_not_ready_and_answers_503()
    {
        var client = _service.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);

        var response = await client.PostAsJsonAsync("/v1/moderate", new { text = "Bonjour" });
        await ProblemDetailsTests.AssertProblemAsync(response, 503, "bundle_not_ready", "no bundle");
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
    }

    public void Dispose()
    {
        _service.Dispose();
        _empty.Dispose();
    }
}
