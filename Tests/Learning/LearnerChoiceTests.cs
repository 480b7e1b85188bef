using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Tests.Learning;

public class LearnerChoiceTests
{
    private static readonly LearnerKind[] Both = [LearnerKind.SdcaLogisticRegression, LearnerKind.FastTree];

    [Fact]
    public void Automatic_choice_compares_FastTree_up_to_the_row_limit_and_SDCA_alone_beyond_it()
    {
        var trainer = new ModelTrainer(new TrainingOptions { FastTreeRowLimit = 1_000 }, _ => { });
        Assert.Equal(Both, trainer.LearnersFor(1_000));
        Assert.Equal([LearnerKind.SdcaLogisticRegression], trainer.LearnersFor(1_001));
    }

    [Fact]
    public void Learners_named_explicitly_are_compared_at_any_size()
    {
        var trainer = new ModelTrainer(new TrainingOptions { Learners = Both, FastTreeRowLimit = 1_000 }, _ => { });
        Assert.Equal(Both, trainer.LearnersFor(1_000_000));
    }

    [Theory]
    [InlineData("auto", null)]
    [InlineData(" AUTO ", null)]
    [InlineData("FastTree", "FastTree")]
    [InlineData("sdcalogisticregression, fasttree", "SdcaLogisticRegression,FastTree")]
    public void Learner_option_reads_auto_or_a_list(string option, string? expected)
    {
        var parsed = Learners.Parse(option, "--learners");
        Assert.Equal(expected, parsed is null ? null : string.Join(",", parsed));
    }

    [Fact]
    public void Unknown_learner_is_refused_naming_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => Learners.Parse("RandomForest", "--learners"));
        Assert.Contains("'RandomForest'", error.Message);
        Assert.Contains("auto", error.Message);
        Assert.Contains("FastTree", error.Message);
    }

    [Fact]
    public void Training_split_over_the_limit_is_fitted_with_SDCA_only_and_the_log_says_why()
    {
        var messages = new List<string>();
        var options = new TrainingOptions { Folds = 2, FastTreeRowLimit = 100 };
        var trained = new ModelTrainer(options, messages.Add).Train(TrainedBundle.SampleRows(every: 6));

        Assert.Equal([LearnerKind.SdcaLogisticRegression], trained.LearnersCompared);
        Assert.All(trained.Categories.Values, c =>
        {
            Assert.Equal(nameof(LearnerKind.SdcaLogisticRegression), c.Learner);
            Assert.Equal([nameof(LearnerKind.SdcaLogisticRegression)], c.CrossValidatedAveragePrecision.Keys);
        });
        Assert.Contains(messages, m => m.Contains("FastTree écarté") && m.Contains("100"));
    }
}
