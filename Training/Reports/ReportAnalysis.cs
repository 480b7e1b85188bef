using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Rules;
using NetiquetteML.Training.Commands;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Training.Reports;

/// <summary>One misjudged comment, already redacted: safe to print or write to a report.</summary>
/// <param name="Id">The row's id (redacted as well, in case an id holds personal information).</param>
/// <param name="Probability">The calibrated probability of the category.</param>
/// <param name="Text">The comment with its personal information replaced by placeholders.</param>
/// <param name="Post">The post it answers, redacted the same way (empty when unknown).</param>
/// <param name="Misleading">
/// The spans that misled the model, redacted, with their share of the raw score: for a false
/// positive the evidence that pushed it over the threshold, for a miss the spans that held it
/// under (empty when the examples were picked without the scorer).
/// </param>
public sealed record ErrorExample(string Id, double Probability, string Text, string Post, string Misleading = "");

/// <summary>Precision, recall and share of comments flagged at one threshold.</summary>
public sealed record ThresholdPoint(double Threshold, double Precision, double Recall, double FlagRate, int Flagged);

/// <summary>One bin of a reliability (calibration) diagram.</summary>
public sealed record CalibrationBin(double Low, double High, int Count, double MeanProbability, double ObservedRate);

/// <summary>How often the deterministic rules fired over a set of comments: counts only, never the values found.</summary>
/// <param name="Findings">Number of findings per kind (a comment can hold several).</param>
/// <param name="Comments">Number of comments with at least one finding of the kind.</param>
/// <param name="CommentsWithPersonalInfo">Comments with at least one finding of any kind.</param>
/// <param name="ShoutingComments">Comments the shouting rule judged written mostly in capitals.</param>
/// <param name="Rows">Comments examined.</param>
public sealed record RuleCounts(
    IReadOnlyDictionary<PersonalInfoKind, int> Findings,
    IReadOnlyDictionary<PersonalInfoKind, int> Comments,
    int CommentsWithPersonalInfo,
    int ShoutingComments,
    int Rows);

/// <summary>
/// The analyses behind the precision report and the evaluator notebooks, computed from the rows
/// <see cref="BundleEvaluator.Score"/> returns, so that every number matches <c>evaluate</c>.
/// Every text these methods return is redacted.
/// </summary>
public static class ReportAnalysis
{
    /// <summary>The thresholds of the evaluator's trade-off table: 0.05, 0.10, … 0.95.</summary>
    public static IReadOnlyList<double> StandardThresholds { get; } = Enumerable.Range(1, 19).Select(i => Math.Round(i * 0.05, 2)).ToArray();

    public static double[] Probabilities(IReadOnlyList<ScoredRow> scored, Category category) =>
        scored.Select(s => s.Verdict[category].Probability).ToArray();

    public static bool[] Labels(IReadOnlyList<ScoredRow> scored, Category category) =>
        scored.Select(s => s.Row.Label(category)).ToArray();

    /// <summary>Precision, recall and flag rate at one threshold (a comment is flagged when its probability is at or above it).</summary>
    public static ThresholdPoint Point(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, double threshold)
    {
        var c = BinaryMetrics.At(probabilities, labels, threshold);
        var flagged = c.TruePositives + c.FalsePositives;
        return new ThresholdPoint(threshold, Zero(c.Precision), Zero(c.Recall),
            probabilities.Count == 0 ? 0 : (double)flagged / probabilities.Count, flagged);
    }

    /// <summary>The comments flagged (at the bundle's flag threshold) that are not labelled positive, highest probability first.</summary>
    /// <remarks>With <paramref name="scorer"/>, each example names the spans that pushed it up (<see cref="ErrorExample.Misleading"/>).</remarks>
    public static IReadOnlyList<ErrorExample> WorstFalsePositives(IReadOnlyList<ScoredRow> scored, Category category, int count = 20, NetiquetteScorer? scorer = null) =>
        scored.Where(s => s.Verdict[category].Flagged && !s.Row.Label(category))
            .OrderByDescending(s => s.Verdict[category].Probability).ThenBy(s => s.Row.Id, StringComparer.Ordinal)
            .Take(count).Select(s => Example(s, category) with { Misleading = Misleading(scorer, s, category, pushedUp: true) }).ToList();

