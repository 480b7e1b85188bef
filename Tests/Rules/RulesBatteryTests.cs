using System.Globalization;
using System.Text;
using NetiquetteML.Scoring.Rules;
using Xunit.Abstractions;

namespace NetiquetteML.Tests.Rules;

/// <summary>
/// Runs the <see cref="PersonalInfoDetector"/> over the hand-written <see cref="RulesBattery"/> and measures
/// precision and recall per kind. A finding matches an expectation when it has the same kind and covers the
/// expected substring, extending past it by at most <see cref="Slack"/> characters.
/// </summary>
public sealed class RulesBatteryTests(ITestOutputHelper output)
{
    private const int Slack = 25;
    // At what the battery measures (every kind 1.000): one missed or spurious finding is a regression.
    private const double MinPrecision = 1.0;
    private const double MinRecall = 1.0;

    private static readonly PersonalInfoDetector Detector = new();

    [Fact]
    public void Every_family_has_at_least_150_hand_written_cases()
    {
        foreach (var (family, size) in RulesBattery.FamilySizes)
        {
            output.WriteLine($"{family,-20} {size,4} cases");
        }

        output.WriteLine($"{"total",-20} {RulesBattery.All.Count,4} cases");
        Assert.All(RulesBattery.FamilySizes, pair => Assert.True(pair.Value >= 150, $"{pair.Key} has only {pair.Value} cases"));
    }

    [Fact]
    public void Every_expected_substring_occurs_in_its_text()
    {
        Assert.All(RulesBattery.All, c => Assert.All(c.Expected, e => Assert.Contains(e.Substring, c.Text, StringComparison.Ordinal)));
    }

    [Fact]
    public void Battery_texts_are_unique()
    {
        var duplicates = RulesBattery.All.GroupBy(c => c.Text).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_kind_is_expected_somewhere_in_the_battery()
    {
        var expectedKinds = RulesBattery.All.SelectMany(c => c.Expected).Select(e => e.Kind).ToHashSet();
        Assert.All(Enum.GetValues<PersonalInfoKind>(), kind => Assert.Contains(kind, expectedKinds));
    }

    [Fact]
    public void Precision_and_recall_per_kind_meet_the_bar()
    {
        var stats = Enum.GetValues<PersonalInfoKind>().ToDictionary(k => k, _ => new KindStats());
        var misses = new List<string>();
        foreach (var battery in RulesBattery.All)
        {
            var findings = Detector.Detect(battery.Text);
            var located = Locate(battery);
            var matchedFindings = new bool[findings.Count];
            foreach (var (expectation, start) in located)
            {
                stats[expectation.Kind].Expected++;
                int index = -1;
                for (int i = 0; i < findings.Count; i++)
                {
                    if (Matches(findings[i], expectation, start))
                    {
                        index = i;
                        break;
                    }
                }

                if (index >= 0)
                {
                    stats[expectation.Kind].Recalled++;
                    matchedFindings[index] = true;
                }
                else
                {
                    misses.Add($"MISSED {expectation.Kind} «{expectation.Substring}» in {battery}{Describe(battery.Text, findings)}");
                }
            }

            for (int i = 0; i < findings.Count; i++)
            {
                var finding = findings[i];
                stats[finding.Kind].Found++;
                if (matchedFindings[i] || located.Any(l => Matches(finding, l.Expectation, l.Start)))
                {
                    stats[finding.Kind].Correct++;
                }
                else
                {
                    misses.Add($"FALSE  {finding.Kind} «{battery.Text.Substring(finding.Start, finding.Length)}» in {battery}");
                }
            }
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"kind",-24} {"expected",8} {"found",6} {"precision",9} {"recall",7}");
        foreach (var (kind, s) in stats)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{kind,-24} {s.Expected,8} {s.Found,6} {s.Precision,9:0.000} {s.Recall,7:0.000}");
        }

        output.WriteLine(table.ToString());
        foreach (var miss in misses)
        {
            output.WriteLine(miss);
        }

        Assert.All(stats.Where(p => p.Value.Expected > 0), p =>
        {
            Assert.True(p.Value.Precision >= MinPrecision, $"{p.Key} precision {p.Value.Precision:0.000} < {MinPrecision}");
            Assert.True(p.Value.Recall >= MinRecall, $"{p.Key} recall {p.Value.Recall:0.000} < {MinRecall}");
        });
    }

    [Fact]
    public void Tricky_negatives_raise_no_alarm()
    {
        var alarms = RulesBattery.All
            .Where(c => c.Family == "negatives")
            .Select(c => (c.Text, Findings: Detector.Detect(c.Text)))
            .Where(r => r.Findings.Count > 0)
            .Select(r => r.Text + Describe(r.Text, r.Findings))
            .ToList();
        foreach (var alarm in alarms)
        {
            output.WriteLine(alarm);
        }

        Assert.Empty(alarms);
    }

    private static bool Matches(PersonalInfoFinding finding, Expectation expectation, int start) =>
        finding.Kind == expectation.Kind &&
        finding.Start <= start &&
        finding.End >= start + expectation.Substring.Length &&
        finding.Length <= expectation.Substring.Length + Slack;

    /// <summary>Locates each expectation; repeated substrings take successive occurrences.</summary>
    private static List<(Expectation Expectation, int Start)> Locate(BatteryCase battery)
    {
        var located = new List<(Expectation, int)>();
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var expectation in battery.Expected)
        {
            int from = next.GetValueOrDefault(expectation.Substring);
            int start = battery.Text.IndexOf(expectation.Substring, from, StringComparison.Ordinal);
            if (start < 0)
            {
                start = battery.Text.IndexOf(expectation.Substring, StringComparison.Ordinal);
            }

            next[expectation.Substring] = start + 1;
            located.Add((expectation, start));
        }

        return located;
    }

    private static string Describe(string text, IReadOnlyList<PersonalInfoFinding> findings) =>
        findings.Count == 0
            ? " — found nothing"
            : " — found " + string.Join(", ", findings.Select(f => $"{f.Kind} «{text.Substring(f.Start, f.Length)}»"));

    private sealed class KindStats
    {
        public int Expected { get; set; }

        public int Recalled { get; set; }

        public int Found { get; set; }

        public int Correct { get; set; }

        public double Precision => Found == 0 ? 1.0 : (double)Correct / Found;

        public double Recall => Expected == 0 ? 1.0 : (double)Recalled / Expected;
    }
}
