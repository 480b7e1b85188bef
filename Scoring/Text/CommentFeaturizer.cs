using System.Collections.Frozen;

namespace NetiquetteML.Scoring.Text;

/// <summary>
/// Builds the one <see cref="ModelInput"/> that both the trainer and the scorer give the models:
/// the normalised comment and dense signals, among them how much the comment shares with the
/// post it answers (what the off-topic model needs most).
/// </summary>
public static class CommentFeaturizer
{
    public const int SignalCount = 21;

    /// <summary>Names of <see cref="ModelInput.Signals"/>, in order, for reports and notebooks.</summary>
    public static readonly IReadOnlyList<string> SignalNames =
    [
        "post_word_overlap", "post_char_cosine", "has_post", "offensive_words", "political_words",
        "commercial_words", "municipal_words", "urls", "amounts", "contacts", "mentions", "log_words",
        "exclamations", "emojis", "mild_oaths", "post_subjects_shared", "subjects_outside_post", "municipal_subjects",
        "outside_politics_words", "outside_subject_words", "post_word_association",
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

    /// <summary>The model input of a comment, without learned word associations (signal <c>post_word_association</c> is 0).</summary>
    public static ModelInput ToModelInput(Comment comment) => ToModelInput(comment, WordAssociations.Empty);

    /// <summary>The model input of a comment, reading its relation to the post through a bundle's <paramref name="associations"/>.</summary>
    public static ModelInput ToModelInput(Comment comment, WordAssociations associations) =>
        ToModelInput(comment, PostContext.From(comment.Post), associations);

    /// <summary>The model inputs of many comments, each distinct post prepared once (as the scorer's cache does).</summary>
    public static List<ModelInput> ToModelInputs(IEnumerable<Comment> comments, WordAssociations? associations = null)
    {
        var posts = new Dictionary<string, PostContext>(StringComparer.Ordinal);
        return comments.Select(c => ToModelInput(c, string.IsNullOrEmpty(c.Post)
            ? PostContext.None
            : posts.TryGetValue(c.Post, out var post) ? post : posts[c.Post] = PostContext.From(c.Post), associations ?? WordAssociations.Empty)).ToList();
    }

    /// <summary>
    /// A word that can carry a relation to the post: three letters or more, starting with a letter,
    /// not a stop word. The post overlap and the word associations (<see cref="WordAssociations"/>) count the same words.
    /// </summary>
    internal static bool IsContentWord(ReadOnlySpan<char> word, bool isStopWord) => word.Length >= 3 && !isStopWord && char.IsLetter(word[0]);

    /// <summary>Whether a normalised word is one of the stop words the post overlap and the word associations skip.</summary>
    internal static bool IsStopWord(ReadOnlySpan<char> word) => ((WordClass)(WordClasses.Lookup(word) & 0xFFFF) & WordClass.Stop) != 0;

    /// <summary>
    /// The same, with the post already prepared: many comments answer the same post, so the
    /// scorer prepares each post once (<see cref="PostContext"/>) instead of once per comment.
    /// </summary>
    internal static ModelInput ToModelInput(Comment comment, PostContext post, WordAssociations associations)
    {
        var text = TextNormalizer.Normalize(comment.Text);
        return new ModelInput { Text = text, Signals = Signals(comment.Text ?? string.Empty, text, post, associations) };
    }

    /// <summary>What a word is for the signals, in the low 16 bits of its entry in <see cref="WordClasses"/>.</summary>
    [Flags]
    private enum WordClass : ushort
    {
        None = 0,
        Offensive = 1,
        MildOath = 2,
        Political = 4,
        Commercial = 8,
        Municipal = 16,
        Stop = 32,
        Url = 64,
        Amount = 128,
        Contact = 256,
        Mention = 512,
    }

    /// <summary>Where <see cref="MunicipalTopics"/>' bits sit in an entry of <see cref="WordClasses"/>, above the word classes.</summary>
    private const int TopicShift = 16;

    /// <summary>
    /// Every lexicon and the municipal subjects in one trie: one walk per word gives every signal
    /// its answer (a lookup per lexicon, then one per subject stem length, cost up to a dozen).
    /// </summary>
    private static readonly WordTrie WordClasses = BuildWordClasses();

    private static WordTrie BuildWordClasses()
    {
        var entries = new List<(string, uint)>();
        void Add(IEnumerable<string> words, WordClass kind) => entries.AddRange(words.Select(w => (w, (uint)kind)));
        Add(Lexicons.Offensive.Except(Lexicons.ChurchWords), WordClass.Offensive);
        Add(Lexicons.MildOaths, WordClass.MildOath);
        // Partisan politics counts as political through its topic bit (it has stems, read below).
        Add(Lexicons.GeneralPolitics, WordClass.Political);
        Add(Lexicons.Commercial, WordClass.Commercial);
        // A municipal word is a town word or any word of a municipal subject (its topic bits, read below).
        Add(Lexicons.TownWords, WordClass.Municipal);
        Add(StopWords, WordClass.Stop);
        Add([TextNormalizer.UrlToken], WordClass.Url);
        Add([TextNormalizer.MoneyToken], WordClass.Amount);
        Add([TextNormalizer.EmailToken, TextNormalizer.PhoneToken], WordClass.Contact);
        Add([TextNormalizer.MentionToken], WordClass.Mention);
        // The town's own contacts argue for a municipal matter, not for an ad.
        Add([TextNormalizer.TownPhoneToken, TextNormalizer.TownEmailToken, TextNormalizer.TownUrlToken], WordClass.Municipal);
        entries.AddRange(MunicipalTopics.Entries.Select(e => (e.Entry, (uint)e.Bits << TopicShift)));
        return WordTrie.Build(entries);
    }

    /// <summary>The dense signals of a comment, from its raw and normalised forms (words read as spans: nothing allocated but the result).</summary>
    internal static float[] Signals(string raw, string text, PostContext post, WordAssociations associations)
    {
        var signals = new float[SignalCount];
        var hasPost = post.Normalized.Length > 0;
        var associated = hasPost && associations.Count > 0 ? post.AssociationsFor(associations) : (Dictionary<string, float>.AlternateLookup<ReadOnlySpan<char>>?)null;
        int words = 0, content = 0, shared = 0;
        var association = 0f;
        int mild = 0, offensive = 0, political = 0, commercial = 0, municipal = 0, urls = 0, amounts = 0, contacts = 0, mentions = 0;
        int subjects = 0, outsidePolitics = 0, outsideSubject = 0;
        var span = text.AsSpan();
        foreach (var range in span.Split(' '))
        {
            var w = span[range];
            if (w.IsEmpty) continue;
            words++;
            var entry = WordClasses.Lookup(w);
            var kind = (WordClass)(entry & 0xFFFF);
            var topics = (int)(entry >> TopicShift);
            if ((kind & WordClass.Offensive) != 0) offensive++;
            if ((kind & WordClass.MildOath) != 0) mild++;
            if ((kind & WordClass.Political) != 0 || MunicipalTopics.IsOutsidePolitics(topics)) political++;
            if ((kind & WordClass.Commercial) != 0) commercial++;
            if ((kind & WordClass.Municipal) != 0 || MunicipalTopics.Subjects(topics) != 0) municipal++;
            if ((kind & WordClass.Url) != 0) urls++;
            if ((kind & WordClass.Amount) != 0) amounts++;
            if ((kind & WordClass.Contact) != 0) contacts++;
            if ((kind & WordClass.Mention) != 0) mentions++;
            if (topics != 0)
            {
                subjects |= MunicipalTopics.Subjects(topics);
                if (MunicipalTopics.IsOutsidePolitics(topics)) outsidePolitics++;
                if (MunicipalTopics.IsOutsideSubject(topics)) outsideSubject++;
            }

            if (!hasPost || !IsContentWord(w, (kind & WordClass.Stop) != 0)) continue;
            content++;
            // « deneigement » in the post and « deneiger » in the comment are the same subject.
            if (post.WordLookup.Contains(w) || (w.Length >= 5 && post.PrefixLookup.Contains(w[..5]))) shared++;
            if (associated is { } lookup && lookup.TryGetValue(w, out var information)) association += information;
        }

        if (hasPost)
        {
            signals[0] = content == 0 ? 0f : (float)shared / content;
            signals[1] = CharTrigramCosine(text, post);
            signals[2] = 1f;
            // Subjects in common tell « ma rue est pas grattée » under the snow-clearing post from the
            // same words under the library's; subjects the post does not have, a change of subject.
            signals[15] = Math.Min(System.Numerics.BitOperations.PopCount((uint)(subjects & post.Subjects)), 3);
            signals[16] = Math.Min(System.Numerics.BitOperations.PopCount((uint)(subjects & ~post.Subjects)), 3);
            // Mean over the comment's content words of how strongly each goes with the post's words.
            signals[20] = content == 0 ? 0f : association / content;
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
        signals[17] = Math.Min(System.Numerics.BitOperations.PopCount((uint)subjects), 4);
        signals[18] = Math.Min(outsidePolitics, 3);
        signals[19] = Math.Min(outsideSubject, 3);
        return signals;
    }

    /// <summary>
    /// Cosine of the character-trigram counts of the comment and of the post. Each distinct
    /// trigram of the comment takes one slot (key, count so far, the post's count looked up once);
    /// the dot product adds the post's count at every occurrence and the squared norm grows by
    /// 2c + 1 when a trigram seen c times comes again. Whole numbers throughout, so this gives
    /// exactly what pairing the two count tables would, without building the comment's table first.
    /// </summary>
    private static float CharTrigramCosine(string text, PostContext post)
    {
        var n = text.Length - 2;
        if (n <= 0 || post.Trigrams.IsEmpty) return 0f;
        var capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(2 * n));
        var rented = capacity > 512 ? System.Buffers.ArrayPool<TrigramSlot>.Shared.Rent(capacity) : null;
        var slots = rented is null ? stackalloc TrigramSlot[capacity] : rented.AsSpan(0, capacity);
        try
        {
            slots.Clear();
            var mask = capacity - 1;
            var bits = System.Numerics.BitOperations.Log2((uint)capacity);
            long dot = 0, norm = 0;
            for (var i = 0; i < n; i++)
            {
                var key = TrigramKey(text, i);
                var slot = TrigramCounts.Slot(key, bits);
                while (slots[slot].Seen != 0 && slots[slot].Key != key) slot = (slot + 1) & mask;
                ref var entry = ref slots[slot];
                if (entry.Seen == 0)
                {
                    entry.Key = key;
                    entry.InPost = post.Trigrams.CountOf(key);
                }
                norm += 2L * entry.Seen + 1;
                dot += entry.InPost;
                entry.Seen++;
            }
            return (float)(dot / Math.Sqrt(norm * post.TrigramNorm));
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<TrigramSlot>.Shared.Return(rented);
        }
    }

    /// <summary>One distinct trigram of a comment while its similarity to the post is counted; Seen = 0 marks a free slot.</summary>
    private struct TrigramSlot
    {
        public int Key;
        public int Seen;
        public int InPost;
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
        Subjects = MunicipalTopics.SubjectsOf(normalized);
    }

    public string Normalized { get; }
    public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> WordLookup { get; }
    public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PrefixLookup { get; }
    public TrigramCounts Trigrams { get; }
    public double TrigramNorm { get; }

    /// <summary>The municipal subjects of the post (<see cref="MunicipalTopics"/>), as bits.</summary>
    public int Subjects { get; }

    private AssociationCache? _associations;

    /// <summary>
    /// For each comment word, its strongest association with this post's words in <paramref name="table"/>;
    /// built on first use and kept with the post (two threads may both build it: the same answer).
    /// </summary>
    public Dictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> AssociationsFor(WordAssociations table)
    {
        var cache = Volatile.Read(ref _associations);
        if (cache is null || !ReferenceEquals(cache.Table, table))
        {
            cache = new AssociationCache(table, table.ForPost(Normalized).GetAlternateLookup<ReadOnlySpan<char>>());
            Volatile.Write(ref _associations, cache);
        }
        return cache.Lookup;
    }

    private sealed record AssociationCache(WordAssociations Table, Dictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> Lookup);

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
    private readonly ulong[] _filter = new ulong[FilterBits / 64];   // most of a comment's trigrams are not in the post: one bit says so
    private const int FilterBits = 4096;

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
            var bit = Slot(key, 12);
            _filter[bit >> 6] |= 1UL << bit;
        }
        IsEmpty = counts.Count == 0;
    }

    public bool IsEmpty { get; }

    public int CountOf(int key)
    {
        var bit = Slot(key, 12);
        if ((_filter[bit >> 6] & (1UL << bit)) == 0) return 0;
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
