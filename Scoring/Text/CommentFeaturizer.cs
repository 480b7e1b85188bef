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

    /// <summary>
    /// The same, with the post already prepared: many comments answer the same post, so the
    /// scorer prepares each post once (<see cref="PostContext"/>) instead of once per comment.
    /// </summary>
    internal static ModelInput ToModelInput(Comment comment, PostContext post)
    {
        var text = TextNormalizer.Normalize(comment.Text);
        return new ModelInput { Text = text, Signals = Signals(comment.Text ?? string.Empty, text, post) };
    }

    /// <summary>The dense signals of a comment, from its raw and normalised forms.</summary>
    internal static float[] Signals(string raw, string text, PostContext post)
    {
        var signals = new float[SignalCount];
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        if (post.Normalized.Length > 0)
        {
            signals[0] = WordOverlap(words, post);
            signals[1] = CharTrigramCosine(text, post);
            signals[2] = 1f;
        }

        int mild = 0, offensive = 0, political = 0, commercial = 0, municipal = 0, urls = 0, amounts = 0, contacts = 0, mentions = 0;
        foreach (var w in words)
        {
            if (Lexicons.Offensive.Contains(w)) offensive++;
            if (Lexicons.MildOaths.Contains(w)) mild++;
            if (Lexicons.Political.Contains(w)) political++;
            if (Lexicons.Commercial.Contains(w)) commercial++;
            if (Lexicons.Municipal.Contains(w)) municipal++;
            switch (w)
            {
                case TextNormalizer.UrlToken: urls++; break;
                case TextNormalizer.MoneyToken: amounts++; break;
                case TextNormalizer.EmailToken or TextNormalizer.PhoneToken: contacts++; break;
                case TextNormalizer.MentionToken: mentions++; break;
            }
        }
        signals[3] = Math.Min(offensive, 5);
        signals[4] = Math.Min(political, 5);
        signals[5] = Math.Min(commercial, 5);
        signals[6] = Math.Min(municipal, 5);
        signals[7] = Math.Min(urls, 3);
        signals[8] = Math.Min(amounts, 3);
        signals[9] = Math.Min(contacts, 3);
        signals[10] = Math.Min(mentions, 3);
        signals[11] = MathF.Log(1 + words.Length);

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

    private static float WordOverlap(string[] words, PostContext post)
    {
        int content = 0, shared = 0;
        foreach (var w in words)
        {
            if (w.Length < 3 || StopWords.Contains(w) || !char.IsLetter(w[0])) continue;
            content++;
            // « deneigement » in the post and « deneiger » in the comment are the same subject.
            if (post.Words.Contains(w) || (w.Length >= 5 && post.Prefixes.Contains(w[..5]))) shared++;
        }
        return content == 0 ? 0f : (float)shared / content;
    }

    private static float CharTrigramCosine(string text, PostContext post)
    {
        var va = Trigrams(text);
        if (va.Count == 0 || post.Trigrams.Count == 0) return 0f;
        double dot = 0, na = 0;
        foreach (var (k, x) in va)
        {
            na += x * x;
            if (post.Trigrams.TryGetValue(k, out var y)) dot += x * y;
        }
        return (float)(dot / Math.Sqrt(na * post.TrigramNorm));
    }

    internal static Dictionary<int, int> Trigrams(string s)
    {
        var counts = new Dictionary<int, int>();
        for (var i = 0; i + 3 <= s.Length; i++)
        {
            var key = s[i] | (s[i + 1] << 10) ^ (s[i + 2] << 20);
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
        Words = new HashSet<string>(normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        Prefixes = new HashSet<string>(Words.Where(w => w.Length >= 5).Select(w => w[..5]), StringComparer.Ordinal);
        Trigrams = CommentFeaturizer.Trigrams(normalized);
        foreach (var y in Trigrams.Values) TrigramNorm += y * y;
    }

    public string Normalized { get; }
    public HashSet<string> Words { get; }
    public HashSet<string> Prefixes { get; }
    public Dictionary<int, int> Trigrams { get; }
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
