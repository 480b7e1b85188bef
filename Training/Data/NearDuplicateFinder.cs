namespace NetiquetteML.Training.Data;

/// <summary>
/// Finds pairs of comments whose sets of character 5-grams have a Jaccard similarity at or
/// above a threshold: the signature of a corpus written from templates. Exact, and fast on tens
/// of thousands of rows thanks to prefix filtering (rare n-grams first).
/// </summary>
public static class NearDuplicateFinder
{
    public const int GramLength = 5;

    public sealed record Pair(int First, int Second, double Jaccard);

    public static List<Pair> Find(IReadOnlyList<string> texts, double threshold = 0.8)
    {
        var sets = texts.Select(Grams).ToArray();
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var set in sets)
            foreach (var g in set)
                frequency[g] = frequency.GetValueOrDefault(g) + 1;

        var ordered = sets.Select(s => s.OrderBy(g => frequency[g]).ThenBy(g => g, StringComparer.Ordinal).ToArray()).ToArray();
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var pairs = new List<Pair>();
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => ordered[i].Length).ToArray();
        foreach (var i in order)
        {
            var grams = ordered[i];
            if (grams.Length == 0) continue;
            var prefix = grams.Length - (int)Math.Ceiling(threshold * grams.Length) + 1;
            var candidates = new HashSet<int>();
            for (var k = 0; k < prefix && k < grams.Length; k++)
            {
                if (index.TryGetValue(grams[k], out var list)) candidates.UnionWith(list);
            }
            foreach (var j in candidates)
            {
                // j was indexed earlier, so it is not longer than i; the size bound prunes most pairs.
                if (ordered[j].Length < threshold * grams.Length) continue;
                var jaccard = Jaccard(sets[i], sets[j]);
                if (jaccard >= threshold) pairs.Add(new Pair(Math.Min(i, j), Math.Max(i, j), jaccard));
            }
            for (var k = 0; k < prefix && k < grams.Length; k++)
            {
                if (!index.TryGetValue(grams[k], out var list)) index[grams[k]] = list = [];
                list.Add(i);
            }
        }
        return pairs;
    }

    public static HashSet<string> Grams(string text)
    {
        var lower = text.ToLowerInvariant();
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (lower.Length < GramLength)
        {
            if (lower.Length > 0) set.Add(lower);
            return set;
        }
        for (var i = 0; i + GramLength <= lower.Length; i++) set.Add(lower.Substring(i, GramLength));
        return set;
    }

    public static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0) return 1;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = small.Count(large.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
