using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetiquetteML.Tests.Service.Support;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Tests.Service;

/// <summary>POST /v1/feedback and /v1alpha1/comments:suggestscore: corrections reach a labels file the trainer loads.</summary>
public sealed class FeedbackApiTests(ServiceFactory service) : IClassFixture<ServiceFactory>
{
    private string FilePath => Path.Combine(service.Work.Path, $"feedback-{DateTime.UtcNow:yyyy-MM}.csv");

    [Fact]
    public async Task A_native_correction_is_written_once_and_the_trainer_loads_it()
    {
        var correction = new { id = "fb-native-1", text = "Vends pneus d'hiver, écrivez-moi en privé", post = "Collecte lundi", author = "u-42",
            labels = new Dictionary<string, bool> { ["commercial"] = true, ["off_topic"] = true, ["offensive"] = false, ["political"] = false } };

        var first = await PostAsync("/v1/feedback", correction);
        var again = await PostAsync("/v1/feedback", correction);

        Assert.Equal("written", first.GetProperty("outcome").GetString());
        Assert.Equal("duplicate", again.GetProperty("outcome").GetString());
        var row = Assert.Single(LabelledCsvLoader.LoadOne(FilePath).Rows, r => r.Id == "fb-native-1");
        Assert.True(row.Commercial && row.OffTopic && !row.Offensive && !row.Political);
        Assert.Equal("Collecte lundi", row.Post);
    }

    [Fact]
    public async Task A_partial_correction_keeps_the_bundles_decision_for_the_rest_and_says_which_labels_are_human()
    {
        var response = await PostAsync("/v1/feedback", new { id = "fb-partial", text = "Gang de tabarnak d'innocents, câlisse", labels = new Dictionary<string, bool> { ["political"] = true } });

        Assert.Equal(["political"], response.GetProperty("labelledByModerator").EnumerateArray().Select(e => e.GetString()));
        var labels = response.GetProperty("labels");
        Assert.True(labels.GetProperty("political").GetBoolean());
        Assert.True(labels.GetProperty("offensive").GetBoolean(), "the bundle flags this sacre: the row keeps offensive = 1");
        var lines = File.ReadAllLines(FilePath);
        Assert.Equal("id,post,text,offensive,off_topic,political,commercial,complaint,author,labelled_by_moderator,corrected_utc,bundle", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("fb-partial,,", StringComparison.Ordinal) && l.Contains(",political,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Suggestscore_follows_the_contract_and_records_the_correction()
    {
        var text = "Méfiez-vous des appels qui disent venir de la Ville, c'est une arnaque " + Guid.NewGuid().ToString("N")[..6];
        var request = new Dictionary<string, object>
        {
            ["comment"] = new Dictionary<string, object> { ["text"] = text },
            ["context"] = new Dictionary<string, object> { ["articleAndParentComment"] = new Dictionary<string, object> { ["article"] = new Dictionary<string, object> { ["text"] = "Compteurs d'eau" } } },
            ["attributeScores"] = new Dictionary<string, object> { ["TOXICITY"] = new Dictionary<string, object> { ["summaryScore"] = new Dictionary<string, object> { ["value"] = 0 } } },
            ["languages"] = new[] { "fr" },
            ["clientToken"] = "jeton-7",
        };
        Assert.Empty(OpenApiContract.Perspective.Validate(JsonSerializer.Serialize(request), "SuggestCommentScoreRequest"));

        var response = await service.CreateClient().PostAsJsonAsync("/v1alpha1/comments:suggestscore", request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Empty(OpenApiContract.Perspective.Validate(body, "SuggestCommentScoreResponse"));
        Assert.Contains("\"clientToken\":\"jeton-7\"", body);
        var row = Assert.Single(LabelledCsvLoader.LoadOne(FilePath).Rows, r => r.Text == text);
        Assert.False(row.Offensive);
        Assert.Equal("Compteurs d'eau", row.Post);
        Assert.StartsWith("feedback-", row.Id);
    }

    [Theory]
    [InlineData("SHOUTING", "{\"summaryScore\":{\"value\":1}}", "unsupported_attribute")]
    [InlineData("INSULT", "{\"summaryScore\":{\"value\":1}}", "unsupported_attribute")]
    [InlineData("TOXICITY", "{\"spanScores\":[{\"begin\":0,\"end\":4,\"score\":{\"value\":1}}]}", "invalid_score")]
    [InlineData("TOXICITY", "{\"summaryScore\":{\"value\":3}}", "invalid_score")]
    public async Task Suggestscore_refuses_what_cannot_become_a_label(string attribute, string scores, string code)
    {
        var json = $"{{\"comment\":{{\"text\":\"Bonjour\"}},\"attributeScores\":{{\"{attribute}\":{scores}}}}}";
        var response = await service.CreateClient().PostAsync("/v1alpha1/comments:suggestscore", ServiceFactory.Json(json));

        var problem = await ProblemDetailsTests.AssertProblemAsync(response, 400, code, attribute);
        if (code == "unsupported_attribute") Assert.Contains("TOXICITY, OFF_TOPIC, POLITICAL, COMMERCIAL", problem.GetProperty("detail_en").GetString());
    }

    [Fact]
    public async Task A_correction_holding_a_nul_character_is_refused_so_the_file_stays_loadable()
    {
        var response = await service.CreateClient().PostAsJsonAsync("/v1/feedback", new { id = "fb-nul", text = "Bonjour\0caché", labels = new Dictionary<string, bool> { ["offensive"] = false } });

        await ProblemDetailsTests.AssertProblemAsync(response, 400, "nul_character", "NUL");
        if (File.Exists(FilePath)) Assert.DoesNotContain(LabelledCsvLoader.LoadOne(FilePath).Rows, r => r.Id == "fb-nul");
    }

    [Fact]
    public async Task Concurrent_corrections_over_http_are_all_kept_and_duplicates_dropped()
    {
        var client = service.CreateClient();
        var requests = Enumerable.Range(0, 60).Select(i => new { id = $"fb-par-{i % 30}", text = $"Commentaire parallèle {i % 30}", labels = new Dictionary<string, bool> { ["offensive"] = i % 3 == 0 && i < 30 } });

        var responses = await Task.WhenAll(requests.Select(r => client.PostAsJsonAsync("/v1/feedback", r)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var outcomes = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString()));
        Assert.Equal(60, outcomes.Length);
        var rows = LabelledCsvLoader.LoadOne(FilePath).Rows.Where(r => r.Id.StartsWith("fb-par-", StringComparison.Ordinal)).ToList();
        Assert.Equal(30, rows.Count);
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await service.CreateClient().PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }
}
