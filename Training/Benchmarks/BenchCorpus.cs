using System.Text;
using NetiquetteML.Scoring;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Training.Benchmarks;

/// <summary>
/// The comments the benchmark measures on, all drawn from the shipped corpus: a seeded sample of
/// real comments (typical length), long comments built by concatenating real ones, an endless
/// lazy stream for batch throughput, and a noisy repetition of the corpus for training at scale.
/// </summary>
public sealed class BenchCorpus
{
    public const int LongLength = 2_000;

    private BenchCorpus(IReadOnlyList<LabelledComment> rows) => Rows = rows;

    /// <summary>Every labelled row of the corpus, in file order.</summary>
    public IReadOnlyList<LabelledComment> Rows { get; }

    public static BenchCorpus Load(string path) => new(LabelledCsvLoader.LoadOne(path).Rows);

    /// <summary>Up to <paramref name="count"/> real comments in a seeded random order (all of them when the corpus is smaller).</summary>
    public IReadOnlyList<Comment> Typical(int count, int seed = 1)
    {
        var order = Enumerable.Range(0, Rows.Count).ToArray();
        new Random(seed).Shuffle(order);
        return order.Take(Math.Min(count, order.Length)).Select(i => Rows[i].ToComment()).ToList();
    }

    /// <summary>
    /// <paramref name="count"/> comments of exactly <see cref="LongLength"/> characters, each the
    /// concatenation of real comments from a random starting row (cut at the length, never inside
    /// a surrogate pair), answering the post of its first comment.
    /// </summary>
    public IReadOnlyList<Comment> Long(int count, int seed = 2)
    {
        var random = new Random(seed);
        var result = new List<Comment>(count);
        for (var k = 0; k < count; k++)
        {
            var start = random.Next(Rows.Count);
            var sb = new StringBuilder(LongLength + 400);
            for (var i = start; sb.Length < LongLength; i = (i + 1) % Rows.Count)
            {
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(Rows[i].Text);
            }
            var cut = LongLength;
            if (char.IsHighSurrogate(sb[cut - 1])) cut--;
            var post = Rows[start].Post;
            result.Add(new Comment(sb.ToString(0, cut), string.IsNullOrEmpty(post) ? null : post, $"long-{k}"));
        }
        return result;
    }

    /// <summary>
    /// <paramref name="count"/> comments produced one at a time by cycling over the corpus: nothing
    /// is materialised, so memory does not depend on <paramref name="count"/>. Stops early, between
    /// two comments, as soon as <paramref name="stop"/> returns true (checked every 256 comments).
    /// </summary>
    public IEnumerable<Comment> Stream(long count, Func<bool> stop)
    {
        var n = Rows.Count;
        for (long i = 0; i < count; i++)
        {
            if ((i & 255) == 0 && stop()) yield break;
            var row = Rows[(int)(i % n)];
            yield return new Comment(row.Text, string.IsNullOrEmpty(row.Post) ? null : row.Post);
        }
    }

    /// <summary>
    /// <paramref name="count"/> labelled rows: the corpus repeated, every copy after the first with
    /// light noise (adjacent characters swapped, characters doubled) so repeats are not identical,
    /// under its original post (so the grouped split still works) and with a unique id.
    /// </summary>
    public IReadOnlyList<LabelledComment> Noisy(int count, int seed = 3)
    {
        var random = new Random(seed);
        var result = new List<LabelledComment>(count);
        for (var i = 0; i < count; i++)
        {
            var row = Rows[i % Rows.Count];
            var copy = i / Rows.Count;
            result.Add(copy == 0 ? row : row with { Id = $"{row.Id}-r{copy}", Text = AddNoise(row.Text, random) });
        }
        return result;
    }

    /// <summary>About one edit every 40 characters (at least one): a swap of two neighbours or a doubled character.</summary>
    internal static string AddNoise(string text, Random random)
    {
        if (text.Length < 2) return text + text;
        var chars = new List<char>(text.Length + 8);
        chars.AddRange(text);
        var edits = Math.Max(1, text.Length / 40);
        for (var e = 0; e < edits; e++)
        {
            var i = random.Next(chars.Count - 1);
            // Never split or reorder a surrogate pair (emojis).
            if (char.IsSurrogate(chars[i]) || char.IsSurrogate(chars[i + 1])) continue;
            if (random.Next(2) == 0 && chars[i] != chars[i + 1]) (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
            else chars.Insert(i, chars[i]);
        }
        return new string(chars.ToArray());
    }
}
