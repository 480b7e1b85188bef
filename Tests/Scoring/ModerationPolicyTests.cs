using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Scoring;

/// <summary>
/// One test per rule of the policy, each built so that deleting or weakening its rule fails it:
/// thresholds are forced to 0 (every comment at or above them) so that the model's own opinion
/// plays no part, and every test asserts the exact action, not merely « not Allow ».
/// </summary>
public class ModerationPolicyTests
{
    private const string Plain = "Bonne journée à toute l'équipe de la bibliothèque";

    private static Verdict Score(string policyJson, string text, string? post = null) =>
        NetiquetteScorer.Load(TrainedBundle.Shared.Directory, ModerationPolicy.FromJson(policyJson)).Score(new Comment(text, post));

    private static string Forced(string category, string extra = "") =>
        $$"""{ "thresholdOverrides": { "{{category}}": { "flag": 0.0, "remove": 0.0 } }{{extra}} }""";

    [Fact]
    public void By_default_a_category_at_its_remove_threshold_goes_to_review_not_removal()
    {
        var verdict = Score(Forced("offensive"), Plain);
        Assert.True(verdict[Category.Offensive].Flagged);
        Assert.False(verdict[Category.Offensive].AboveRemove);
        Assert.Equal(ModerationAction.Review, verdict.Action);
    }

    [Fact]
    public void A_confirmed_category_at_its_remove_threshold_removes()
    {
        var verdict = Score(Forced("offensive", """, "autoRemoveCategories": ["offensive"]"""), Plain);
        Assert.True(verdict[Category.Offensive].AboveRemove);
        Assert.Equal(ModerationAction.Remove, verdict.Action);
    }

    [Fact]
    public void A_confirmed_category_only_flagged_goes_to_review()
    {
        var verdict = Score("""{ "autoRemoveCategories": ["commercial"], "thresholdOverrides": { "commercial": { "flag": 0.0, "remove": 1.0 } } }""", Plain);
        Assert.True(verdict[Category.Commercial].Flagged);
        Assert.Equal(ModerationAction.Review, verdict.Action);
    }

    [Fact]
    public void Off_topic_never_removes_on_its_own_and_a_policy_cannot_make_it()
    {
        var verdict = Score(Forced("off_topic"), Plain);
        Assert.Equal(ModerationAction.Review, verdict.Action);
        var error = Assert.Throws<ArgumentException>(() => ModerationPolicy.FromJson("""{ "autoRemoveCategories": ["off_topic"] }"""));
        Assert.Contains("off_topic", error.Message);
        Assert.True(ModerationPolicy.Default.IsReviewOnly(Category.OffTopic));
    }

    [Fact]
    public void Personal_information_removes_by_default_and_follows_its_setting()
    {
        const string Phone = "Appelez-moi au 819-555-0142";
        Assert.Equal(ModerationAction.Remove, Score("""{ "thresholdOverrides": { "offensive": { "flag": 1.0 }, "off_topic": { "flag": 1.0 }, "political": { "flag": 1.0 }, "commercial": { "flag": 1.0 } } }""", Phone).Action);
        Assert.Equal(ModerationAction.Review, Score("""{ "personalInfoAction": "Review", "thresholdOverrides": { "offensive": { "flag": 1.0 }, "off_topic": { "flag": 1.0 }, "political": { "flag": 1.0 }, "commercial": { "flag": 1.0 } } }""", Phone).Action);
    }

    [Fact]
    public void Shouting_alone_goes_to_review_and_follows_its_setting()
    {
        const string NoModel = """ "thresholdOverrides": { "offensive": { "flag": 1.0 }, "off_topic": { "flag": 1.0 }, "political": { "flag": 1.0 }, "commercial": { "flag": 1.0 } } """;
        const string Shout = "BONJOUR À TOUS LES CITOYENS DE LA VILLE";
        Assert.Equal(ModerationAction.Review, Score("{" + NoModel + "}", Shout).Action);
        Assert.Equal(ModerationAction.Allow, Score("""{ "shoutingAction": "Allow", """ + NoModel + "}", Shout).Action);
    }

