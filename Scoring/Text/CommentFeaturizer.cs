using System.Collections.Frozen;

namespace NetiquetteML.Scoring.Text;

/// <summary>
/// Builds the one <see cref="ModelInput"/> that both the trainer and the scorer give the models:
/// the normalised comment and dense signals, among them how much the comment shares with the
/// post it answers (what the off-topic model needs most).
/// </summary>
public static class CommentFeaturizer
{
    public const int SignalCount = 15;

    /// <summary>Names of <see cref="ModelInput.Signals"/>, in order, for reports and notebooks.</summary>
    public static readonly IReadOnlyList<string> SignalNames =
    [
        "post_word_overlap", "post_char_cosine", "has_post", "offensive_words", "political_words",
        "commercial_words", "municipal_words", "urls", "amounts", "contacts", "mentions", "log_words",
        "exclamations", "emojis", "mild_oaths",
    ];

    private static readonly FrozenSet<string> StopWords = new[]
    {
        "le", "la", "les", "un", "une", "des", "de", "du", "et", "ou", "a", "au", "aux", "en", "dans", "sur", "pour",
        "par", "avec", "que", "qui", "quoi", "ce", "ca", "cet", "cette", "ces", "est", "sont", "etre", "avoir", "il",
        "elle", "ils", "elles", "on", "nous", "vous", "je", "tu", "me", "te", "se", "mon", "ma", "mes", "ton", "ta",
        "tes", "son", "sa", "ses", "leur", "leurs", "pas", "ne", "plus", "tres", "tout", "tous", "toute", "bien",
        "mais", "si", "y", "l", "d", "c", "j", "n", "s", "t", "m", "qu", "the", "and", "to", "of", "is", "it",
        "xxnombre", "xxmention", "merci", "bonjour", "pis", "faire", "fait", "va", "ai", "as", "ont", "suis",
    }.ToFrozenSet();

    public static ModelInput ToModelInput(Comment comment) => ToModelInput(comment, PostContext.From(comment.Post));

    /// <summary>The model inputs of many comments, each distinct post prepared once (as the scorer's cache does).</summary>
    public static List<ModelInput> ToModelInputs(IEnumerable<Comment> comments)
    {
        var posts = new Dictionary<string, PostContext>(StringComparer.Ordinal);
        return comments.Select(c => ToModelInput(c, string.IsNullOrEmpty(c.Post)
            ? PostContext.None
            : posts.TryGetValue(c.Post, out var post) ? post : posts[c.Post] = PostContext.From(c.Post))).ToList();
    }

