using System.Collections;
using CsCheck;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Features;
using NetiquetteML.Scoring.Models;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Tests.Scoring;

/// <summary>
/// The compiled models evaluate the trees feature by feature (bit masks per tree) instead of
/// walking them; these tests hold them to ML.NET's own scores on vectors chosen to sit exactly on,
/// just under and just over the split thresholds, at zero, below zero and at NaN.
/// </summary>
public class CompiledModelsTests
{
    [Fact]
    public void Compiled_bundle_models_give_ml_net_scores_on_and_around_every_threshold()
    {
        // The shipped bundle: its five models are tree ensembles (the small test bundle may choose linear models only).
        var bundle = NetiquetteScorer.Load(Repo.ShippedBundle).Bundle;
        AssertSameScoresAsMlNet(bundle.Model, bundle.Features.Count);
    }

    [Fact]
    public void Compiled_trees_split_below_zero_give_ml_net_scores_when_the_feature_is_absent()
    {
        // Features of the bundles are never negative, so their splits never sit below 0; these
        // trees are grown on features that are, so an absent (zero) feature fails some splits.
        var model = TreesOnSignedFeatures(out var featureCount);
        Assert.Contains(Splits(model), s => s.Threshold < 0);
        AssertSameScoresAsMlNet(model, featureCount);
    }

    private static void AssertSameScoresAsMlNet(ITransformer model, int featureCount)
    {
        var compiled = CompiledModels.TryCompile(model, featureCount);
        Assert.NotNull(compiled);
        var splits = Splits(model).Distinct().ToArray();
        Assert.NotEmpty(splits);
        var special = new[] { 0f, -0f, 1f, -1f, 1e6f, float.NaN, float.PositiveInfinity, float.NegativeInfinity };
        var engine = new MLContext(seed: 1).Model.CreatePredictionEngine<FeatureRow, ModelOutput>(model,
            new PredictionEngineOptions { OwnsTransformer = false, InputSchemaDefinition = FeatureRow.Schema<FeatureRow>(featureCount) });

        // Mostly a feature some tree splits on, set exactly on, just under or just over one of its
        // thresholds; otherwise any feature at a special value.
        var onSplit = Gen.Select(Gen.Int[0, splits.Length - 1], Gen.Int[-1, 1]).Select(p =>
        {
            var (feature, threshold) = splits[p.Item1];
            return (feature, p.Item2 switch { < 0 => MathF.BitDecrement(threshold), 0 => threshold, _ => MathF.BitIncrement(threshold) });
        });
        var anywhere = Gen.Select(Gen.Int[0, featureCount - 1], Gen.Int[0, special.Length - 1]).Select(p => (p.Item1, special[p.Item2]));
        var entry = Gen.Frequency((4, onSplit), (1, anywhere));
        var vectors = entry.Array[0, 40];
        // One engine, used from one thread: the property runs its samples one after the other.
        vectors.Sample(entries =>
        {
            var buffer = new FeatureBuffer();
            buffer.Reset(featureCount);
            // Each feature set once, as the featuriser does: a slot set to 0 and then set again would be listed twice.
            foreach (var (feature, value) in entries.DistinctBy(e => e.Item1)) buffer.Set(feature, value);
            Span<float> fast = stackalloc float[Categories.All.Count];
            compiled.Score(buffer, fast);
            var expected = engine.Predict(new FeatureRow { Features = buffer.ToVBuffer() });
            foreach (var category in Categories.All)
            {
                var slow = expected.Get(category);
                // Infinite features reach the linear model: ±∞ (or NaN, ∞ times a weight of 0) on both paths.
                if (slow.Equals(fast[(int)category])) continue;
                Assert.True(Math.Abs(slow - fast[(int)category]) <= 1e-5 * Math.Max(1, Math.Abs(slow)),
                    $"{category}: ML.NET {slow}, compiled {fast[(int)category]}, features {string.Join(", ", entries.DistinctBy(e => e.Item1).Select(e => $"{e.Item1}={e.Item2}"))}");
            }
        }, iter: 400, threads: 1);
    }

    /// <summary>The (feature, threshold) splits of every tree ensemble in a (predictor, copy) chain.</summary>
    private static IEnumerable<(int Feature, float Threshold)> Splits(ITransformer model)
    {
        foreach (var part in ((IEnumerable)model).Cast<ITransformer>())
        {
            var parameters = Property(part, "Model");
            if ((parameters is null ? null : Property(parameters, "SubModel") ?? parameters) is not FastTreeBinaryModelParameters trees) continue;
            foreach (var tree in trees.TrainedTreeEnsemble.Trees)
                for (var n = 0; n < tree.NumberOfNodes; n++) yield return (tree.NumericalSplitFeatureIndexes[n], tree.NumericalSplitThresholds[n]);
        }
    }

    private static object? Property(object target, string name) =>
        target.GetType().GetProperties().FirstOrDefault(p => p.Name == name && p.GetIndexParameters().Length == 0)?.GetValue(target);

    /// <summary>Four small FastTree models chained as the trainer chains them, on features between -3 and 0 or absent.</summary>
    private static ITransformer TreesOnSignedFeatures(out int featureCount)
    {
        const int count = 12;
        featureCount = count;
        var random = new Random(5);
        var rows = new List<TrainingRow>();
        for (var i = 0; i < 600; i++)
        {
            var values = new float[count];
            for (var f = 0; f < count; f++) values[f] = random.NextDouble() < 0.5 ? 0f : -(float)Math.Round(random.NextDouble() * 3, 2);
            rows.Add(new TrainingRow
            {
                Features = new VBuffer<float>(count, values),
                Offensive = values[0] < -1 || values[3] == 0,
                OffTopic = values[1] == 0 && values[2] < -0.5,
                Political = values[4] + values[5] < -2,
                Commercial = values[6] == 0 ^ values[7] < -1.5,
            });
        }
        var ml = new MLContext(seed: 3);
        IDataView current = ml.Data.LoadFromEnumerable(rows, FeatureRow.Schema<TrainingRow>(count));
        var parts = new List<ITransformer>();
        foreach (var category in Categories.All)
        {
            var predictor = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = TrainingRow.LabelColumn(category),
                FeatureColumnName = FeatureRow.FeatureColumn,
                NumberOfTrees = 8,
                NumberOfLeaves = 6,
                MinimumExampleCountPerLeaf = 3,
                NumberOfThreads = 1,
            }).Fit(current);
            current = predictor.Transform(current);
            var copy = ml.Transforms.CopyColumns(category.ScoreColumn(), "Score").Fit(current);
            current = copy.Transform(current);
            parts.Add(predictor);
            parts.Add(copy);
        }
        return new TransformerChain<ITransformer>(parts.ToArray());
    }
}
