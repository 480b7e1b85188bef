using NetiquetteML.Scoring.Features;

namespace NetiquetteML.Scoring.Text;

/// <summary>A range of the original comment and what its n-grams gave a raw score.</summary>
internal readonly record struct AttributedSpan(int Start, int End, double Contribution);

/// <summary>
/// Turns n-gram contributions into contributions of the words the author typed: each n-gram's
/// contribution is split evenly among its occurrences, each occurrence's share among the
/// characters of the words it covers (a word bigram or a character n-gram across a space feeds
/// both words); each word of the normalised text then maps back to the original through the
/// normaliser's map, and words that map onto overlapping ranges are one span. Nothing is lost:
/// the spans and the unplaced remainder add up to the contributions given.
/// </summary>
internal static class SpanAttribution
{
    public static (List<AttributedSpan> Spans, double Unplaced) Attribute(MappedText text, IReadOnlyList<NgramOccurrence> occurrences,
        IReadOnlyDictionary<int, double> ngramContributions)
    {
        var s = text.Text;
        var tokenAt = new int[s.Length];
        var tokens = new List<(int Start, int End)>();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == ' ') { tokenAt[i] = -1; continue; }
            if (i == 0 || s[i - 1] == ' ') tokens.Add((i, i));
            tokenAt[i] = tokens.Count - 1;
            tokens[^1] = (tokens[^1].Start, i + 1);
        }

        var occurrencesOf = new Dictionary<int, int>();
        foreach (var o in occurrences)
            if (ngramContributions.ContainsKey(o.Feature)) occurrencesOf[o.Feature] = occurrencesOf.GetValueOrDefault(o.Feature) + 1;

        var unplaced = 0.0;
        foreach (var (feature, contribution) in ngramContributions)
            if (!occurrencesOf.ContainsKey(feature)) unplaced += contribution;   // a tree weighing an n-gram the comment lacks

        var perToken = new double[tokens.Count];
        foreach (var o in occurrences)
        {
            if (!ngramContributions.TryGetValue(o.Feature, out var contribution)) continue;
            var share = contribution / occurrencesOf[o.Feature];
            var letters = 0;
            for (var i = o.Start; i < o.End; i++) if (tokenAt[i] >= 0) letters++;
            if (letters == 0) { unplaced += share; continue; }
            for (var i = o.Start; i < o.End; i++)
                if (tokenAt[i] >= 0) perToken[tokenAt[i]] += share / letters;
        }

        var spans = new List<AttributedSpan>(tokens.Count);
        for (var t = 0; t < tokens.Count; t++)
        {
            if (perToken[t] == 0) continue;
            var (start, end) = text.OriginalRange(tokens[t].Start, tokens[t].End);
            if (end <= start) { unplaced += perToken[t]; continue; }
            spans.Add(new AttributedSpan(start, end, perToken[t]));
        }
        return (MergeOverlapping(spans), unplaced);
    }

    private static List<AttributedSpan> MergeOverlapping(List<AttributedSpan> spans)
    {
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        var merged = new List<AttributedSpan>(spans.Count);
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start < merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = new AttributedSpan(last.Start, Math.Max(last.End, span.End), last.Contribution + span.Contribution);
            }
            else merged.Add(span);
        }
        return merged;
    }
}
