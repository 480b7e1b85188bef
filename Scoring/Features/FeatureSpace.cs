using System.Text.Json;
using System.Text.Json.Serialization;
using NetiquetteML.Scoring.Text;

namespace NetiquetteML.Scoring.Features;

/// <summary>
/// The vector every category model reads, chosen once per training run and shipped in the bundle
/// (features.json): the word and character n-grams the trainer kept, then the dense signals of <see cref="CommentFeaturizer"/> scaled to [-1, 1],
/// then one count per <see cref="LexiconCategory"/> of the bundle's <see cref="Lexicon"/>. Training and
/// scoring both turn a <see cref="ModelInput"/> into this vector through <see cref="Vectorize"/>,
/// so there is one featurisation, not one per side.
/// </summary>
/// <remarks>
/// Layout: [word n-grams | character n-grams | signals | lexicon counts]. Each n-gram family holds counts scaled to
/// unit length (L2) separately, so a long comment's hundreds of character n-grams do not drown its
/// words.
/// </remarks>
public sealed class FeatureSpace
{
    public const string FileName = "features.json";
    public const int CurrentFormat = 2;

    /// <summary>A lexicon count of this many or more is the signal's top value (1): the fourth insult says little the third did not.</summary>
    public const int LexiconCountCap = 3;

    private readonly uint[] _wordHashes;
    private readonly uint[] _charHashes;
    private readonly float[] _signalScales;
    private readonly NgramTable _words;
    private readonly NgramTable _chars;

    private FeatureSpace(uint[] wordHashes, uint[] charHashes, float[] signalScales, int minimumDocuments, Lexicon lexicon, WordAssociations associations)
    {
        MinimumDocuments = minimumDocuments;
        Lexicon = lexicon;
        Associations = associations;
        if (signalScales.Length != CommentFeaturizer.SignalCount)
            throw new ArgumentException($"{signalScales.Length} signal scales for {CommentFeaturizer.SignalCount} signals.", nameof(signalScales));
        _wordHashes = wordHashes;
        _charHashes = charHashes;
        _signalScales = signalScales;
        _words = new NgramTable(wordHashes, 0);
        _chars = new NgramTable(charHashes, wordHashes.Length);
    }

    /// <summary>The words and phrases counted per category into the last features (compiled into the bundle at training time).</summary>
    public Lexicon Lexicon { get; }

    /// <summary>The comment–post word associations learned from the training comments (signal <c>post_word_association</c>).</summary>
    public WordAssociations Associations { get; }

    /// <summary>Fewest training comments an n-gram had to occur in to be kept.</summary>
    public int MinimumDocuments { get; }

    public int WordFeatures => _wordHashes.Length;
    public int CharFeatures => _charHashes.Length;
    public int SignalOffset => _wordHashes.Length + _charHashes.Length;

    public int LexiconOffset => SignalOffset + _signalScales.Length;

    /// <summary>Length of the vector: n-grams kept, the signals, the lexicon counts.</summary>
    public int Count => LexiconOffset + Lexicon.Categories.Count;

    /// <summary>Names of the dense features after the n-grams, in vector order.</summary>
    public static IReadOnlyList<string> DenseFeatureNames { get; } =
        [.. CommentFeaturizer.SignalNames, .. Lexicon.Categories.Select(c => "lexicon_" + c.ToString().ToLowerInvariant())];

    /// <summary>A space over the given n-gram hashes (chosen by the trainer), signal scales and lexicon.</summary>
    internal static FeatureSpace Create(uint[] wordHashes, uint[] charHashes, float[] signalScales, int minimumDocuments, Lexicon lexicon) =>
        new(wordHashes, charHashes, signalScales, minimumDocuments, lexicon, WordAssociations.Empty);

    /// <summary>The same space, shipping the word associations its inputs' signal <c>post_word_association</c> was read with.</summary>
    internal FeatureSpace WithAssociations(WordAssociations associations) =>
        new(_wordHashes, _charHashes, _signalScales, MinimumDocuments, Lexicon, associations);

