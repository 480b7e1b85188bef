using System.Globalization;
using System.Text;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Scoring.Rules;
using NetiquetteML.Training.Reports;

namespace NetiquetteML.Training.Commands;

/// <summary>A verdict's evidence as people and spreadsheets read it: the comment with its evidence in brackets, the CSV column.</summary>
public static class EvidenceText
{
    /// <summary>Around evidence: braces, since the placeholders of personal information already use square brackets.</summary>
    public const char Open = '{', Close = '}';

    /// <summary>
    /// The comment with each evidence span of the explained categories between braces, personal
    /// information replaced by its placeholder (a span touching one encloses the placeholder whole).
    /// </summary>
    public static string Bracket(string text, IEnumerable<EvidenceSpan> spans, IReadOnlyList<PersonalInfoFinding> findings)
    {
        var ranges = new List<(int Start, int End)>();
        foreach (var s in spans)
        {
            int start = s.Start, end = s.End;
            foreach (var f in findings)
            {
                if (f.Start < end && f.End > start) { start = Math.Min(start, f.Start); end = Math.Max(end, f.End); }
            }
            ranges.Add((Math.Clamp(start, 0, text.Length), Math.Clamp(end, 0, text.Length)));
        }
        var merged = Merge(ranges);
        var redactions = new List<(int Start, int End, string Placeholder)>();
        foreach (var f in findings.OrderBy(f => f.Start))
        {
            int start = Math.Clamp(f.Start, 0, text.Length), end = Math.Clamp(f.End, start, text.Length);
            if (end == start) continue;
            if (redactions.Count > 0 && start < redactions[^1].End) redactions[^1] = redactions[^1] with { End = Math.Max(end, redactions[^1].End) };
            else redactions.Add((start, end, Redactor.Placeholder(f.Kind)));
        }

        var sb = new StringBuilder(text.Length + 2 * merged.Count);
        var r = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            foreach (var m in merged) if (m.End == i && m.End > m.Start) sb.Append(Close);
            if (i == text.Length) break;
            foreach (var m in merged) if (m.Start == i && m.End > m.Start) sb.Append(Open);
            while (r < redactions.Count && redactions[r].End <= i) r++;
            if (r < redactions.Count && redactions[r].Start == i)
            {
                sb.Append(redactions[r].Placeholder);
                // Brackets never fall inside a redacted span (spans were widened to cover it).
                i = redactions[r].End - 1;
                continue;
            }
            sb.Append(text[i]);
        }
        return sb.ToString();
    }

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> ranges)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var (start, end) in ranges.Where(x => x.End > x.Start).OrderBy(x => x.Start).ThenBy(x => x.End))
        {
            if (merged.Count > 0 && start < merged[^1].End) merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            else merged.Add((start, end));
        }
        return merged;
    }

    /// <summary>
    /// The CSV column: for each flagged category, <c>category=start-end[,start-end…]</c> (offsets into
    /// the original text, UTF-16 code units, end exclusive, strongest first), categories joined by « ; ».
    /// A flagged category whose push comes only from the dense signals has an empty list.
    /// </summary>
    public static string Column(Verdict verdict) => string.Join(";", verdict.Evidence
        .Where(e => verdict[e.Category].Flagged)
        .Select(e => e.Category.Name() + "=" + string.Join(",", e.Evidence.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Start}-{s.End}")))));

    /// <summary>The evidence section of the terminal verdict (French).</summary>
    public static void Describe(StringBuilder sb, Verdict verdict, string text)
    {
        if (verdict.Evidence.Count == 0) return;
        sb.AppendLine("Indices (ce qui a fait monter le score) :");
        foreach (var e in verdict.Evidence)
        {
            sb.AppendLine(string.Create(Fr.Culture, $"  {NetiquetteClauses.Label(e.Category)} — score brut {Signed(e.RawScore)} (point de départ {Signed(e.Bias)}) :"));
            sb.AppendLine("    " + Bracket(text, e.Evidence, verdict.PersonalInfo));
            foreach (var s in e.Evidence)
                sb.AppendLine(string.Create(Fr.Culture, $"    « {s.Text} » (caractères {s.Start}–{s.End}) {Signed(s.Contribution)}"));
            var signals = e.Signals.Where(x => x.Contribution > 0).Take(3).ToList();
            if (signals.Count > 0)
                sb.AppendLine("    signaux : " + string.Join(" ; ", signals.Select(x => $"{x.Name} {Signed(x.Contribution)}")));
            sb.AppendLine(string.Create(Fr.Culture, $"    part des signaux dans la poussée : {e.SignalShare:P0}"));
        }
    }

    private static string Signed(double x) => (x >= 0 ? "+" : "−") + Math.Abs(x).ToString("0.00", Fr.Culture);
}