    /// <summary>
    /// The same, with the post already prepared: many comments answer the same post, so the
    /// scorer prepares each post once (<see cref="PostContext"/>) instead of once per comment.
    /// </summary>
    internal static ModelInput ToModelInput(Comment comment, PostContext post)
    {
        var text = TextNormalizer.Normalize(comment.Text);
        return new ModelInput { Text = text, Signals = Signals(comment.Text ?? string.Empty, text, post) };
    }

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> OffensiveWords = Lexicons.Offensive.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> MildOathWords = Lexicons.MildOaths.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PoliticalWords = Lexicons.Political.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CommercialWords = Lexicons.Commercial.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> MunicipalWords = Lexicons.Municipal.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Stop = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The dense signals of a comment, from its raw and normalised forms (words read as spans: nothing allocated but the result).</summary>
    internal static float[] Signals(string raw, string text, PostContext post)
    {
        var signals = new float[SignalCount];
        var hasPost = post.Normalized.Length > 0;
        int words = 0, content = 0, shared = 0;
        int mild = 0, offensive = 0, political = 0, commercial = 0, municipal = 0, urls = 0, amounts = 0, contacts = 0, mentions = 0;
        var span = text.AsSpan();
        foreach (var range in span.Split(' '))
        {
            var w = span[range];
            if (w.IsEmpty) continue;
            words++;
            if (OffensiveWords.Contains(w)) offensive++;
            if (MildOathWords.Contains(w)) mild++;
            if (PoliticalWords.Contains(w)) political++;
            if (CommercialWords.Contains(w)) commercial++;
            if (MunicipalWords.Contains(w)) municipal++;
            if (w.SequenceEqual(TextNormalizer.UrlToken)) urls++;
            else if (w.SequenceEqual(TextNormalizer.MoneyToken)) amounts++;
            else if (w.SequenceEqual(TextNormalizer.EmailToken) || w.SequenceEqual(TextNormalizer.PhoneToken)) contacts++;
            else if (w.SequenceEqual(TextNormalizer.MentionToken)) mentions++;

            if (!hasPost || w.Length < 3 || Stop.Contains(w) || !char.IsLetter(w[0])) continue;
            content++;
            // « deneigement » in the post and « deneiger » in the comment are the same subject.
            if (post.WordLookup.Contains(w) || (w.Length >= 5 && post.PrefixLookup.Contains(w[..5]))) shared++;
        }

        if (hasPost)
        {
            signals[0] = content == 0 ? 0f : (float)shared / content;
            signals[1] = CharTrigramCosine(text, post);
            signals[2] = 1f;
        }
        signals[3] = Math.Min(offensive, 5);
        signals[4] = Math.Min(political, 5);
        signals[5] = Math.Min(commercial, 5);
        signals[6] = Math.Min(municipal, 5);
        signals[7] = Math.Min(urls, 3);
        signals[8] = Math.Min(amounts, 3);
        signals[9] = Math.Min(contacts, 3);
        signals[10] = Math.Min(mentions, 3);
        signals[11] = MathF.Log(1 + words);

        // Capitals are deliberately not a model signal: shouting is the rule's business, and the
        // models must judge « TABARNAK » and « tabarnak » alike.
        int marks = 0, emojis = 0;
        var scan = raw.Length > TextNormalizer.MaxInputLength ? raw.AsSpan(0, TextNormalizer.MaxInputLength) : raw.AsSpan();
        foreach (var c in scan)
        {
            if (c is '!' or '?') marks++;
            else if (char.IsHighSurrogate(c)) emojis++;
        }
        signals[12] = Math.Min(marks, 10);
        signals[13] = Math.Min(emojis, 10);
        signals[14] = Math.Min(mild, 3);
        return signals;
    }

    /// <summary>
    /// Cosine of the character-trigram counts of the comment and of the post. The dot product is
    /// the sum, over the comment's trigram occurrences, of the post's count of each; the comment's
    /// squared norm grows by 2c + 1 each time a trigram seen c times comes again. Both are whole
    /// numbers, so this gives exactly what pairing the two count tables would, without sorting.
    /// </summary>
    private static float CharTrigramCosine(string text, PostContext post)
    {
        var n = text.Length - 2;
        if (n <= 0 || post.Trigrams.IsEmpty) return 0f;
        var capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(2 * n));
        var rentedKeys = capacity > 512 ? System.Buffers.ArrayPool<int>.Shared.Rent(capacity) : null;
        var rentedCounts = capacity > 512 ? System.Buffers.ArrayPool<int>.Shared.Rent(capacity) : null;
        var keys = rentedKeys is null ? stackalloc int[capacity] : rentedKeys.AsSpan(0, capacity);
        var counts = rentedCounts is null ? stackalloc int[capacity] : rentedCounts.AsSpan(0, capacity);
        try
        {
            counts.Clear();
            var mask = capacity - 1;
            var bits = System.Numerics.BitOperations.Log2((uint)capacity);
            long dot = 0, norm = 0;
            for (var i = 0; i < n; i++)
            {
                var key = TrigramKey(text, i);
                dot += post.Trigrams.CountOf(key);
                var slot = TrigramCounts.Slot(key, bits);
                while (counts[slot] != 0 && keys[slot] != key) slot = (slot + 1) & mask;
                keys[slot] = key;
                norm += 2 * counts[slot] + 1;
                counts[slot]++;
            }
            return (float)(dot / Math.Sqrt(norm * post.TrigramNorm));
        }
        finally
        {
            if (rentedKeys is not null) System.Buffers.ArrayPool<int>.Shared.Return(rentedKeys);
            if (rentedCounts is not null) System.Buffers.ArrayPool<int>.Shared.Return(rentedCounts);
        }
    }

    private static int TrigramKey(string s, int i) => s[i] | (s[i + 1] << 10) ^ (s[i + 2] << 20);

    internal static Dictionary<int, int> Trigrams(string s)
    {
        var counts = new Dictionary<int, int>();
        for (var i = 0; i + 3 <= s.Length; i++)
        {
            var key = TrigramKey(s, i);
            counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
        }
        return counts;
    }
}

