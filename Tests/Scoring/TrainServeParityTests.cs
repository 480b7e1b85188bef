using Microsoft.ML;
using Microsoft.ML.Data;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Text;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Tests.Scoring;

public class TrainServeParityTests
{
    /// <summary>
    /// Runs the saved model on rows prepared the trainer's way (ModelTrainer.ToInputs, vectorised into
    /// an IDataView by TrainingRow.Load) through ML.NET, and compares with what the scorer returns
    /// for the raw comments on its compiled path. Any difference in normalisation, features or model
    /// evaluation between the two paths shows up as different probabilities.
    /// </summary>
    [Fact]
    public void Scorer_and_trainer_feed_the_model_the_same_features()
    {
        var built = TrainedBundle.Shared;
        var rows = built.Rows.Take(150).ToList();
        var ml = new MLContext(seed: 1);
        var view = TrainingRow.Load(ml, built.Scorer.Bundle.Features, ModelTrainer.ToInputs(rows, built.Scorer.Bundle.Features.Associations), rows);
        var transformed = built.Scorer.Bundle.Model.Transform(view);
        var manifest = built.Scorer.Bundle.Manifest;

        foreach (var category in Categories.All)
        {
            var raw = transformed.GetColumn<float>(category.ScoreColumn()).ToArray();
            for (var i = 0; i < rows.Count; i++)
            {
                var expected = manifest.For(category).Calibration.Probability(raw[i]);
                var actual = built.Scorer.Score(rows[i].ToComment())[category].Probability;
                // A tolerance, not rounding to 5 places (which splits 0.159094998 and 0.159095014):
                // the compiled linear models add the same products in another order than ML.NET.
                Assert.Equal(expected, actual, tolerance: 1e-6);
            }
        }
    }

    [Fact]
    public void Trainer_and_scorer_build_the_same_model_input()
    {
        // Both prepare each post once, through different caches: the scorer's bounded concurrent
        // one, the trainer's per-run dictionary. A row scored alone must not differ either.
        var rows = TrainedBundle.Shared.Rows.Take(200).ToList();
        var associations = TrainedBundle.Shared.Scorer.Bundle.Features.Associations;
        Assert.True(associations.Count > 0, "the test bundle learned no word association");
        var trained = ModelTrainer.ToInputs(rows, associations);
        var posts = new PostCache();
        for (var i = 0; i < rows.Count; i++)
        {
            var comment = rows[i].ToComment();
            var served = CommentFeaturizer.ToModelInput(comment, posts.Get(comment.Post), associations);
            var alone = CommentFeaturizer.ToModelInput(comment, associations);
            Assert.Equal(served.Text, trained[i].Text);
            Assert.Equal(served.Signals, trained[i].Signals);
            Assert.Equal(alone.Signals, trained[i].Signals);
        }
    }

    [Fact]
    public void Shipped_and_test_bundles_run_compiled()
    {
        Assert.True(TrainedBundle.Shared.Scorer.IsCompiled, "the test bundle fell back to the ML.NET path");
        Assert.True(NetiquetteScorer.Load(Repo.ShippedBundle).IsCompiled, "the shipped bundle fell back to the ML.NET path");
    }
}
