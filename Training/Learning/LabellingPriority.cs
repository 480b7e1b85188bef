using NetiquetteML.Scoring;

namespace NetiquetteML.Training.Learning;

/// <summary>
/// Uncertainty sampling for analysts: a comment is worth labelling when some category's
/// probability sits near that category's flag threshold (the decision the page actually makes),
/// and more so when several categories are uncertain at once.
/// </summary>
public static class LabellingPriority
{
    public static double Of(Verdict verdict, NetiquetteScorer scorer)
    {
        double best = 0, sum = 0;
        foreach (var score in verdict.Categories)
        {
            var flag = scorer.Bundle.Manifest.For(score.Category).Thresholds.Flag;
            // 1 at the threshold, falling to 0 at a distance of 0.5 in probability.
            var closeness = Math.Max(0, 1 - Math.Abs(score.Probability - flag) / 0.5);
            best = Math.Max(best, closeness);
            sum += closeness;
        }
        return 0.8 * best + 0.2 * sum / verdict.Categories.Count;
    }

    /// <summary>The <paramref name="count"/> most useful comments, best first, with their priority; streams the input.</summary>
    public static IReadOnlyList<(Comment Comment, double Priority)> Rank(NetiquetteScorer scorer, IEnumerable<Comment> comments, int count, CancellationToken cancellationToken)
    {
        if (count <= 0) throw new ArgumentException("--count must be positive.");
        var heap = new PriorityQueue<(Comment, double), double>();
        foreach (var chunk in comments.Chunk(4096))
        {
            foreach (var (comment, verdict) in chunk.Zip(scorer.ScoreMany(chunk, cancellationToken: cancellationToken)))
            {
                var priority = Of(verdict, scorer);
                heap.Enqueue((comment, priority), priority);
                if (heap.Count > count) heap.Dequeue();
            }
        }
        var result = new List<(Comment, double)>();
        while (heap.Count > 0) result.Add(heap.Dequeue());
        result.Reverse();
        return result;
    }
}
