using NetiquetteML.Training.Learning;

namespace NetiquetteML.Tests.Learning;

public class CalibrationAndThresholdTests
{
    private static (double[] Scores, bool[] Labels) Synthetic(int n, int seed)
    {
        var random = new Random(seed);
        var scores = new double[n];
        var labels = new bool[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = random.NextDouble() < 0.3;
            scores[i] = (labels[i] ? 1.5 : -1.5) + random.NextDouble() * 3 - 1.5;
        }
        return (scores, labels);
    }

    [Fact]
    public void Platt_calibration_matches_observed_frequencies()
    {
        var (scores, labels) = Synthetic(4000, 1);
        var calibration = PlattCalibrator.Fit(scores, labels);
        var probabilities = scores.Select(calibration.Probability).ToArray();
        // In each decile of predicted probability, the observed positive rate is close to the mean prediction.
        var bins = probabilities.Zip(labels).OrderBy(x => x.First).Chunk(400);
        foreach (var bin in bins)
        {
            Assert.InRange(bin.Average(x => x.Second ? 1.0 : 0.0) - bin.Average(x => x.First), -0.08, 0.08);
        }
        Assert.True(calibration.A < 0, "a higher raw score must mean a higher probability");
    }

    [Fact]
    public void Flag_threshold_reaches_its_precision_on_the_data_it_was_chosen_on()
    {
        var (scores, labels) = Synthetic(3000, 2);
        var probabilities = scores.Select(PlattCalibrator.Fit(scores, labels).Probability).ToArray();
        var thresholds = ThresholdChooser.Choose(probabilities, labels);
        Assert.True(thresholds.FlagTargetReached);
        Assert.True(BinaryMetrics.At(probabilities, labels, thresholds.Flag).Precision >= 0.90);
        Assert.True(thresholds.Remove >= thresholds.Flag);
    }

    [Fact]
    public void Unreachable_remove_target_disables_automatic_removal()
    {
        var random = new Random(3);
        var labels = Enumerable.Range(0, 500).Select(_ => random.NextDouble() < 0.5).ToArray();
        var noise = labels.Select(_ => random.NextDouble()).ToArray();
        var thresholds = ThresholdChooser.Choose(noise, labels);
        Assert.False(thresholds.RemoveTargetReached);
        Assert.True(thresholds.Remove > 1);
    }

    [Fact]
    public void Average_precision_is_one_for_a_perfect_ranking_and_lower_otherwise()
    {
        Assert.Equal(1.0, BinaryMetrics.AveragePrecision([0.9, 0.8, 0.2, 0.1], [true, true, false, false]), 6);
        Assert.Equal((1.0 / 2 + 2.0 / 3) / 2, BinaryMetrics.AveragePrecision([0.9, 0.8, 0.7, 0.1], [false, true, true, false]), 6);
    }
}

public class RocAucTests
{
    [Fact]
    public void Perfect_ranking_is_one_and_reversed_ranking_is_zero()
    {
        bool[] labels = [false, false, true, true];
        Assert.Equal(1.0, BinaryMetrics.RocAuc([0.1, 0.2, 0.8, 0.9], labels));
        Assert.Equal(0.0, BinaryMetrics.RocAuc([0.9, 0.8, 0.2, 0.1], labels));
    }

    [Fact]
    public void Ties_count_one_half_and_pairs_are_counted_by_hand()
    {
        // Positives 0.5 and 0.3; negatives 0.5, 0.2, 0.1. Pairs won: (0.5>0.2, 0.5>0.1, 0.3>0.2, 0.3>0.1) = 4,
        // tied: (0.5=0.5) = 1/2, lost: (0.3<0.5) = 0. AUC = 4.5 / 6.
        Assert.Equal(4.5 / 6, BinaryMetrics.RocAuc([0.5, 0.3, 0.5, 0.2, 0.1], [true, true, false, false, false]), 12);
    }

    [Fact]
    public void One_class_only_has_no_auc() => Assert.True(double.IsNaN(BinaryMetrics.RocAuc([0.2, 0.4], [true, true])));
}