    /// <summary>
    /// Writes the features of <paramref name="input"/> into <paramref name="buffer"/> (cleared
    /// first). Allocates nothing: the buffer is reused from comment to comment.
    /// </summary>
    public void Vectorize(ModelInput input, FeatureBuffer buffer)
    {
        buffer.Reset(Count);
        var sink = new Accumulator(this, buffer);
        NgramHashes.Enumerate(input.Text.AsSpan(), ref sink);
        buffer.ScaleToUnitLength(WordFeatures, SignalOffset);
        for (var k = 0; k < _signalScales.Length; k++)
        {
            var value = input.Signals[k] * _signalScales[k];
            if (value != 0) buffer.Set(SignalOffset + k, Math.Clamp(value, -1f, 1f));
        }
        Span<int> counts = stackalloc int[Lexicon.Categories.Count];
        counts.Clear();
        Lexicon.Count(input.Text, counts);
        for (var k = 0; k < counts.Length; k++)
        {
            if (counts[k] != 0) buffer.Set(LexiconOffset + k, (float)Math.Min(counts[k], LexiconCountCap) / LexiconCountCap);
        }
    }

    /// <summary>What signal <paramref name="signal"/> of <see cref="CommentFeaturizer.SignalNames"/> becomes in the vector when it is <paramref name="value"/>.</summary>
    public float ScaledSignal(int signal, float value) => Math.Clamp(value * _signalScales[signal], -1f, 1f);

    /// <summary>
    /// Every occurrence of a kept n-gram in <paramref name="normalizedText"/>: its feature index and the
    /// characters [start, end) of the text it covers (for explanations; the scorer never calls it).
    /// </summary>
    public List<NgramOccurrence> Locate(string normalizedText) =>
        // About five n-grams per character: sized once instead of grown.
        Locate(normalizedText, new List<NgramOccurrence>(5 * normalizedText.Length + 8));

    /// <summary>As <see cref="Locate(string)"/>, into <paramref name="found"/> (cleared first: a caller's list reused from comment to comment).</summary>
    public List<NgramOccurrence> Locate(string normalizedText, List<NgramOccurrence> found)
    {
        found.Clear();
        var sink = new Locator(this, found);
        NgramHashes.Enumerate(normalizedText.AsSpan(), ref sink);
        return found;
    }

    /// <summary>
    /// Fills <paramref name="subset"/> with the n-grams among <paramref name="features"/> (feature
    /// indexes; the dense ones are left out) for <see cref="Locate(string, List{NgramOccurrence}, NgramSubset)"/>.
    /// </summary>
    internal void Subset(ReadOnlySpan<int> features, NgramSubset subset)
    {
        subset.Reset(features.Length);
        foreach (var f in features)
        {
            if (f < WordFeatures) subset.Add(_wordHashes[f], f, word: true);
            else if (f < SignalOffset) subset.Add(_charHashes[f - WordFeatures], f, word: false);
        }
    }

    /// <summary>
    /// As <see cref="Locate(string, List{NgramOccurrence})"/>, only the occurrences of the n-grams in
    /// <paramref name="subset"/>: the same ones, in the same order, as the full list filtered.
    /// </summary>
    internal List<NgramOccurrence> Locate(string normalizedText, List<NgramOccurrence> found, NgramSubset subset)
    {
        found.Clear();
        var sink = new SubsetLocator(subset, found);
        NgramHashes.Enumerate(normalizedText.AsSpan(), ref sink);
        return found;
    }

    public string ToJson() => JsonSerializer.Serialize(new Stored
    {
        Format = CurrentFormat,
        WordNgramLength = NgramHashes.WordNgramLength,
        CharNgramLength = NgramHashes.CharNgramLength,
        ShortestCharNgram = NgramHashes.ShortestCharNgram,
        MinimumDocuments = MinimumDocuments,
        Signals = CommentFeaturizer.SignalNames.ToList(),
        SignalScales = _signalScales,
        WordHashes = _wordHashes,
        CharHashes = _charHashes,
        Lexicon = Lexicon.Entries.Select(e => new StoredLexiconEntry { Term = e.Term, Category = e.Category.ToString() }).ToList(),
        Associations = Associations.ToStored(),
    }, JsonOptions);

