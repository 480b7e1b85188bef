using NetiquetteML.Scoring.Bundles;

namespace NetiquetteML.Training.Learning;

/// <summary>
/// Picks the operating thresholds on validation probabilities: the lowest threshold whose
/// precision reaches the target and holds it at every stricter threshold (most recall at that precision). When a target cannot be
/// reached, flag falls back to the best-F1 threshold and remove is disabled (above 1), and the
/// manifest says so.
/// </summary>
public static class ThresholdChooser
{
    /// <summary>Fewer true positives than this above a threshold make its precision too noisy to trust.</summary>
    public const int MinimumTruePositives = 5;

    public const double Disabled = 1.01;

    public static Thresholds Choose(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, double flagTarget = 0.90, double removeTarget = 0.97)
    {
        var curve = BinaryMetrics.Curve(probabilities, labels);
        var positives = labels.Count(l => l);
        var thresholds = new Thresholds { FlagPrecisionTarget = flagTarget, RemovePrecisionTarget = removeTarget };

        var flag = Lowest(curve, flagTarget, positives);
        if (flag is { } f)
        {
            thresholds.Flag = f.Threshold;
            thresholds.FlagTargetReached = true;
            (thresholds.FlagValidationPrecision, thresholds.FlagValidationRecall) = (f.Precision, f.Recall);
        }
        else
        {
            var best = curve.Count == 0 ? (Threshold: 0.5, Precision: 0.0, Recall: 0.0)
                : curve.MaxBy(p => p.Precision + p.Recall == 0 ? 0 : 2 * p.Precision * p.Recall / (p.Precision + p.Recall));
            thresholds.Flag = best.Threshold;
            thresholds.FlagTargetReached = false;
            var at = BinaryMetrics.At(probabilities, labels, thresholds.Flag);
            (thresholds.FlagValidationPrecision, thresholds.FlagValidationRecall) = (Nan0(at.Precision), Nan0(at.Recall));
        }

        var remove = Lowest(curve, removeTarget, positives);
        if (remove is { } r)
        {
            thresholds.Remove = Math.Max(r.Threshold, thresholds.Flag);
            thresholds.RemoveTargetReached = true;
            var at = BinaryMetrics.At(probabilities, labels, thresholds.Remove);
            (thresholds.RemoveValidationPrecision, thresholds.RemoveValidationRecall) = (Nan0(at.Precision), Nan0(at.Recall));
        }
        else
        {
            thresholds.Remove = Disabled;
            thresholds.RemoveTargetReached = false;
        }
        return thresholds;
    }

    private static double Nan0(double x) => double.IsNaN(x) ? 0 : x;

    /// <summary>
    /// The lowest threshold of the first run of thresholds, from the strictest down, whose precision
    /// reaches <paramref name="target"/>: where precision falls below the target, the run ends, even
    /// if it climbs back at a lower threshold. That climb back is chance (a few positives bunched
    /// under a few negatives) and does not repeat on new comments: taking the lowest threshold that
    /// happens to touch the target anywhere picked such points, and held-out precision at the flag
    /// threshold came out under 0.90 for two categories out of five.
    /// </summary>
    /// <param name="curve">Points in order of decreasing threshold (<see cref="BinaryMetrics.Curve"/>).</param>
    private static (double Threshold, double Precision, double Recall)? Lowest(
        List<(double Threshold, double Precision, double Recall)> curve, double target, int positives)
    {
        (double, double, double)? found = null;
        foreach (var point in curve)
        {
            // Above the first few true positives, precision is too noisy to start or end a run.
            if (point.Recall * positives < MinimumTruePositives) continue;
            if (point.Precision >= target) found = point;
            else if (found is not null) break;
        }
        return found;
    }
}
