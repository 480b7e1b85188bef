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
    public void Flag_threshold_stops_where_precision_first_falls_under_the_target_even_if_it_climbs_back_lower()
    {
        // In order of decreasing score: 18 positives and 2 negatives (precision 0.90 at the 20th),
        // 3 negatives (0.78), 27 positives (0.90 again at the 50th), then 50 negatives.
        var labels = Enumerable.Repeat(true, 18).Concat(Enumerable.Repeat(false, 5)).Concat(Enumerable.Repeat(true, 27))
            .Concat(Enumerable.Repeat(false, 50)).ToArray();
        var scores = Enumerable.Range(0, labels.Length).Select(i => 1.0 - i / 200.0).ToArray();

        var thresholds = ThresholdChooser.Choose(scores, labels);

        Assert.True(thresholds.FlagTargetReached);
        Assert.Equal(scores[19], thresholds.Flag, 12);
        Assert.Equal(0.90, thresholds.FlagValidationPrecision, 12);
    }

    [Fact]
    public void A_first_negative_among_the_strictest_few_does_not_prevent_a_threshold()
    {
        // One negative at the very top: precision is 0.5 at the second comment, too few to judge.
        var labels = new[] { true, false }.Concat(Enumerable.Repeat(true, 40)).Concat(Enumerable.Repeat(false, 60)).ToArray();
        var scores = Enumerable.Range(0, labels.Length).Select(i => 1.0 - i / 200.0).ToArray();

        var thresholds = ThresholdChooser.Choose(scores, labels);

        Assert.True(thresholds.FlagTargetReached);
        // 41 of the first 45 are positive (0.911); the 46th makes it 0.891.
        Assert.Equal(scores[44], thresholds.Flag, 12);
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
