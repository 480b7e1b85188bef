using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Training.Data;
using NetiquetteML.Training.Learning;
using NetiquetteML.Training.Reports;

namespace NetiquetteML.Training.Bundles;

/// <summary>
/// A champion and a challenger evaluated on the same rows: per-category metrics side by side,
/// the comments whose action changed, and whether the challenger regresses beyond a tolerance:
/// a drop of average precision or of F1 at the flag threshold larger than the tolerance, in any category.
/// </summary>
public sealed record BundleComparison(
    int Rows,
    IReadOnlyDictionary<string, CategoryMetrics> Champion,
    IReadOnlyDictionary<string, CategoryMetrics> Challenger,
    IReadOnlyList<(ScoredRow Before, ScoredRow After)> Changed,
    IReadOnlyList<string> Regressions)
{
    public bool Passes => Regressions.Count == 0;

    public static BundleComparison Run(NetiquetteScorer champion, NetiquetteScorer challenger, IReadOnlyList<LabelledComment> rows, double tolerance)
    {
        if (rows.Count == 0) throw new InvalidOperationException("no rows to compare the bundles on.");
        var before = BundleEvaluator.Score(champion, rows);
        var after = BundleEvaluator.Score(challenger, rows);
        var a = BundleEvaluator.Metrics(before);
        var b = BundleEvaluator.Metrics(after);
        var regressions = new List<string>();
        foreach (var category in Categories.All.Select(c => c.Name()))
        {
            if (b[category].AveragePrecision < a[category].AveragePrecision - tolerance)
                regressions.Add($"{category} : AP {a[category].AveragePrecision:0.000} -> {b[category].AveragePrecision:0.000}");
            // F1 at the flag threshold rather than precision alone: with a few dozen positives, precision
            // at a threshold swings with every comment, while a real loss shows in both precision and recall.
            if (b[category].F1 < a[category].F1 - tolerance)
                regressions.Add($"{category} : F1 au seuil de signalement {a[category].F1:0.000} -> {b[category].F1:0.000}");
        }
        var changed = before.Zip(after).Where(p => p.First.Verdict.Action != p.Second.Verdict.Action).ToList();
        return new BundleComparison(rows.Count, a, b, changed, regressions);
    }

    /// <summary>The comparison table and changed verdicts, each with its true labels, in redacted text; <paramref name="maxChanged"/> null lists them all.</summary>
    public IEnumerable<string> Describe(int? maxChanged = 30)
    {
        yield return $"{Rows} commentaires, mesures au seuil de signalement de chaque modèle (en service -> challenger) :";
        yield return $"{"catégorie",-11}{"précision",-27}{"rappel",-27}{"F1",-27}{"AP",-27}";
        foreach (var c in Categories.All.Select(c => c.Name()))
        {
            var (x, y) = (Champion[c], Challenger[c]);
            yield return $"{c,-11}{Cell(x.Precision, y.Precision),-27}{Cell(x.Recall, y.Recall),-27}{Cell(x.F1, y.F1),-27}{Cell(x.AveragePrecision, y.AveragePrecision),-27}";
        }
        yield return $"{Changed.Count} commentaire(s) changent de décision (vraies étiquettes entre crochets) :";
        var shown = maxChanged ?? Changed.Count;
        foreach (var (before, after) in Changed.Take(shown))
            yield return $"  {before.Row.Id}: {Short(before.Verdict.Action)} -> {Short(after.Verdict.Action)}  [{TrueLabels(before.Row)}]  « {ReportAnalysis.Shorten(after.Verdict.RedactedText, 90)} »";
        if (Changed.Count > shown) yield return $"  … et {Changed.Count - shown} autre(s) (--all les affiche tous).";
        yield return Passes ? "verdict : le challenger ne recule sur aucune catégorie." : "verdict : RECUL — " + string.Join(" ; ", Regressions);
    }

    /// <summary>The categories a person labelled the comment with, « acceptable » when none.</summary>
    public static string TrueLabels(LabelledComment row) =>
        Categories.All.Where(row.Label).Select(c => c.Name()).ToList() is { Count: > 0 } labels ? string.Join(",", labels) : "acceptable";

    private static string Short(ModerationAction action) => action switch
    {
        ModerationAction.Allow => "publier",
        ModerationAction.Review => "vérifier",
        _ => "retirer",
    };

    private static string Cell(double a, double b) => $"{a:0.000} -> {b:0.000} ({b - a:+0.000;-0.000;+0.000})";
}
