using NetiquetteML.Scoring.Bundles;
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

    private static double[] Descending(int n) => Enumerable.Range(0, n).Select(i => 1.0 - i / (2.0 * n)).ToArray();

    [Fact]
    public void A_climb_back_that_only_touches_the_target_does_not_carry_the_flag_past_a_dip()
    {
        // In order of decreasing score: 300 positives and 10 negatives (0.968), 60 negatives
        // (0.811), 400 positives (0.900 again at the 770th), then 400 negatives.
        var labels = Enumerable.Repeat(true, 300).Concat(Enumerable.Repeat(false, 70)).Concat(Enumerable.Repeat(true, 400))
            .Concat(Enumerable.Repeat(false, 400)).ToArray();
        var scores = Descending(labels.Length);

        var thresholds = ThresholdChooser.Choose(scores, labels);

        Assert.True(thresholds.FlagTargetReached);
        Assert.True(thresholds.Flag > scores[370], $"flag {thresholds.Flag:0.0000} went past the dip");
        Assert.InRange(thresholds.FlagValidationPrecision, 0.90, 1.0);
        Assert.InRange(thresholds.FlagValidationRecall, 0.40, 300.0 / 700);
    }

    [Fact]
    public void A_first_negative_among_the_strictest_few_does_not_prevent_a_threshold()
    {
        var labels = new[] { true, false }.Concat(Enumerable.Repeat(true, 400)).Concat(Enumerable.Repeat(false, 600)).ToArray();
        var scores = Descending(labels.Length);

        var thresholds = ThresholdChooser.Choose(scores, labels);

        Assert.True(thresholds.FlagTargetReached);
        Assert.True(thresholds.FlagValidationRecall > 0.99);
    }

    [Fact]
    public void An_early_dip_among_a_few_comments_does_not_hold_the_flag_at_the_top()
    {
        // From the top: 9 positives, 2 negatives (precision 0.82 at the 11th), then 400 positives
        // with a negative after every 39 (0.975), then 100 positives under 400 negatives.
        var labels = Enumerable.Repeat(true, 9).Concat([false, false])
            .Concat(Enumerable.Range(0, 10).SelectMany(_ => Enumerable.Repeat(true, 39).Append(false)))
            .Concat(Enumerable.Range(0, 100).SelectMany(_ => new[] { true, false, false, false, false }))
            .ToArray();
        var scores = Descending(labels.Length);

        var thresholds = ThresholdChooser.Choose(scores, labels);

        Assert.True(thresholds.FlagTargetReached);
        Assert.True(thresholds.FlagValidationRecall > 0.75, $"recall {thresholds.FlagValidationRecall:0.000} at {thresholds.Flag:0.000}");
    }

    [Fact]
    public void Twenty_positives_in_a_row_are_too_few_to_promise_the_target()
    {
        // All 20 strictest comments are positive, but 20 out of 20 only says precision is at least
        // 0.88 with 95 % confidence: the target is not reached and flag falls back to best F1.
        var labels = Enumerable.Repeat(true, 20).Concat(Enumerable.Repeat(false, 80)).ToArray();

        var thresholds = ThresholdChooser.Choose(Descending(labels.Length), labels);

        Assert.False(thresholds.FlagTargetReached);
        Assert.True(ThresholdChooser.WilsonLowerBound(1.0, 20) < 0.90);
        Assert.True(ThresholdChooser.WilsonLowerBound(1.0, 30) > 0.90);
    }

    [Fact]
    public void The_lower_bound_of_precision_grows_towards_the_observed_precision_with_more_comments()
    {
        var bounds = new[] { 10, 100, 1_000, 100_000 }.Select(n => ThresholdChooser.WilsonLowerBound(0.9, n)).ToArray();
        Assert.Equal(bounds.Order(), bounds);
        Assert.All(bounds, b => Assert.InRange(b, 0.0, 0.9));
        Assert.InRange(bounds[^1], 0.898, 0.9);
    }

    [Fact]
    public void A_best_f1_flag_sits_where_f1_peaks_below_the_precision_flag_and_keeps_its_precision_remove()
    {
        // Overlapping classes (unlike Synthetic's): precision climbs slowly with the threshold.
        var random = new Random(4);
        var labels = Enumerable.Range(0, 3000).Select(_ => random.NextDouble() < 0.3).ToArray();
        var scores = labels.Select(l => (l ? 1.2 : 0.0) + random.NextDouble() + random.NextDouble() + random.NextDouble()).ToArray();
        var probabilities = scores.Select(PlattCalibrator.Fit(scores, labels).Probability).ToArray();
        var forPrecision = ThresholdChooser.Choose(probabilities, labels);

        var forF1 = ThresholdChooser.Choose(probabilities, labels, flagObjective: FlagObjective.BestF1);

        static double F1((double Precision, double Recall) m) => 2 * m.Precision * m.Recall / (m.Precision + m.Recall);
        var atFlag = BinaryMetrics.At(probabilities, labels, forF1.Flag);
        var everyThreshold = probabilities.Distinct().Select(t => BinaryMetrics.At(probabilities, labels, t)).Where(m => m.Precision + m.Recall > 0);
        Assert.Equal(everyThreshold.Max(m => F1((m.Precision, m.Recall))), F1((atFlag.Precision, atFlag.Recall)), 9);
        Assert.True(forF1.Flag < forPrecision.Flag, $"best-F1 flag {forF1.Flag:0.000} vs precision flag {forPrecision.Flag:0.000}");
        Assert.True(forF1.FlagValidationRecall > forPrecision.FlagValidationRecall);
        Assert.Equal(FlagObjective.BestF1, forF1.FlagObjective);
        Assert.True(forF1.FlagTargetReached);
        Assert.Equal(forPrecision.Remove, forF1.Remove);
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
