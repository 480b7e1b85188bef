using NetiquetteML.Scoring;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;
using NetiquetteML.Training.Learning;
using NetiquetteML.Training.Reports;

namespace NetiquetteML.Tests.Reports;

/// <summary>The worst errors of <see cref="ReportAnalysis"/> name the spans that misled the model.</summary>
public class ReportAnalysisTests
{
    private static readonly Lazy<NetiquetteScorer> Shipped = new(() => NetiquetteScorer.Load(Repo.ShippedBundle));

    private static LabelledComment Row(string id, string text, bool offensive) => new(id, "", text, offensive, false, false, false, "test.csv", 2);

    [Fact]
    public void A_false_positive_names_the_words_that_pushed_it_up_redacted()
    {
        var rows = new[] { Row("fp", "Tabarnak que c'est beau, appelez-moi au 819 555-0199 pour les photos", offensive: false) };
        var scored = BundleEvaluator.Score(Shipped.Value, rows);
        Assert.True(scored[0].Verdict[Category.Offensive].Flagged, "precondition: flagged offensive");

        var example = Assert.Single(ReportAnalysis.WorstFalsePositives(scored, Category.Offensive, scorer: Shipped.Value));
        Assert.StartsWith("« Tabarnak » +", example.Misleading);
        Assert.DoesNotContain("555-0199", example.Misleading);
        Assert.Equal("", Assert.Single(ReportAnalysis.WorstFalsePositives(scored, Category.Offensive)).Misleading);
    }

    [Fact]
    public void A_miss_names_the_words_that_held_it_under_the_threshold()
    {
        var rows = new[] { Row("fn", "Merci beaucoup pour l'information, bonne journée à toute l'équipe", offensive: true) };
        var scored = BundleEvaluator.Score(Shipped.Value, rows);
        Assert.False(scored[0].Verdict[Category.Offensive].Flagged, "precondition: not flagged offensive");

        var example = Assert.Single(ReportAnalysis.WorstFalseNegatives(scored, Category.Offensive, scorer: Shipped.Value));
        Assert.Contains("−", example.Misleading);
        Assert.DoesNotContain("+", example.Misleading);
    }
}
