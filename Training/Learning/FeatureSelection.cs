using System.Runtime.InteropServices;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Features;
using NetiquetteML.Scoring.Text;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Training.Learning;

/// <summary>Which n-grams the feature space keeps (see <see cref="FeatureSelection"/>).</summary>
public sealed class FeatureOptions
{
    /// <summary>N-grams kept per category, the most telling first; the space is their union.</summary>
    public int NgramsPerCategory { get; init; } = 1_500;

    /// <summary>An n-gram seen in fewer training comments than this is never kept: it cannot generalise.</summary>
    public int MinimumDocuments { get; init; } = 2;

    /// <summary>The lexicon whose category counts become features (see <see cref="Lexicon"/>); none by default.</summary>
    public Lexicon Lexicon { get; init; } = Lexicon.Empty;
}

/// <summary>
/// Chooses the feature space from training rows only: every word and character n-gram seen in
/// enough comments is scored against each category's labels (χ² of presence against the label),
/// and the best of each category are kept. A tree ensemble of sixty trees splits on a few hundred
/// features at most, so offering it the whole vocabulary (tens of thousands) only makes every fit
/// slower; and a comment's n-grams outside the space cost nothing at scoring time.
/// </summary>
public static class FeatureSelection
{
    public static FeatureSpace Fit(IReadOnlyList<ModelInput> inputs, IReadOnlyList<LabelledComment> rows, FeatureOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.NgramsPerCategory);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinimumDocuments, 1);
        if (inputs.Count != rows.Count) throw new ArgumentException("one input per labelled row is needed", nameof(inputs));

        var counter = new PresenceCounter();
        var positives = new int[Categories.All.Count];
        // An optional category (complaint) is measured only on the rows that label it.
        var labelled = new int[Categories.All.Count];
        var maxAbs = new float[CommentFeaturizer.SignalCount];
        for (var i = 0; i < inputs.Count; i++)
        {
            foreach (var c in Categories.All)
            {
                if (!rows[i].HasLabel(c)) continue;
                labelled[(int)c]++;
                if (rows[i].Label(c)) positives[(int)c]++;
            }
            counter.Next(rows[i]);
            NgramHashes.Enumerate(inputs[i].Text.AsSpan(), ref counter);
            for (var k = 0; k < maxAbs.Length; k++) maxAbs[k] = Math.Max(maxAbs[k], Math.Abs(inputs[i].Signals[k]));
        }

        var candidates = counter.Counts.Where(kv => kv.Value.Documents >= options.MinimumDocuments).ToList();
        var kept = new HashSet<(bool Word, uint Hash)>();
        foreach (var category in Categories.All)
        {
            var c = (int)category;
            kept.UnionWith(candidates
                .Select(kv => (kv.Key, Score: ChiSquare(kv.Value.DocumentsLabelling(c), kv.Value.Positives(c), positives[c], labelled[c])))
                .Where(x => x.Score > 0) // independent of this category's label: nothing to learn from it
                .OrderByDescending(x => x.Score).ThenBy(x => x.Key.Word).ThenBy(x => x.Key.Hash)
                .Take(options.NgramsPerCategory)
                .Select(x => x.Key));
        }

        var scales = maxAbs.Select(m => m > 0 ? 1f / m : 1f).ToArray();
        return FeatureSpace.Create(
            kept.Where(k => k.Word).Select(k => k.Hash).Order().ToArray(),
            kept.Where(k => !k.Word).Select(k => k.Hash).Order().ToArray(),
            scales, options.MinimumDocuments, options.Lexicon);
    }

    /// <summary>χ² of the 2×2 table (n-gram present or not) × (label 1 or 0).</summary>
    internal static double ChiSquare(int documents, int positiveDocuments, int positives, int total)
    {
        double n = total, a = positiveDocuments, b = documents - positiveDocuments, c = positives - positiveDocuments, d = n - a - b - c;
        var denominator = (a + b) * (c + d) * (a + c) * (b + d);
        return denominator == 0 ? 0 : n * Math.Pow(a * d - b * c, 2) / denominator;
    }

    private struct Presence
    {
        public int Documents;
        public int LastDocument;
        public int Offensive, OffTopic, Political, Commercial, Complaint;

        /// <summary>Documents among the rows that label complaint (the other categories are labelled by every row).</summary>
        public int ComplaintLabelled;

        public readonly int Positives(int category) => (Category)category switch
        {
            Category.Offensive => Offensive,
            Category.OffTopic => OffTopic,
            Category.Political => Political,
            Category.Commercial => Commercial,
            Category.Complaint => Complaint,
            _ => throw new ArgumentOutOfRangeException(nameof(category)),
        };

        public readonly int DocumentsLabelling(int category) => (Category)category == Category.Complaint ? ComplaintLabelled : Documents;
    }

    /// <summary>Counts, per n-gram, the comments it occurs in (once per comment) and how many of them are positive per category.</summary>
    private struct PresenceCounter() : INgramSink
    {
        public readonly Dictionary<(bool Word, uint Hash), Presence> Counts = [];
        private int _document;
        private LabelledComment? _row;

        public void Next(LabelledComment row)
        {
            _document++;
            _row = row;
        }

        public readonly void Word(uint hash, int start, int end) => Count((true, hash));
        public readonly void Char(uint hash, int start, int end) => Count((false, hash));

        private readonly void Count((bool, uint) key)
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(Counts, key, out _);
            if (entry.LastDocument == _document) return;
            entry.LastDocument = _document;
            entry.Documents++;
            if (_row!.Offensive) entry.Offensive++;
            if (_row.OffTopic) entry.OffTopic++;
            if (_row.Political) entry.Political++;
            if (_row.Commercial) entry.Commercial++;
            if (_row.Complaint is { } complaint)
            {
                entry.ComplaintLabelled++;
                if (complaint) entry.Complaint++;
            }
        }
    }
}
