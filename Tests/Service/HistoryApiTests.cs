using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetiquetteML.Tests.Service.Support;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Service;

/// <summary>The service with Netiquette:History:Path set: author and time accepted, repetition and links in the verdict.</summary>
public class HistoryApiTests
{
    private const string Question = "Quand est-ce que la piscine municipale va rouvrir cet été? Personne ne répond.";

    private static ServiceFactory WithHistory(TempDirectory dir) =>
        new(new Dictionary<string, string?> { ["Netiquette:History:Path"] = dir.File("service-history.db") });

    [Fact]
    public async Task The_third_copy_by_one_author_comes_back_repeated_with_the_earlier_ids()
    {
        using var dir = new TempDirectory();
        using var service = WithHistory(dir);
        var client = service.CreateClient();
        JsonElement last = default;
        for (var i = 1; i <= 3; i++)
        {
            var response = await service.PostAsync("/v1/moderate",
                new { text = Question, id = $"fb-{i}", author = "Julie Tremblay", created = $"2026-11-02T12:{10 * i}:00-05:00" }, client);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            last = await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        Assert.True(last.GetProperty("repeated").GetBoolean());
        var history = last.GetProperty("history");
        Assert.Equal("same_author", history.GetProperty("repetition").GetString());
        Assert.Equal(["fb-1", "fb-2"], history.GetProperty("earlierIds").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("auteur#", history.GetProperty("author").GetString());
        Assert.DoesNotContain("Julie", last.GetRawText());
        Assert.True(File.Exists(dir.File("service-history.db")));
    }

    [Fact]
    public async Task A_batch_is_one_history_session_in_input_order()
    {
        using var dir = new TempDirectory();
        using var service = WithHistory(dir);
        var comments = Enumerable.Range(1, 4).Select(i => new { text = Question, id = $"b{i}", author = "Marc", created = $"2026-11-02T13:0{i}:00Z" }).ToArray();
        var response = await service.PostAsync("/v1/moderate:batch", new { comments });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var verdicts = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verdicts").EnumerateArray().ToList();
        Assert.Equal([false, true, true, true], verdicts.Select(v => v.GetProperty("repeated").GetBoolean()));
    }

    [Fact]
    public async Task Without_a_history_the_verdict_has_links_but_no_history()
    {
        using var service = new ServiceFactory();
        var response = await service.PostAsync("/v1/moderate",
            new { text = "Le communiqué est sur https://ville.senneterre.qc.ca/avis et https://bit.ly/x", author = "Julie", created = "2026-11-02T12:00:00Z" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("history", out _));
        Assert.False(body.GetProperty("repeated").GetBoolean());
        var links = body.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(["ville.senneterre.qc.ca", "bit.ly"], links.Select(l => l.GetProperty("domain").GetString()));
        Assert.True(links[0].GetProperty("allowed").GetBoolean());
        Assert.True(links[1].GetProperty("shortened").GetBoolean());
        Assert.Equal(22, links[0].GetProperty("start").GetInt32());
    }

    [Fact]
    public async Task A_created_that_is_not_a_date_is_a_400_naming_the_field()
    {
        using var service = new ServiceFactory();
        var response = await service.CreateClient().PostAsync("/v1/moderate", ServiceFactory.Json("""{ "text": "Bonjour", "created": "hier" }"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("created", await response.Content.ReadAsStringAsync());
    }
}
