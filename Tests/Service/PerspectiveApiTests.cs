using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetiquetteML.Tests.Service.Support;

namespace NetiquetteML.Tests.Service;

/// <summary>POST /v1alpha1/comments:analyze against Perspective's published contract (shared/contracts).</summary>
public sealed class PerspectiveApiTests(ServiceFactory service) : IClassFixture<ServiceFactory>
{
    private const string Analyze = "/v1alpha1/comments:analyze";

    /// <summary>Property names as written (TOXICITY stays in capitals, as Perspective's attribute names are).</summary>
    internal static readonly JsonSerializerOptions AsWritten = new();
    private const string SacreWithPhone = "Gang de tabarnak, appelez-moi au 819-555-0142 ou écrivez à jean.tremblay@gmail.com";

    [Fact]
    public async Task Requests_and_responses_validate_against_the_published_contract()
    {
        var request = new
        {
            comment = new { text = SacreWithPhone, type = "PLAIN_TEXT" },
            context = new { entries = new[] { new { text = "Collecte des encombrants lundi" } } },
            requestedAttributes = new Dictionary<string, object>
            {
                ["TOXICITY"] = new { }, ["OFF_TOPIC"] = new { scoreType = "PROBABILITY" }, ["POLITICAL"] = new { },
                ["COMMERCIAL"] = new { }, ["PERSONAL_INFO"] = new { }, ["SHOUTING"] = new { },
            },
            languages = new[] { "fr" },
            spanAnnotations = true,
            doNotStore = true,
            clientToken = "jeton-42",
        };
        Assert.Empty(OpenApiContract.Perspective.Validate(JsonSerializer.Serialize(request), "AnalyzeCommentRequest"));

        var (status, body) = await PostAsync(request);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(OpenApiContract.Perspective.Validate(body, "AnalyzeCommentResponse"));
        Assert.Equal("jeton-42", body.GetProperty("clientToken").GetString());
        Assert.Equal(["fr"], body.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        var scores = body.GetProperty("attributeScores");
        Assert.Equal(6, scores.EnumerateObject().Count());
        foreach (var attribute in scores.EnumerateObject())
        {
            var summary = attribute.Value.GetProperty("summaryScore");
            Assert.Equal("PROBABILITY", summary.GetProperty("type").GetString());
            Assert.InRange(summary.GetProperty("value").GetDouble(), 0, 1);
        }
    }

    [Fact]
    public void The_validator_rejects_a_response_the_contract_does_not_allow()
    {
        var errors = OpenApiContract.Perspective.Validate("""{"attributeScores":{"TOXICITY":{"summaryScore":{"value":"high"}}},"verdict":"remove"}""", "AnalyzeCommentResponse");
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public async Task Toxicity_is_high_for_a_sacre_and_low_for_thanks()
    {
        var sacre = await ScoreAsync("Tabarnak de câlisse, encore une panne d'eau", "TOXICITY");
        var thanks = await ScoreAsync("Merci beaucoup pour l'information!", "TOXICITY");
        Assert.True(sacre > 0.5, $"TOXICITY of a sacre: {sacre}");
        Assert.True(thanks < 0.5, $"TOXICITY of thanks: {thanks}");
    }

    [Fact]
    public async Task Personal_info_span_scores_sit_at_the_findings_offsets()
    {
        var (_, body) = await PostAsync(new { comment = new { text = SacreWithPhone }, requestedAttributes = new { PERSONAL_INFO = new { } } });

        var spans = body.GetProperty("attributeScores").GetProperty("PERSONAL_INFO").GetProperty("spanScores").EnumerateArray()
            .Select(s => SacreWithPhone[s.GetProperty("begin").GetInt32()..s.GetProperty("end").GetInt32()]).ToList();
        Assert.Equal(["819-555-0142", "jean.tremblay@gmail.com"], spans);
    }

    [Fact]
    public async Task Span_annotations_cover_the_whole_text_then_the_evidence_for_the_models()
    {
        var (_, body) = await PostAsync(new { comment = new { text = "Votez PQ" }, requestedAttributes = new { POLITICAL = new { } }, spanAnnotations = true });

        var political = body.GetProperty("attributeScores").GetProperty("POLITICAL");
        var spans = political.GetProperty("spanScores").EnumerateArray().ToList();
        Assert.Equal(0, spans[0].GetProperty("begin").GetInt32());
        Assert.Equal("Votez PQ".Length, spans[0].GetProperty("end").GetInt32());
        Assert.Equal(political.GetProperty("summaryScore").GetProperty("value").GetDouble(), spans[0].GetProperty("score").GetProperty("value").GetDouble());
        Assert.True(spans.Count > 1, political.ToString());
        Assert.All(spans.Skip(1), s => Assert.InRange(s.GetProperty("score").GetProperty("value").GetDouble(), 0, 1));
    }

    [Fact]
    public async Task Span_annotations_point_at_the_sacre_the_author_typed()
    {
        const string text = "Gang de t@b@rn@k au conseil";
        var (_, body) = await PostAsync(new { comment = new { text }, requestedAttributes = new { TOXICITY = new { } }, spanAnnotations = true });

        var spans = body.GetProperty("attributeScores").GetProperty("TOXICITY").GetProperty("spanScores").EnumerateArray()
            .Skip(1).Select(s => text[s.GetProperty("begin").GetInt32()..s.GetProperty("end").GetInt32()]).ToList();
        Assert.Contains("t@b@rn@k", spans);
    }

    [Fact]
    public async Task Without_span_annotations_the_models_have_one_whole_text_span_at_most()
    {
        var (_, body) = await PostAsync(new { comment = new { text = "Gang de tabarnak" }, requestedAttributes = new { TOXICITY = new { } } });
        Assert.False(body.GetProperty("attributeScores").GetProperty("TOXICITY").TryGetProperty("spanScores", out _));
    }

    [Fact]
    public async Task Score_threshold_leaves_out_low_attributes_and_unsupported_ones_can_be_dropped()
    {
        var (status, body) = await PostAsync(new
        {
            comment = new { text = "Merci beaucoup pour l'information!" },
            requestedAttributes = new Dictionary<string, object> { ["TOXICITY"] = new { scoreThreshold = 0.9 }, ["POLITICAL"] = new { }, ["INSULT"] = new { } },
            dropUnsupportedAttributes = true,
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["POLITICAL"], body.GetProperty("attributeScores").EnumerateObject().Select(a => a.Name));
    }

    [Fact]
    public async Task Unsupported_attribute_gets_perspectives_400_naming_the_supported_ones()
    {
        var response = await service.CreateClient().PostAsJsonAsync(Analyze, new { comment = new { text = "Bonjour" }, requestedAttributes = new { INSULT = new { } } }, AsWritten);

        var problem = await ProblemDetailsTests.AssertProblemAsync(response, 400, "unsupported_attribute", "INSULT");
        var error = problem.GetProperty("error");
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        foreach (var name in new[] { "INSULT", "TOXICITY", "OFF_TOPIC", "POLITICAL", "COMMERCIAL", "PERSONAL_INFO", "SHOUTING" })
            Assert.Contains(name, error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task Unsupported_language_gets_perspectives_400(string language)
    {
        var response = await service.CreateClient().PostAsJsonAsync(Analyze,
            new { comment = new { text = "Hello there" }, requestedAttributes = new { TOXICITY = new { } }, languages = new[] { language } }, AsWritten);

        var problem = await ProblemDetailsTests.AssertProblemAsync(response, 400, "unsupported_language", language);
        Assert.StartsWith($"Attribute TOXICITY does not support request languages: {language}", problem.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Quebec_french_language_tags_are_accepted()
    {
        var (status, body) = await PostAsync(new { comment = new { text = "Bonjour" }, requestedAttributes = new { TOXICITY = new { } }, languages = new[] { "fr-CA" } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("fr-CA", body.GetProperty("languages")[0].GetString());
    }

    [Fact]
    public async Task Empty_comment_and_no_attributes_get_perspectives_400()
    {
        var client = service.CreateClient();
        var empty = await ProblemDetailsTests.AssertProblemAsync(
            await client.PostAsJsonAsync(Analyze, new { comment = new { text = "" }, requestedAttributes = new { TOXICITY = new { } } }, AsWritten), 400, "empty_comment", "empty");
        Assert.Equal("Comment must be non-empty.", empty.GetProperty("error").GetProperty("message").GetString());
        await ProblemDetailsTests.AssertProblemAsync(
            await client.PostAsJsonAsync(Analyze, new { comment = new { text = "Bonjour" }, requestedAttributes = new { } }, AsWritten), 400, "no_attributes", "no attributes");
        await ProblemDetailsTests.AssertProblemAsync(
            await client.PostAsJsonAsync(Analyze, new { comment = new { text = "Bonjour" }, requestedAttributes = new { TOXICITY = new { scoreType = "PERCENTILE" } } }, AsWritten),
            400, "unsupported_score_type", "percentile");
    }

    private async Task<double> ScoreAsync(string text, string attribute)
    {
        var (status, body) = await PostAsync(new { comment = new { text }, requestedAttributes = new Dictionary<string, object> { [attribute] = new { } } });
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("attributeScores").GetProperty(attribute).GetProperty("summaryScore").GetProperty("value").GetDouble();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(object request)
    {
        var response = await service.CreateClient().PostAsJsonAsync(Analyze, request, AsWritten);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