    /// <summary>The comments labelled positive that were not flagged, lowest probability first.</summary>
    /// <remarks>With <paramref name="scorer"/>, each example names the spans that held it down (<see cref="ErrorExample.Misleading"/>).</remarks>
    public static IReadOnlyList<ErrorExample> WorstFalseNegatives(IReadOnlyList<ScoredRow> scored, Category category, int count = 20, NetiquetteScorer? scorer = null) =>
        scored.Where(s => !s.Verdict[category].Flagged && s.Row.Label(category))
            .OrderBy(s => s.Verdict[category].Probability).ThenBy(s => s.Row.Id, StringComparer.Ordinal)
            .Take(count).Select(s => Example(s, category) with { Misleading = Misleading(scorer, s, category, pushedUp: false) }).ToList();

    /// <summary>
    /// The spans behind an error, explained again for this one category (a miss carries no evidence
    /// in its verdict), each as « text » ±contribution; every text goes through the console redaction too.
    /// </summary>
    private static string Misleading(NetiquetteScorer? scorer, ScoredRow row, Category category, bool pushedUp)
    {
        if (scorer is null) return "";
        var evidence = scorer.Score(row.Row.ToComment(), Explanations.All).EvidenceFor(category);
        if (evidence is null) return "";
        var spans = pushedUp ? evidence.Evidence : evidence.CounterEvidence;
        return string.Join(" ; ", spans.Take(5).Select(s =>
            $"« {SafeConsole.Redact(s.Text)} » {(s.Contribution >= 0 ? "+" : "−")}{Math.Abs(s.Contribution).ToString("0.00", Fr.Culture)}"));
    }

    /// <summary>A scored row as a redacted example: the verdict's redacted text, then the console redaction on top.</summary>
    public static ErrorExample Example(ScoredRow row, Category category) =>
        new(SafeConsole.Redact(row.Row.Id), row.Verdict[category].Probability, SafeComment(row), SafePost(row));

    /// <summary>The comment of a scored row with its personal information replaced by placeholders.</summary>
    public static string SafeComment(ScoredRow row) => SafeConsole.Redact(row.Verdict.RedactedText);

    /// <summary>The post of a scored row, redacted.</summary>
    public static string SafePost(ScoredRow row) => SafeConsole.Redact(row.Row.Post);

    /// <summary>Shortens an already redacted text for a table cell (never shorten before redacting: a cut number could escape detection).</summary>
    public static string Shorten(string redacted, int max)
    {
        var oneLine = string.Join(' ', redacted.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return oneLine.Length <= max ? oneLine : oneLine[..max].TrimEnd() + "…";
    }

    /// <summary>Ten equal-width probability bins; empty bins are left out.</summary>
    public static IReadOnlyList<CalibrationBin> Calibration(IReadOnlyList<ScoredRow> scored, Category category, int bins = 10)
    {
        var probabilities = Probabilities(scored, category);
        var labels = Labels(scored, category);
        var result = new List<CalibrationBin>();
        for (var b = 0; b < bins; b++)
        {
            double low = (double)b / bins, high = (double)(b + 1) / bins;
            var members = Enumerable.Range(0, probabilities.Length)
                .Where(i => probabilities[i] >= low && (probabilities[i] < high || (b == bins - 1 && probabilities[i] <= high)))
                .ToList();
            if (members.Count == 0) continue;
            result.Add(new CalibrationBin(low, high, members.Count,
                members.Average(i => probabilities[i]), members.Count(i => labels[i]) / (double)members.Count));
        }
        return result;
    }

    /// <summary>Expected calibration error: the gap between predicted and observed rates, averaged over bins weighted by size.</summary>
    public static double CalibrationError(IReadOnlyList<CalibrationBin> bins)
    {
        var total = bins.Sum(b => b.Count);
        return total == 0 ? 0 : Math.Round(bins.Sum(b => b.Count * Math.Abs(b.MeanProbability - b.ObservedRate)) / total, 4);
    }

    /// <summary>How often each personal-information kind and the shouting rule fired.</summary>
    public static RuleCounts Rules(IReadOnlyList<ScoredRow> scored)
    {
        var findings = Enum.GetValues<PersonalInfoKind>().ToDictionary(k => k, _ => 0);
        var comments = Enum.GetValues<PersonalInfoKind>().ToDictionary(k => k, _ => 0);
        var withAny = 0;
        var shouting = 0;
        foreach (var s in scored)
        {
            foreach (var f in s.Verdict.PersonalInfo) findings[f.Kind]++;
            foreach (var kind in s.Verdict.PersonalInfo.Select(f => f.Kind).Distinct()) comments[kind]++;
            if (s.Verdict.HasPersonalInfo) withAny++;
            if (s.Verdict.Shouting.IsShouting) shouting++;
        }
        return new RuleCounts(findings, comments, withAny, shouting, scored.Count);
    }

    private static double Zero(double x) => double.IsNaN(x) ? 0 : x;
}
