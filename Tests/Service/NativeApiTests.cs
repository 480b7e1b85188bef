using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetiquetteML.Tests.Service.Support;

namespace NetiquetteML.Tests.Service;

/// <summary>POST /v1/moderate and /v1/moderate:batch on the shipped bundle: behaviour, not exact probabilities.</summary>
public sealed class NativeApiTests(ServiceFactory service) : IClassFixture<ServiceFactory>
{
    private const string Phone = "819-555-0199";
    private const string GarageSale = "Vente de garage samedi, appelez " + Phone;

    [Fact]
    public async Task Moderate_finds_a_phone_number_at_its_offsets_and_redacts_it()
    {
        var verdict = await ModerateAsync(new { text = GarageSale, post = "Travaux sur la 10e Avenue lundi", id = "fb-123" });

        Assert.Equal("fb-123", verdict.GetProperty("id").GetString());
        var finding = Assert.Single(verdict.GetProperty("personalInfo").EnumerateArray());
        Assert.Equal("phone", finding.GetProperty("kind").GetString());
        Assert.Equal(GarageSale.IndexOf(Phone, StringComparison.Ordinal), finding.GetProperty("start").GetInt32());
        Assert.Equal(GarageSale.Length, finding.GetProperty("end").GetInt32());
        Assert.Equal("remove", verdict.GetProperty("action").GetString());
        Assert.Equal("Vente de garage samedi, appelez [TÉLÉPHONE]", verdict.GetProperty("redactedText").GetString());
        Assert.Contains(verdict.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("renseignements personnels", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Moderate_flags_an_obvious_sacre_as_offensive()
    {
        var verdict = await ModerateAsync(new { text = "Gang de tabarnak d'innocents au conseil, câlisse!" });

        var offensive = verdict.GetProperty("categories").GetProperty("offensive");
        Assert.True(offensive.GetProperty("flagged").GetBoolean(), offensive.ToString());
        Assert.True(offensive.GetProperty("probability").GetDouble() > 0.5);
        Assert.NotEqual("allow", verdict.GetProperty("action").GetString());
        Assert.Contains(verdict.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("Propos offensants", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Moderate_allows_a_short_thank_you_and_names_the_bundle()
    {
        var verdict = await ModerateAsync(new { text = "Merci beaucoup pour l'information!" });

        Assert.Equal("allow", verdict.GetProperty("action").GetString());
        Assert.Empty(verdict.GetProperty("reasons").EnumerateArray());
        Assert.Equal(5, verdict.GetProperty("categories").EnumerateObject().Count());
        var bundle = verdict.GetProperty("bundle");
        Assert.Equal("netiquette", bundle.GetProperty("name").GetString());
        Assert.Equal(12, bundle.GetProperty("version").GetString()!.Length);
        Assert.True(bundle.GetProperty("trainedUtc").GetDateTimeOffset() > new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Moderate_reports_shouting_from_the_raw_capitals()
    {
        var verdict = await ModerateAsync(new { text = "MERCI À L'ÉQUIPE DES TRAVAUX PUBLICS POUR LE DÉNEIGEMENT!!!" });

        Assert.True(verdict.GetProperty("shouting").GetProperty("isShouting").GetBoolean());
        Assert.NotEqual("allow", verdict.GetProperty("action").GetString());
    }

    [Fact]
    public async Task Batch_answers_in_input_order_with_the_same_verdicts_as_single_calls()
    {
        var comments = Enumerable.Range(0, 40).Select(i => new
        {
            id = $"c-{i}",
            text = (i % 4) switch
            {
                0 => "Merci pour l'info!",
                1 => GarageSale,
                2 => "Tabarnak, encore une panne d'eau",
                _ => $"Votez pour le parti {i} aux prochaines élections",
            },
        }).ToList();

        var response = await service.CreateClient().PostAsJsonAsync("/v1/moderate:batch", new { comments });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var verdicts = body.GetProperty("verdicts").EnumerateArray().ToList();
        Assert.Equal(comments.Select(c => c.id), verdicts.Select(v => v.GetProperty("id").GetString()));
        Assert.Equal("netiquette", body.GetProperty("bundle").GetProperty("name").GetString());

        foreach (var i in new[] { 0, 1, 2, 3 })
        {
            var single = await ModerateAsync(comments[i]);
            Assert.Equal(single.GetProperty("action").GetString(), verdicts[i].GetProperty("action").GetString());
            Assert.Equal(single.GetProperty("categories").ToString(), verdicts[i].GetProperty("categories").ToString());
        }
    }

    [Fact]
    public async Task Batch_of_the_configured_maximum_is_accepted()
    {
        var comments = Enumerable.Range(0, 1000).Select(i => new { text = $"Commentaire numéro {i} sur la collecte" }).ToList();

        var response = await service.CreateClient().PostAsJsonAsync("/v1/moderate:batch", new { comments });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1000, body.GetProperty("verdicts").GetArrayLength());
    }

    [Fact]
    public async Task Moderate_gives_the_evidence_of_a_flagged_category_at_its_offsets_and_redacted()
    {
        const string text = "Gang de t@b@rn@k, appelez-le au 819-555-0199";
        var verdict = await ModerateAsync(new { text });

        var evidence = Assert.Single(verdict.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("category").GetString() == "offensive");
        var spans = evidence.GetProperty("spans").EnumerateArray().ToList();
        Assert.Contains(spans, s => text[s.GetProperty("start").GetInt32()..s.GetProperty("end").GetInt32()] == "t@b@rn@k" && s.GetProperty("text").GetString() == "t@b@rn@k");
        Assert.DoesNotContain("555-0199", verdict.GetProperty("evidence").ToString());
        Assert.NotEmpty(evidence.GetProperty("signals").EnumerateArray());
    }

    [Fact]
    public async Task Moderate_gives_no_evidence_for_an_allowed_comment_unless_asked()
    {
        var allowed = await ModerateAsync(new { text = "Merci pour l'information!" });
        Assert.False(allowed.TryGetProperty("evidence", out _));

        var asked = await ModerateAsync(new { text = "Merci pour l'information!", explain = true });
        Assert.Equal(new[] { "offensive", "off_topic", "political", "commercial", "complaint" },
            asked.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("category").GetString()!).ToArray());
    }

    private async Task<JsonElement> ModerateAsync(object request)
    {
        var response = await service.CreateClient().PostAsJsonAsync("/v1/moderate", request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }
}
