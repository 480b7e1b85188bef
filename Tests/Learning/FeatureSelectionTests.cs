using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Features;
using NetiquetteML.Scoring.Text;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Tests.Learning;

public class FeatureSelectionTests
{
    private static LabelledComment Row(string text, bool offensive = false, bool commercial = false) =>
        new("x", "", text, offensive, false, false, commercial, "test.csv", 2);

    private static bool Reads(FeatureSpace space, string word)
    {
        var buffer = new FeatureBuffer();
        space.Vectorize(CommentFeaturizer.ToModelInput(Row(word).ToComment()), buffer);
        foreach (var i in buffer.NonZero) if (i < space.WordFeatures) return true;
        return false;
    }

    [Fact]
    public void Chi_square_is_zero_for_an_ngram_independent_of_the_label_and_largest_for_a_perfect_one()
    {
        Assert.Equal(0, FeatureSelection.ChiSquare(documents: 50, positiveDocuments: 10, positives: 20, total: 100), 9);
        var perfect = FeatureSelection.ChiSquare(documents: 20, positiveDocuments: 20, positives: 20, total: 100);
        var partial = FeatureSelection.ChiSquare(documents: 20, positiveDocuments: 12, positives: 20, total: 100);
        Assert.Equal(100, perfect, 9);
        Assert.True(perfect > partial && partial > 0);
    }

    [Fact]
    public void Ngrams_that_tell_a_category_apart_are_kept_before_frequent_neutral_ones()
    {
        var rows = new List<LabelledComment>();
        for (var i = 0; i < 10; i++)
        {
            rows.Add(Row("bonjour le conseil", offensive: false));
            rows.Add(Row("bonjour gang de caves", offensive: true));
            rows.Add(Row("bonjour vente de garage", commercial: true));
        }
        var space = FeatureSelection.Fit(ModelTrainer.ToInputs(rows), rows, new FeatureOptions { NgramsPerCategory = 1000 });
        Assert.True(Reads(space, "caves"));
        Assert.True(Reads(space, "garage"));
        Assert.False(Reads(space, "bonjour")); // in every comment: tells nothing
    }

    [Fact]
    public void Ngrams_in_fewer_comments_than_the_minimum_are_never_kept()
    {
        var rows = new List<LabelledComment> { Row("gang de caves", offensive: true), Row("gang de twits", offensive: true), Row("bonne journee"), Row("bonne soiree") };
        var inputs = ModelTrainer.ToInputs(rows);
        var once = FeatureSelection.Fit(inputs, rows, new FeatureOptions { MinimumDocuments = 1 });
        var twice = FeatureSelection.Fit(inputs, rows, new FeatureOptions { MinimumDocuments = 2 });
        Assert.True(Reads(once, "caves"));
        Assert.False(Reads(twice, "caves"));
        Assert.True(Reads(twice, "gang"));
    }

    [Fact]
    public void Each_category_keeps_at_most_its_share_of_ngrams()
    {
        var rows = TrainedBundle.SampleRows(every: 20);
        var space = FeatureSelection.Fit(ModelTrainer.ToInputs(rows), rows, new FeatureOptions { NgramsPerCategory = 50 });
        Assert.InRange(space.WordFeatures + space.CharFeatures, 50, Categories.All.Count * 50);
    }

    [Fact]
    public void Same_rows_give_the_same_feature_space()
    {
        var rows = TrainedBundle.SampleRows(every: 20);
        var inputs = ModelTrainer.ToInputs(rows);
        var options = new FeatureOptions { NgramsPerCategory = 300 };
        Assert.Equal(FeatureSelection.Fit(inputs, rows, options).ToJson(), FeatureSelection.Fit(inputs, rows, options).ToJson());
    }
}
