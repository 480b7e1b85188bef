using System.Net;
using System.Net.Http.Json;
using NetiquetteML.Tests.Service.Support;

namespace NetiquetteML.Tests.Service;

/// <summary>The logs say ids, lengths and actions, never a comment's text, its post, its author or personal information.</summary>
public sealed class LogPrivacyTests(ServiceFactory service) : IClassFixture<ServiceFactory>
{
    private const string Secret = "Zorglubienne";
    private const string Phone = "819-555-0142";
    private const string Email = "marie.zorglub@exemple.ca";
    private static readonly string Text = $"{Secret} dit : appelez {Phone} ou écrivez à {Email}, tabarnak";

    [Fact]
    public async Task No_route_logs_the_text_the_post_the_author_or_personal_information()
    {
        var client = service.CreateClient();
        var requests = new (string Path, object Body)[]
        {
            ("/v1/moderate", new { text = Text, post = $"Publication {Secret}", id = $"id-{Phone}", author = $"auteur-{Secret}" }),
            ("/v1/moderate:batch", new { comments = new[] { new { text = Text, id = "c-1" }, new { text = Secret, id = "c-2" } } }),
            ("/v1/feedback", new { text = Text, id = "fb-privacy", author = $"auteur-{Secret}", labels = new Dictionary<string, bool> { ["offensive"] = true } }),
            ("/v1alpha1/comments:analyze", new Dictionary<string, object> { ["comment"] = new { text = Text }, ["requestedAttributes"] = new Dictionary<string, object> { ["TOXICITY"] = new { } } }),
            ("/v1alpha1/comments:suggestscore", new Dictionary<string, object> { ["comment"] = new { text = Text + " 2" },
                ["attributeScores"] = new Dictionary<string, object> { ["TOXICITY"] = new { summaryScore = new { value = 1 } } } }),
        };
        foreach (var (path, body) in requests)
        {
            var response = await client.PostAsJsonAsync(path, body, PerspectiveApiTests.AsWritten);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {await response.Content.ReadAsStringAsync()}");
        }

        var logs = service.Logs.All;
        foreach (var forbidden in new[] { Secret, Phone, "8195550142", "555-0142", Email, "zorglub", "tabarnak" })
            Assert.DoesNotContain(forbidden, logs, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"id=id-[TÉLÉPHONE] longueur={Text.Length} action=remove", logs);
        Assert.Contains("lot de 2 commentaires", logs);
        Assert.Contains("Correction id=fb-privacy", logs);
    }
}