    [Fact]
    public void A_town_term_allowed_in_a_category_keeps_that_category_from_flagging()
    {
        // Commercial forced to flag everything, the other categories kept out of the way.
        const string policy = """
            { "thresholdOverrides": { "commercial": { "flag": 0.0, "remove": 0.0 }, "offensive": { "flag": 1.0 }, "off_topic": { "flag": 1.0 }, "political": { "flag": 1.0 } },
              "terms": [ { "phrase": "Les Foreurs", "rule": "Allow", "category": "commercial" } ] }
            """;
        var allowed = Score(policy, "Les FOREURS ont gagné 4-3 en prolongation hier");
        Assert.False(allowed[Category.Commercial].Flagged);
        Assert.Equal(ModerationAction.Allow, allowed.Action);
        var other = Score(policy, "Les Huskies ont gagné 4-3 en prolongation hier");
        Assert.True(other[Category.Commercial].Flagged);
    }

    [Fact]
    public void A_town_term_to_review_sends_the_comment_to_review_with_the_towns_note()
    {
        var policy = """{ "thresholdOverrides": { "offensive": { "flag": 1.0 }, "off_topic": { "flag": 1.0 }, "political": { "flag": 1.0 }, "commercial": { "flag": 1.0 } }, "terms": [ { "phrase": "pont Bell", "rule": "Review", "note": "sujet en litige" } ] }""";
        var verdict = Score(policy, "Le PONT BELL est encore fermé?");
        Assert.Equal(ModerationAction.Review, verdict.Action);
        Assert.Contains(verdict.Reasons, r => r.Contains("pont Bell") && r.Contains("sujet en litige"));
        Assert.Equal(ModerationAction.Allow, Score(policy, "Le pont de la rivière est encore fermé?").Action);
    }

    [Theory]
    [InlineData("""{ "shoutingActon": "Allow" }""", "shoutingActon", "shoutingAction")]
    [InlineData("""{ "shoutingAction": "Delete" }""", "shoutingAction", "Allow, Review, Remove")]
    [InlineData("""{ "autoRemoveCategories": ["offensif"] }""", "offensif", "offensive, off_topic, political, commercial")]
    [InlineData("""{ "thresholdOverrides": { "political": { "flag": 1.5 } } }""", "political", "[0, 1]")]
    [InlineData("""{ "terms": [ { "phrase": "calice", "rule": "Allow" } ] }""", "calice", "offensive")]
    public void A_policy_file_with_an_unknown_key_or_value_is_refused_naming_what_is_allowed(string json, string named, string allowed)
    {
        var error = Assert.Throws<ArgumentException>(() => ModerationPolicy.FromJson(json));
        Assert.Contains(named, error.Message);
        Assert.Contains(allowed, error.Message);
        Assert.DoesNotContain("NetiquetteML.", error.Message);
    }

    [Fact]
    public void A_policy_written_by_the_code_reads_back_the_same()
    {
        var policy = ModerationPolicy.FromJson("""{ "autoRemoveCategories": ["offensive"], "terms": [ { "phrase": "calice", "rule": "Allow", "category": "offensive" } ] }""");
        var again = ModerationPolicy.FromJson(policy.ToJson());
        Assert.Equal(policy.ToJson(), again.ToJson());
    }

    [Fact]
    public void A_complaint_never_changes_the_action_and_carries_the_reply_to_post()
    {
        var verdict = Score(Forced("complaint"), Plain);
        Assert.True(verdict[Category.Complaint].Flagged);
        Assert.Equal(ModerationAction.Allow, verdict.Action);
        Assert.Equal(ModerationPolicy.DefaultComplaintReply, verdict.SuggestedReply);
        Assert.Contains(verdict.Reasons, r => r.StartsWith("Plainte ou demande de service", StringComparison.Ordinal) && r.Contains("819 737-2296"));
    }

    [Fact]
    public void A_comment_that_is_no_complaint_carries_no_reply()
    {
        var verdict = Score("""{ "thresholdOverrides": { "complaint": { "flag": 1.0 } } }""", Plain);
        Assert.False(verdict[Category.Complaint].Flagged);
        Assert.Null(verdict.SuggestedReply);
    }

    [Fact]
    public void The_town_rewords_the_complaint_reply_in_its_policy()
    {
        var verdict = Score(Forced("complaint", """, "complaintReply": "Merci! Appelez le 819 737-2296, poste 221." """), Plain);
        Assert.Equal("Merci! Appelez le 819 737-2296, poste 221.", verdict.SuggestedReply);
    }

    [Theory]
    [InlineData("""{ "autoRemoveCategories": ["complaint"] }""", "complaint")]
    [InlineData("""{ "complaintReply": "  " }""", "complaintReply")]
    public void A_policy_cannot_remove_complaints_nor_leave_them_without_a_reply(string json, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => ModerationPolicy.FromJson(json));
        Assert.Contains(named, e.Message);
    }
}
