using NetiquetteML.Scoring.Features;
using NetiquetteML.Scoring.Models;

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
/// <remarks>
/// Built once per comment (its words, where they map to, how often each n-gram occurs), then asked
/// once per category explained.
/// </remarks>
internal sealed class SpanAttribution
{
    private readonly MappedText _text;
    private readonly List<NgramOccurrence> _occurrences;
    private readonly int[] _occurrenceCounts;
    private readonly int[] _tokenAt;                       // per character of the normalised text: its word, −1 for a space
    private readonly List<(int Start, int End)> _tokens;   // the words of the normalised text
    private readonly (int Start, int End)[] _typed;        // each word's range of the original, found when first needed
    private readonly bool[] _typedKnown;

    /// <param name="text">The comment, normalised with its map.</param>
    /// <param name="occurrences">Every occurrence of a kept n-gram in <paramref name="text"/>.</param>
    /// <param name="occurrenceCounts">
    /// Per feature, how many of <paramref name="occurrences"/> it has: 0 elsewhere (the caller's
    /// scratch, sized to the feature space, which it clears afterwards).
    /// </param>
    public SpanAttribution(MappedText text, List<NgramOccurrence> occurrences, int[] occurrenceCounts)
    {
        _text = text;
        _occurrences = occurrences;
        _occurrenceCounts = occurrenceCounts;
        var s = text.Text;
        _tokenAt = new int[s.Length];
        _tokens = [];
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == ' ') { _tokenAt[i] = -1; continue; }
            if (i == 0 || s[i - 1] == ' ') _tokens.Add((i, i));
            _tokenAt[i] = _tokens.Count - 1;
            _tokens[^1] = (_tokens[^1].Start, i + 1);
        }
        _typed = new (int, int)[_tokens.Count];
        _typedKnown = new bool[_tokens.Count];
    }

    /// <summary>
    /// The spans of the original that the n-gram contributions of <paramref name="contributions"/>
    /// (features below <paramref name="ngramEnd"/>) land on, merged where they overlap, in order;
    /// and what lands on nothing the author typed.
    /// </summary>
    public (List<AttributedSpan> Spans, double Unplaced) Attribute(ContributionSums contributions, int ngramEnd)
    {
        // The additions below are made in the order of a dictionary filled in credit order, which
        // this code used before: the same sums, bit for bit.
        var unplaced = 0.0;
        foreach (var feature in contributions.Features)
        {
            if (feature < ngramEnd && _occurrenceCounts[feature] == 0) unplaced += contributions[feature];   // a tree weighing an n-gram the comment lacks
        }

        var perToken = new double[_tokens.Count];
        foreach (var o in _occurrences)
        {
            if (!contributions.Has(o.Feature)) continue;
            var share = contributions[o.Feature] / _occurrenceCounts[o.Feature];
            var letters = 0;
            for (var i = o.Start; i < o.End; i++) if (_tokenAt[i] >= 0) letters++;
            if (letters == 0) { unplaced += share; continue; }
            for (var i = o.Start; i < o.End; i++)
                if (_tokenAt[i] >= 0) perToken[_tokenAt[i]] += share / letters;
        }

        var spans = new List<AttributedSpan>(_tokens.Count);
        for (var t = 0; t < _tokens.Count; t++)
        {
            if (perToken[t] == 0) continue;
            var (start, end) = Typed(t);
            if (end <= start) { unplaced += perToken[t]; continue; }
            spans.Add(new AttributedSpan(start, end, perToken[t]));
        }
        return (MergeOverlapping(spans), unplaced);
    }

    private (int Start, int End) Typed(int token)
    {
        if (!_typedKnown[token])
        {
            _typed[token] = _text.OriginalRange(_tokens[token].Start, _tokens[token].End);
            _typedKnown[token] = true;
        }
        return _typed[token];
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