    /// <summary>Reads features.json; throws <see cref="FormatException"/> when it is not one this code wrote.</summary>
    public static FeatureSpace FromJson(string json)
    {
        Stored stored;
        try
        {
            stored = JsonSerializer.Deserialize<Stored>(json, JsonOptions) ?? throw new FormatException("the file is empty (null)");
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON ({e.Message})", e);
        }
        if (stored.Format != CurrentFormat)
            throw new FormatException($"format {stored.Format}, this code reads format {CurrentFormat}");
        if (stored.WordNgramLength != NgramHashes.WordNgramLength || stored.CharNgramLength != NgramHashes.CharNgramLength || stored.ShortestCharNgram != NgramHashes.ShortestCharNgram)
            throw new FormatException($"word 1–{stored.WordNgramLength}-grams and character {stored.ShortestCharNgram}–{stored.CharNgramLength}-grams, " +
                                      $"this code makes word 1–{NgramHashes.WordNgramLength}-grams and character {NgramHashes.ShortestCharNgram}–{NgramHashes.CharNgramLength}-grams");
        if (stored.Signals is null || !stored.Signals.SequenceEqual(CommentFeaturizer.SignalNames))
            throw new FormatException($"signals [{string.Join(", ", stored.Signals ?? [])}], this code computes [{string.Join(", ", CommentFeaturizer.SignalNames)}]");
        if (stored.SignalScales is null || stored.SignalScales.Length != CommentFeaturizer.SignalCount || stored.SignalScales.Any(s => !float.IsFinite(s)))
            throw new FormatException($"signal scales missing or not finite (expected {CommentFeaturizer.SignalCount})");
        if (stored.Lexicon is null)
            throw new FormatException("no lexicon (bundles of format 2 carry the lexicon they were trained with)");
        var entries = new List<LexiconEntry>(stored.Lexicon.Count);
        foreach (var e in stored.Lexicon)
        {
            if (string.IsNullOrWhiteSpace(e.Term) || !Enum.TryParse<LexiconCategory>(e.Category, out var category) || !Enum.IsDefined(category))
                throw new FormatException($"lexicon entry '{e.Term}' has an unknown category '{e.Category}'; expected {string.Join(", ", Lexicon.Categories)}");
            entries.Add(new LexiconEntry(e.Term, category));
        }
        try
        {
            return new FeatureSpace(stored.WordHashes ?? [], stored.CharHashes ?? [], stored.SignalScales, stored.MinimumDocuments, Lexicon.FromNormalized(entries),
                WordAssociations.FromStored(stored.Associations));
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed class Stored
    {
        public int Format { get; set; }
        public int WordNgramLength { get; set; }
        public int CharNgramLength { get; set; }
        public int ShortestCharNgram { get; set; }
        public int MinimumDocuments { get; set; }
        public List<string>? Signals { get; set; }
        public float[]? SignalScales { get; set; }
        public uint[]? WordHashes { get; set; }
        public uint[]? CharHashes { get; set; }
        public List<StoredLexiconEntry>? Lexicon { get; set; }
        public Dictionary<string, string>? Associations { get; set; }
    }

    private sealed class StoredLexiconEntry
    {
        public string? Term { get; set; }
        public string? Category { get; set; }
    }

    private readonly struct Locator(FeatureSpace space, List<NgramOccurrence> found) : INgramSink
    {
        public List<NgramOccurrence> Found => found;

        public void Word(uint hash, int start, int end)
        {
            var index = space._words.IndexOf(hash);
            if (index >= 0) found.Add(new NgramOccurrence(index, start, end));
        }

        public void Char(uint hash, int start, int end)
        {
            var index = space._chars.IndexOf(hash);
            if (index >= 0) found.Add(new NgramOccurrence(index, start, end));
        }
    }

    private readonly struct SubsetLocator(NgramSubset subset, List<NgramOccurrence> found) : INgramSink
    {
        public void Word(uint hash, int start, int end)
        {
            var index = subset.IndexOf(hash, word: true);
            if (index >= 0) found.Add(new NgramOccurrence(index, start, end));
        }

        public void Char(uint hash, int start, int end)
        {
            var index = subset.IndexOf(hash, word: false);
            if (index >= 0) found.Add(new NgramOccurrence(index, start, end));
        }
    }

    private struct Accumulator(FeatureSpace space, FeatureBuffer buffer) : INgramSink
    {
        public readonly void Word(uint hash, int start, int end)
        {
            var index = space._words.IndexOf(hash);
            if (index >= 0) buffer.Add(index, 1f);
        }

        public readonly void Char(uint hash, int start, int end)
        {
            var index = space._chars.IndexOf(hash);
            if (index >= 0) buffer.Add(index, 1f);
        }
    }
}

/// <summary>One occurrence of a kept n-gram: its feature index and the characters [Start, End) of the normalised text it covers.</summary>
public readonly record struct NgramOccurrence(int Feature, int Start, int End);
