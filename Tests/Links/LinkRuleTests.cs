using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Links;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Links;

/// <summary>The hyperlink clause in the verdicts of the shipped bundle, under the default and a configured policy.</summary>
public class LinkRuleTests
{
    private const string Ad = "Vente de pneus d'hiver neufs à prix réduit, livraison gratuite, commandez maintenant sur ";

    private static NetiquetteScorer Scorer => ShippedScorer.Shared;

    [Fact]
    public void A_commercial_comment_linking_outside_is_removed_quoting_the_hyperlink_clause()
    {
        var verdict = Scorer.Score(Ad + "https://pneus-rabais.shop/hiver");
        Assert.True(verdict[Category.Commercial].Flagged);
        Assert.Equal(ModerationAction.Remove, verdict.Action);
        Assert.Contains(verdict.Reasons, r => r.Contains("pneus-rabais.shop") && r.Contains(NetiquetteClauses.HyperlinkClause));
        var link = Assert.Single(verdict.Links);
        Assert.Equal("pneus-rabais.shop", link.Domain);
        Assert.False(link.Allowed);
    }

    [Fact]
    public void A_commercial_comment_linking_to_the_town_is_not_removed_by_the_link_rule()
    {
        var verdict = Scorer.Score(Ad + "https://ville.senneterre.qc.ca/marche-de-noel");
        Assert.True(Assert.Single(verdict.Links).Allowed);
        Assert.DoesNotContain(verdict.Reasons, r => r.Contains(NetiquetteClauses.HyperlinkClause));
    }

    /// <summary>
    /// The models learned links from ads (0.77 to 0.87 « commercial » for each of these): the
    /// hyperlink clause judges the words without the link, where each is at 0.00 to 0.02.
    /// </summary>
    [Theory]
    [InlineData("Il y a un article là-dessus dans le journal local https://www.lechoabitibien.ca/actualites/deneigement")]
    [InlineData("Radio-Canada en parle aussi https://ici.radio-canada.ca/regions/abitibi")]
    [InlineData("Environnement Canada annonce 30 cm https://meteo.gc.ca/city/pages/qc-70_metric_f.html")]
    [InlineData("Voici la vidéo de la séance du conseil https://www.youtube.com/watch?v=abc123")]
    [InlineData("Le site de la Croix-Rouge pour les sinistrés https://www.croixrouge.ca")]
    [InlineData("Mon fils a filmé l'inondation https://www.facebook.com/share/v/abc")]
    public void A_citizens_link_to_news_or_public_services_is_never_removed_by_the_hyperlink_clause(string text)
    {
        var verdict = Scorer.Score(text, "Avis à la population : travaux et fermetures de rues cette semaine.");
        Assert.True(Assert.Single(verdict.Links).Outside);
        Assert.NotEqual(ModerationAction.Remove, verdict.Action);
        Assert.DoesNotContain(verdict.Reasons, r => r.Contains(NetiquetteClauses.HyperlinkClause));
    }

    [Fact]
    public void A_shortened_link_goes_to_review_since_its_target_is_unknown()
    {
        var verdict = Scorer.Score("Les photos de la fête d'hier sont ici https://bit.ly/3fete", "Merci à tous pour la fête au parc!");
        Assert.True(Assert.Single(verdict.Links).Shortened);
        Assert.True(verdict.Action >= ModerationAction.Review);
        Assert.Contains(verdict.Reasons, r => r.StartsWith("Lien raccourci (bit.ly)"));
    }

    [Fact]
    public void The_policy_chooses_the_action_for_a_commercial_link_and_the_partners()
    {
        var policy = ModerationPolicy.FromJson("""
            { "links": { "allowedDomains": ["ville.senneterre.qc.ca", "gouv.qc.ca", "pneus-rabais.shop"], "commercialOutsideLinkAction": "Review" } }
            """);
        var scorer = NetiquetteScorer.Load(Repo.ShippedBundle, policy);
        Assert.True(Assert.Single(scorer.Score(Ad + "https://pneus-rabais.shop/hiver").Links).Allowed);
        var outside = scorer.Score(Ad + "https://autre-site.com/hiver");
        Assert.Equal(ModerationAction.Review, outside.Action);
        Assert.Contains(outside.Reasons, r => r.Contains(NetiquetteClauses.HyperlinkClause));
    }

    [Theory]
    [InlineData("""{ "links": { "allowedDomains": ["pas un domaine"] } }""", "domaine invalide")]
    [InlineData("""{ "links": { "shortenedLinkAction": "Block" } }""", "valeurs permises")]
    [InlineData("""{ "links": { "allowList": [] } }""", "clé inconnue")]
    public void A_bad_links_section_is_refused_with_what_is_allowed(string json, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => ModerationPolicy.FromJson(json)).Message);
}
