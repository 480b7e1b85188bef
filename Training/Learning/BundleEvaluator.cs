using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Training.Learning;

/// <summary>One labelled row as a bundle judged it, with the bundle's own thresholds (<paramref name="Bundle"/>).</summary>
public sealed record ScoredRow(LabelledComment Row, Verdict Verdict, BundleManifest Bundle)
{
    /// <summary>
    /// At or above the bundle's remove threshold (when its precision target was reached), whatever
    /// the policy: what the model would remove if the town let it, which is what evaluating and
    /// confirming a remove threshold measures.
    /// </summary>
    public bool AboveBundleRemove(Category category)
    {
        var thresholds = Bundle.For(category).Thresholds;
        return thresholds.RemoveTargetReached && Verdict[category].Probability >= thresholds.Remove;
    }
}

/// <summary>
/// Evaluates a loaded bundle through the public scorer, exactly as a moderation app would call
/// it, so the metrics `train` records and those `evaluate` prints come from the same code path.
/// </summary>
public static class BundleEvaluator
{
    public static IReadOnlyList<ScoredRow> Score(NetiquetteScorer scorer, IReadOnlyList<LabelledComment> rows) =>
        // Metrics need no evidence: the report explains its few worst errors itself.
        scorer.ScoreMany(rows.Select(r => r.ToComment()), Explanations.None).Zip(rows, (v, r) => new ScoredRow(r, v, scorer.Bundle.Manifest)).ToList();

    /// <summary>Metrics per category; only <paramref name="labelled"/> ones (default: all) when a file labels some categories only.</summary>
    public static Dictionary<string, CategoryMetrics> Metrics(IReadOnlyList<ScoredRow> scored, IReadOnlyList<Category>? labelled = null)
    {
        var result = new Dictionary<string, CategoryMetrics>();
        foreach (var category in labelled ?? Categories.All)
        {
            // A row whose file lacks an optional column (complaint) counts neither for nor against that category.
            var rows = scored.Where(s => s.Row.HasLabel(category)).ToList();
            if (rows.Count == 0) continue;
            var probabilities = rows.Select(s => s.Verdict[category].Probability).ToArray();
            var labels = rows.Select(s => s.Row.Label(category)).ToArray();
            var flagged = BinaryMetrics.At(rows.Select(s => s.Verdict[category].Flagged ? 1.0 : 0.0).ToArray(), labels, 0.5);
            var removed = BinaryMetrics.At(rows.Select(s => s.AboveBundleRemove(category) ? 1.0 : 0.0).ToArray(), labels, 0.5);
            result[category.Name()] = new CategoryMetrics
            {
                Rows = rows.Count,
                Support = labels.Count(l => l),
                Precision = Round(flagged.Precision),
                Recall = Round(flagged.Recall),
                F1 = Round(flagged.F1),
                AveragePrecision = Round(BinaryMetrics.AveragePrecision(probabilities, labels)),
                RocAuc = Round(BinaryMetrics.RocAuc(probabilities, labels)),
                TruePositives = flagged.TruePositives,
                FalsePositives = flagged.FalsePositives,
                FalseNegatives = flagged.FalseNegatives,
                TrueNegatives = flagged.TrueNegatives,
                RemovePrecision = Round(removed.Precision),
                RemoveRecall = Round(removed.Recall),
            };
        }
        return result;
    }

    private static double Round(double x) => double.IsNaN(x) ? 0 : Math.Round(x, 4);

    /// <summary>
    /// The per-category table printed by train and evaluate. A category without a column in the
    /// file is shown as absent, and a measure with nothing to measure (precision with no comment
    /// flagged, AP without positives) as n/a, never as a zero that reads like a failure.
    /// </summary>
    public static string Table(IReadOnlyDictionary<string, CategoryMetrics> metrics, BundleManifest manifest)
    {
        var lines = new List<string>
        {
            $"{"catégorie",-11}{"positifs",8}{"précision",11}{"rappel",8}{"F1",7}{"AP",7}{"ROC AUC",9}{"signal",8}{"retrait",8}  apprenant",
        };
        foreach (var category in Categories.All)
        {
            var c = manifest.For(category);
            var remove = c.Thresholds.RemoveTargetReached ? c.Thresholds.Remove.ToString("0.000") : " aucun";
            if (!metrics.TryGetValue(category.Name(), out var m))
            {
                lines.Add($"{category.Name(),-11}{"absente : pas de colonne d'étiquette dans ce fichier",-60}{c.Thresholds.Flag,8:0.000}{remove,8}  {c.Learner}");
                continue;
            }
            var flagged = m.TruePositives + m.FalsePositives > 0;
            var bothClasses = m.Support > 0 && m.Support < m.Rows;
            lines.Add($"{category.Name(),-11}{m.Support,8}{Shown(m.Precision, flagged),11}{Shown(m.Recall, m.Support > 0),8}{Shown(m.F1, m.Support > 0),7}" +
                      $"{Shown(m.AveragePrecision, m.Support > 0),7}{Shown(m.RocAuc, bothClasses),9}{c.Thresholds.Flag,8:0.000}{remove,8}  {c.Learner}");
        }
        return string.Join(Environment.NewLine, lines);
    }

    private static string Shown(double value, bool defined) => defined ? value.ToString("0.000") : "n/d";
}
