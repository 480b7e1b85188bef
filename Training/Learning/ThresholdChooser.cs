using NetiquetteML.Scoring.Bundles;

namespace NetiquetteML.Training.Learning;

/// <summary>
/// Picks the operating thresholds on validation probabilities: the lowest threshold where precision
/// reaches the target with 95 % confidence (the one-sided Wilson lower bound of the precision, not
/// the precision itself: held-out comments under new posts came out several points under validation
/// precision, complaint 0.875 at a flag chosen at 0.901).
/// When a target cannot be reached, flag falls back to the best-F1 threshold and remove is disabled
/// (above 1), and the manifest says so. A category whose flag is chosen for
/// <see cref="FlagObjective.BestF1"/> takes the best-F1 threshold directly; its remove threshold is
/// still chosen for precision.
/// </summary>
public static class ThresholdChooser
{
    /// <summary>Fewer true positives than this above a threshold make its precision too noisy to trust.</summary>
    public const int MinimumTruePositives = 5;

    public const double Disabled = 1.01;

    /// <summary>One-sided 95 % normal quantile for the Wilson lower bound of precision.</summary>
    public const double ConfidenceZ = 1.645;

    public static Thresholds Choose(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, double flagTarget = 0.90, double removeTarget = 0.97,
        FlagObjective flagObjective = FlagObjective.Precision)
    {
        var curve = BinaryMetrics.Curve(probabilities, labels);
        var positives = labels.Count(l => l);
        var thresholds = new Thresholds { FlagObjective = flagObjective, FlagPrecisionTarget = flagTarget, RemovePrecisionTarget = removeTarget };

        var flag = flagObjective == FlagObjective.Precision ? Lowest(curve, flagTarget, positives) : null;
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
            // Best F1 is what this objective asks for, so it is reached; for a precision target it is the fallback.
            thresholds.FlagTargetReached = flagObjective == FlagObjective.BestF1;
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
    /// The lowest threshold whose precision reaches <paramref name="target"/> with 95 % confidence.
    /// The bound, not the precision, is what keeps chance out: near the strictest thresholds a few
    /// comments decide precision, and a climb back to the target after a dip, which taking the
    /// precision alone picked, did not hold on the held-out split (commercial and complaint came out
    /// under 0.90); the bound only lets a climb back count when enough comments are above it.
    /// </summary>
    /// <param name="curve">Points in order of decreasing threshold (<see cref="BinaryMetrics.Curve"/>).</param>
    private static (double Threshold, double Precision, double Recall)? Lowest(
        List<(double Threshold, double Precision, double Recall)> curve, double target, int positives)
    {
        (double, double, double)? found = null;
        foreach (var point in curve)
        {
            var truePositives = point.Recall * positives;
            if (truePositives < MinimumTruePositives) continue;
            if (WilsonLowerBound(point.Precision, truePositives / point.Precision) >= target) found = point;
        }
        return found;
    }

    /// <summary>The one-sided Wilson lower bound of a proportion <paramref name="p"/> observed over <paramref name="n"/> trials.</summary>
    public static double WilsonLowerBound(double p, double n)
    {
        if (n <= 0) return 0;
        var z2 = ConfidenceZ * ConfidenceZ;
        var centre = p + z2 / (2 * n);
        var margin = ConfidenceZ * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return (centre - margin) / (1 + z2 / n);
    }
}
