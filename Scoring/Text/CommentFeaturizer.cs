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

    public static ModelInput ToModelInput(Comment comment)
    {
        var text = TextNormalizer.Normalize(comment.Text);
        var post = TextNormalizer.Normalize(comment.Post);
        return new ModelInput { Text = text, Signals = Signals(comment.Text ?? string.Empty, text, post) };
    }

    /// <summary>The dense signals of a comment, from its raw and normalised forms.</summary>
    internal static float[] Signals(string raw, string text, string post)
    {
        var signals = new float[SignalCount];
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        if (post.Length > 0)
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

    private static float WordOverlap(string[] words, string post)
    {
        var postWords = new HashSet<string>(post.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        int content = 0, shared = 0;
        foreach (var w in words)
        {
            if (w.Length < 3 || StopWords.Contains(w) || !char.IsLetter(w[0])) continue;
            content++;
            if (postWords.Contains(w) || HasPrefixMatch(w, postWords)) shared++;
        }
        return content == 0 ? 0f : (float)shared / content;
    }

    /// <summary>« deneigement » in the post and « deneiger » in the comment are the same subject.</summary>
    private static bool HasPrefixMatch(string word, HashSet<string> postWords)
    {
        if (word.Length < 5) return false;
        var stem = word.AsSpan(0, 5);
        foreach (var p in postWords)
        {
            if (p.Length >= 5 && p.AsSpan(0, 5).SequenceEqual(stem)) return true;
        }
        return false;
    }

    private static float CharTrigramCosine(string a, string b)
    {
        var va = Trigrams(a);
        var vb = Trigrams(b);
        if (va.Count == 0 || vb.Count == 0) return 0f;
        double dot = 0, na = 0, nb = 0;
        foreach (var (k, x) in va)
        {
            na += x * x;
            if (vb.TryGetValue(k, out var y)) dot += x * y;
        }
        foreach (var y in vb.Values) nb += y * y;
        return (float)(dot / Math.Sqrt(na * nb));
    }

    private static Dictionary<int, int> Trigrams(string s)
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
