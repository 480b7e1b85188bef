using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace NetiquetteML.Scoring.Text;

/// <summary>
/// Which words of a comment usually go with which words of the post it answers, learned from the
/// training comments that are on topic: « émondeur » under a post that says « abattre », « cruche »
/// under « eau coupée ». Each pair carries its pointwise mutual information (how much more often
/// the two meet than chance would have them). A comment that shares no word with its post can
/// still be about it; this is how the off-topic model reads that relation from data instead of
/// from the hand-written subjects alone (<see cref="MunicipalTopics"/>). Immutable and thread-safe;
/// shipped in the bundle (features.json) because it is learned.
/// </summary>
public sealed class WordAssociations
{
    public static readonly WordAssociations Empty = new(FrozenDictionary<string, Association[]>.Empty);

    /// <summary>Fewest on-topic comments a pair must meet in to be kept: one meeting is chance.</summary>
    public const int MinimumCount = 3;

    /// <summary>Weakest association kept (natural log): the pair meets at least e times as often as chance.</summary>
    public const float MinimumInformation = 1f;

    private readonly FrozenDictionary<string, Association[]> _byPostWord;

    private WordAssociations(FrozenDictionary<string, Association[]> byPostWord)
    {
        _byPostWord = byPostWord;
        Count = byPostWord.Values.Sum(a => a.Length);
    }

    /// <summary>Number of (post word, comment word) pairs.</summary>
    public int Count { get; }

    /// <summary>A comment word and how strongly it goes with one post word.</summary>
    public readonly record struct Association(string CommentWord, float Information);

    /// <summary>A word that can carry a relation (<see cref="CommentFeaturizer.IsContentWord"/>: the post overlap's rule).</summary>
    public static bool IsContentWord(ReadOnlySpan<char> word) => CommentFeaturizer.IsContentWord(word, CommentFeaturizer.IsStopWord(word));

    /// <summary>
    /// Learns the table from pairs of normalised texts (a comment on topic and its post), counting
    /// each distinct content word once per text. Pairs below <see cref="MinimumCount"/> meetings or
    /// <see cref="MinimumInformation"/> are dropped.
    /// </summary>
    public static WordAssociations Learn(IEnumerable<(string Comment, string Post)> onTopicPairs)
    {
        var pairs = new Dictionary<(string, string), int>();
        var commentCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var postCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var (comment, post) in onTopicPairs)
        {
            var commentWords = ContentWords(comment);
            var postWords = ContentWords(post);
            if (commentWords.Count == 0 || postWords.Count == 0) continue;
            total++;
            foreach (var c in commentWords) commentCounts[c] = commentCounts.GetValueOrDefault(c) + 1;
            foreach (var p in postWords) postCounts[p] = postCounts.GetValueOrDefault(p) + 1;
            foreach (var c in commentWords)
                foreach (var p in postWords)
                    pairs[(p, c)] = pairs.GetValueOrDefault((p, c)) + 1;
        }

        var table = new Dictionary<string, List<Association>>(StringComparer.Ordinal);
        foreach (var ((post, comment), count) in pairs)
        {
            if (count < MinimumCount) continue;
            var information = (float)Math.Log((double)count * total / ((double)commentCounts[comment] * postCounts[post]));
            if (information < MinimumInformation) continue;
            if (!table.TryGetValue(post, out var list)) table[post] = list = [];
            // Two decimals: what features.json keeps, so a bundle read back scores exactly as it trained.
            list.Add(new Association(comment, MathF.Round(information, 2)));
        }
        return new WordAssociations(table.ToFrozenDictionary(
            kv => kv.Key, kv => kv.Value.OrderBy(a => a.CommentWord, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal));
    }

    /// <summary>
    /// For one post, the strongest association of each comment word with any of the post's words:
    /// built once per post (the scorer caches it with the post), then one lookup per comment word.
    /// </summary>
    internal Dictionary<string, float> ForPost(string normalizedPost)
    {
        var best = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var word in ContentWords(normalizedPost))
        {
            if (!_byPostWord.TryGetValue(word, out var associations)) continue;
            foreach (var a in associations)
            {
                if (!best.TryGetValue(a.CommentWord, out var current) || a.Information > current) best[a.CommentWord] = a.Information;
            }
        }
        return best;
    }

    private static HashSet<string> ContentWords(string normalizedText)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var span = normalizedText.AsSpan();
        foreach (var range in span.Split(' '))
        {
            var word = span[range];
            if (IsContentWord(word)) words.Add(word.ToString());
        }
        return words;
    }

    /// <summary>The table as features.json stores it: per post word, « commentWord information » pairs separated by spaces.</summary>
    internal Dictionary<string, string> ToStored()
    {
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (post, associations) in _byPostWord.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var line = new StringBuilder();
            foreach (var a in associations)
            {
                if (line.Length > 0) line.Append(' ');
                line.Append(a.CommentWord).Append(' ').Append(a.Information.ToString("0.##", CultureInfo.InvariantCulture));
            }
            stored[post] = line.ToString();
        }
        return stored;
    }

    /// <summary>Reads <see cref="ToStored"/>'s form; throws <see cref="FormatException"/> on anything else.</summary>
    internal static WordAssociations FromStored(IReadOnlyDictionary<string, string>? stored)
    {
        if (stored is null || stored.Count == 0) return Empty;
        var table = new Dictionary<string, Association[]>(StringComparer.Ordinal);
        foreach (var (post, line) in stored)
        {
            var parts = (line ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (string.IsNullOrWhiteSpace(post) || parts.Length == 0 || parts.Length % 2 != 0)
                throw new FormatException($"word associations of '{post}': expected pairs « word information »");
            var associations = new Association[parts.Length / 2];
            for (var i = 0; i < associations.Length; i++)
            {
                if (!float.TryParse(parts[2 * i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var information) || !float.IsFinite(information))
                    throw new FormatException($"word associations of '{post}': '{parts[2 * i + 1]}' is not a number");
                associations[i] = new Association(parts[2 * i], information);
            }
            table[post] = associations;
        }
        return new WordAssociations(table.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
