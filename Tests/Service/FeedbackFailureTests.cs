using System.Net;
using System.Net.Http.Json;
using NetiquetteML.Tests.Service.Support;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Service;

/// <summary>When the corrections folder cannot be written, the caller is told nothing was recorded (500 problem) and scoring goes on.</summary>
public sealed class FeedbackFailureTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_correction_that_cannot_be_written_gets_a_500_problem_and_scoring_goes_on()
    {
        var notAFolder = _dir.Write("occupied", "this is a file where the corrections folder should be");
        using var service = new ServiceFactory(new Dictionary<string, string?> { ["Netiquette:Feedback:Directory"] = notAFolder });
        var client = service.CreateClient();

        var response = await client.PostAsJsonAsync("/v1/feedback", new { text = "Bonjour", labels = new Dictionary<string, bool> { ["offensive"] = false } });

        await ProblemDetailsTests.AssertProblemAsync(response, 500, "feedback_not_written", "unwritable folder");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/moderate", new { text = "Bonjour" })).StatusCode);
        Assert.Contains("non écrite", service.Logs.All);
    }

    public void Dispose() => _dir.Dispose();
}