/// <summary>What the features need from a post, computed once per post text.</summary>
internal sealed class PostContext
{
    public static readonly PostContext None = new(string.Empty);

    private PostContext(string normalized)
    {
        Normalized = normalized;
        var words = new HashSet<string>(normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        var prefixes = new HashSet<string>(words.Where(w => w.Length >= 5).Select(w => w[..5]), StringComparer.Ordinal);
        // Looked up with spans of the comment, so no word of the comment is ever allocated.
        WordLookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        PrefixLookup = prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        var trigrams = CommentFeaturizer.Trigrams(normalized);
        foreach (var y in trigrams.Values) TrigramNorm += y * y;
        Trigrams = new TrigramCounts(trigrams);
    }

    public string Normalized { get; }
    public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> WordLookup { get; }
    public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PrefixLookup { get; }
    public TrigramCounts Trigrams { get; }
    public double TrigramNorm { get; }

    public static PostContext From(string? post)
    {
        var normalized = TextNormalizer.Normalize(post);
        return normalized.Length == 0 ? None : new PostContext(normalized);
    }
}

/// <summary>A bounded, thread-safe cache of prepared posts, keyed by the post's raw text.</summary>
internal sealed class PostCache(int capacity = 1024)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PostContext> _posts = new(StringComparer.Ordinal);

    public PostContext Get(string? post)
    {
        if (string.IsNullOrEmpty(post)) return PostContext.None;
        if (_posts.TryGetValue(post, out var context)) return context;
        // A page has a few hundred posts; an unbounded stream of distinct ones just restarts the cache.
        if (_posts.Count >= capacity) _posts.Clear();
        return _posts.GetOrAdd(post, PostContext.From);
    }
}

/// <summary>
/// A post's trigram counts as a read-only open-addressing table: one multiply and, for most of a
/// comment's trigrams, one probe, where a dictionary lookup costs several times that.
/// </summary>
internal sealed class TrigramCounts
{
    private readonly int[] _keys;
    private readonly int[] _counts;   // 0: empty slot
    private readonly int _mask;
    private readonly int _bits;

    public TrigramCounts(IReadOnlyDictionary<int, int> counts)
    {
        var capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * counts.Count));
        _keys = new int[capacity];
        _counts = new int[capacity];
        _mask = capacity - 1;
        _bits = System.Numerics.BitOperations.Log2((uint)capacity);
        foreach (var (key, count) in counts)
        {
            var slot = Slot(key, _bits);
            while (_counts[slot] != 0) slot = (slot + 1) & _mask;
            _keys[slot] = key;
            _counts[slot] = count;
        }
        IsEmpty = counts.Count == 0;
    }

    public bool IsEmpty { get; }

    public int CountOf(int key)
    {
        var slot = Slot(key, _bits);
        while (true)
        {
            var count = _counts[slot];
            if (count == 0) return 0;
            if (_keys[slot] == key) return count;
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Fibonacci hashing into a table of 2^<paramref name="bits"/> slots: the product's high bits depend on every bit of the key (its low bits would ignore the third character).</summary>
    public static int Slot(int key, int bits) => (int)(((uint)key * 0x9E3779B1u) >> (32 - bits));
}
