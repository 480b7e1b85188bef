namespace NetiquetteML.Training.Learning;

/// <summary>Precision-oriented metrics over (probability, label) pairs, computed the same way everywhere.</summary>
public static class BinaryMetrics
{
    /// <summary>Average precision: the mean of precision at the rank of each positive (ties broken pessimistically).</summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        if (positives == 0) return double.NaN;
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => labels[i]).ToArray();
        double sum = 0;
        var tp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (!labels[order[k]]) continue;
            tp++;
            sum += (double)tp / (k + 1);
        }
        return sum / positives;
    }

    /// <summary>
    /// Area under the ROC curve: the chance that a random positive scores above a random negative,
    /// ties counting one half (the Mann–Whitney statistic). NaN without both classes.
    /// </summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0;
        for (var k = 0; k < order.Length;)
        {
            var end = k;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[k]]) end++;
            var averageRank = (k + end) / 2.0 + 1;   // tied scores share their mean rank
            for (var j = k; j <= end; j++) if (labels[order[j]]) rankSum += averageRank;
            k = end + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    public readonly record struct Confusion(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
    {
        public double Precision => TruePositives + FalsePositives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalsePositives);
        public double Recall => TruePositives + FalseNegatives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalseNegatives);
        public double F1 => Precision + Recall is var s && (s == 0 || double.IsNaN(s)) ? 0 : 2 * Precision * Recall / s;
    }

    public static Confusion At(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var predicted = scores[i] >= threshold;
            if (predicted && labels[i]) tp++;
            else if (predicted) fp++;
            else if (labels[i]) fn++;
            else tn++;
        }
        return new Confusion(tp, fp, fn, tn);
    }

    /// <summary>Precision and recall at every distinct threshold, highest threshold first.</summary>
    public static List<(double Threshold, double Precision, double Recall)> Curve(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var curve = new List<(double, double, double)>();
        int tp = 0, fp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (labels[order[k]]) tp++; else fp++;
            var last = k == order.Length - 1 || scores[order[k + 1]] != scores[order[k]];
            if (last) curve.Add((scores[order[k]], (double)tp / (tp + fp), positives == 0 ? 0 : (double)tp / positives));
        }
        return curve;
    }
}
