using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Scoring;

/// <summary>
/// The shipped complaint model on comments written for these tests (in none of the files): service
/// requests are flagged and answered with the town's reply, never removed for being complaints;
/// questions, opinions, thanks and general criticism on the same subjects are not complaints.
/// </summary>
public class ShippedComplaintModelTests
{
    private static readonly Lazy<NetiquetteScorer> Shipped = new(() => NetiquetteScorer.Load(Repo.ShippedBundle));

    [Theory]
    [InlineData("Le lampadaire du parc Bellevue est brisé depuis un mois, qui s'en occupe?")]
    [InlineData("Ça fait deux semaines que notre bac bleu est pas ramassé sur la rue Chabot. Pouvez-vous envoyer le camion?")]
    [InlineData("Il y a un nid-de-poule énorme devant le 45 de la 7e Avenue, j'ai crevé un pneu dedans hier. Réparez-le svp")]
    public void A_service_request_is_flagged_as_a_complaint_and_answered_not_removed(string text)
    {
        var verdict = Shipped.Value.Score(text);
        Assert.True(verdict[Category.Complaint].Flagged, $"« {text} »: complaint {verdict[Category.Complaint].Probability:0.00}");
        Assert.Equal(ModerationPolicy.DefaultComplaintReply, verdict.SuggestedReply);
        Assert.NotEqual(ModerationAction.Remove, verdict.Action);
    }

    [Fact]
    public void The_complaint_flag_was_chosen_for_precision_0_92_with_95_percent_confidence_and_reached_it()
    {
        var thresholds = Shipped.Value.Bundle.Manifest.For(Category.Complaint).Thresholds;
        Assert.Equal((FlagObjective.Precision, 0.92, true), (thresholds.FlagObjective, thresholds.FlagPrecisionTarget, thresholds.FlagTargetReached));
        Assert.True(thresholds.FlagValidationPrecision >= 0.92);
    }

    [Theory]
    [InlineData("Merci aux cols bleus pour le beau travail de déneigement cette semaine!")]
    [InlineData("À quelle heure ouvre l'écocentre samedi?")]
    [InlineData("Je trouve que la hausse de taxes est exagérée cette année.")]
    [InlineData("Bravo pour le nouveau parc, mes enfants l'adorent")]
    public void A_question_thanks_or_opinion_is_no_complaint(string text)
    {
        var verdict = Shipped.Value.Score(text);
        Assert.False(verdict[Category.Complaint].Flagged, $"« {text} »: complaint {verdict[Category.Complaint].Probability:0.00}");
        Assert.Null(verdict.SuggestedReply);
    }
}
