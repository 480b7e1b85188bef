using NetiquetteML.Scoring.Bundles;

namespace NetiquetteML.Training.Learning;

/// <summary>
/// Fits Platt scaling, p = 1 / (1 + exp(A·s + B)), on out-of-fold raw scores by Newton's method
/// with Platt's smoothed targets. Both learners' raw scores go through it, so FastTree's
/// fixed calibrator (STACK-NOTES) is never used.
/// </summary>
public static class PlattCalibrator
{
    public static PlattCalibration Fit(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) return new PlattCalibration { A = -1, B = 0 };
        var hiTarget = (positives + 1.0) / (positives + 2.0);
        var loTarget = 1.0 / (negatives + 2.0);

        double a = 0, b = Math.Log((negatives + 1.0) / (positives + 1.0));
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double g1 = 0, g2 = 0, h11 = 1e-12, h22 = 1e-12, h21 = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                var t = labels[i] ? hiTarget : loTarget;
                var p = 1.0 / (1.0 + Math.Exp(Math.Clamp(a * scores[i] + b, -50, 50)));
                var d = t - p; // derivative of the log loss wrt z = a·s + b, with p = σ(-z)
                g1 += scores[i] * d;
                g2 += d;
                var w = p * (1 - p);
                h11 += scores[i] * scores[i] * w;
                h22 += w;
                h21 += scores[i] * w;
            }
            var det = h11 * h22 - h21 * h21;
            if (Math.Abs(det) < 1e-18) break;
            var da = -(h22 * g1 - h21 * g2) / det;
            var db = -(-h21 * g1 + h11 * g2) / det;
            a += da;
            b += db;
            if (Math.Abs(da) < 1e-9 && Math.Abs(db) < 1e-9) break;
        }
        return new PlattCalibration { A = a, B = b };
    }
}
