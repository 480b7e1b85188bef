using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Features;
using NetiquetteML.Scoring.Models;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Tests.Scoring;

/// <summary>
/// <see cref="CompiledModels.Contributions"/> held to ML.NET's FeatureContributionCalculation where
/// the two methods mean the same thing: every vector for a linear model (weight × value both), and
/// for trees a vector with one feature set above all its thresholds, tested at most once on any
/// path (then both give f(x) − f(0) to that feature); and to their own sum everywhere.
/// </summary>
public class CompiledContributionsTests
{
    private const int FeatureCount = 12;

    [Fact]
    public void Linear_contributions_are_ml_net_feature_contributions()
    {
        var ml = new MLContext(seed: 3);
        var data = Data(ml, out var rows);
        var parts = new List<ITransformer>();
        var current = data;
        var calculators = new List<ITransformer>();
        foreach (var category in Categories.All)
        {
            var predictor = ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = TrainingRow.LabelColumn(category),
                FeatureColumnName = FeatureRow.FeatureColumn,
                NumberOfThreads = 1,
            }).Fit(current);
            calculators.Add(ml.Transforms.CalculateFeatureContribution(predictor, FeatureCount, FeatureCount, normalize: false).Fit(data));
            Chain(ml, predictor, category, parts, ref current);
        }
        var compiled = CompiledModels.TryCompile(new TransformerChain<ITransformer>(parts.ToArray()), FeatureCount)!;
        Assert.NotNull(compiled);

        for (var c = 0; c < 4; c++)
        {
            Assert.True(compiled.IsLinear(c));
            // Copied row by row: the column's enumerator reuses one buffer.
            var expected = calculators[c].Transform(data).GetColumn<VBuffer<float>>("FeatureContributions").Select(v => v.DenseValues().ToArray()).ToList();
            for (var r = 0; r < rows.Count; r++)
            {
                var ours = Contributions(compiled, c, rows[r].Features, out var bias, out var score);
                Close(score, bias + ours.Values.Sum());
                for (var f = 0; f < FeatureCount; f++) Close(expected[r][f], ours.GetValueOrDefault(f));
            }
        }
    }

    [Fact]
    public void Tree_contributions_of_a_lone_feature_are_ml_net_feature_contributions()
    {
        var ml = new MLContext(seed: 3);
        var data = Data(ml, out _);
        var parts = new List<ITransformer>();
        var current = data;
        var predictors = new List<BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, Microsoft.ML.Calibrators.PlattCalibrator>>>();
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
            predictors.Add(predictor);
            Chain(ml, predictor, category, parts, ref current);
        }
        var compiled = CompiledModels.TryCompile(new TransformerChain<ITransformer>(parts.ToArray()), FeatureCount)!;
        Assert.NotNull(compiled);

        var compared = 0;
        for (var c = 0; c < 4; c++)
        {
            var trees = predictors[c].Model.SubModel.TrainedTreeEnsemble.Trees;
            // Lone vectors: one feature over every threshold it has, every other at 0, so that on any
            // path the feature's split parts the vector from 0 (ML.NET credits a split even when
            // the vector goes the way 0 would, where a Shapley value against 0 credits nothing).
            var lone = trees.SelectMany(t => Enumerable.Range(0, t.NumberOfNodes).Select(n => (Feature: t.NumericalSplitFeatureIndexes[n], Threshold: t.NumericalSplitThresholds[n])))
                .GroupBy(s => s.Feature)
                .Where(g => g.Min(s => s.Threshold) >= 0 && AtMostOncePerPath(trees, g.Key))
                .SelectMany(g => new[] { (g.Key, MathF.BitIncrement(g.Max(s => s.Threshold))), (g.Key, g.Max(s => s.Threshold) + 1) })
                .ToList();
            var vectors = lone.Select(l =>
            {
                var values = new float[FeatureCount];
                values[l.Item1] = l.Item2;
                return new FeatureRow { Features = new VBuffer<float>(FeatureCount, values) };
            }).ToList();
            var view = ml.Data.LoadFromEnumerable(vectors, FeatureRow.Schema<FeatureRow>(FeatureCount));
            var fcc = ml.Transforms.CalculateFeatureContribution(predictors[c], FeatureCount, FeatureCount, normalize: false).Fit(view);
            var expected = fcc.Transform(view).GetColumn<VBuffer<float>>("FeatureContributions").Select(v => v.DenseValues().ToArray()).ToList();
            for (var i = 0; i < vectors.Count; i++)
            {
                var ours = Contributions(compiled, c, vectors[i].Features, out var bias, out var score);
                Close(score, bias + ours.Values.Sum());
                // ML.NET also credits every other split on the path (the vector goes there as 0 would);
                // on the lone feature the two methods agree.
                var feature = lone[i].Item1;
                Close(expected[i][feature], ours.GetValueOrDefault(feature));
                Close(score - bias, ours.GetValueOrDefault(feature));
                compared++;
            }
        }
        Assert.True(compared >= 16, $"{compared} lone vectors compared");
    }

    /// <summary>ML.NET computes in single precision, the compiled models in double.</summary>
    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

    private static Dictionary<int, double> Contributions(CompiledModels compiled, int category, VBuffer<float> vector, out double bias, out float score)
    {
        var buffer = new FeatureBuffer();
        buffer.Reset(FeatureCount);
        var dense = vector.DenseValues().ToArray();
        for (var f = 0; f < FeatureCount; f++) if (dense[f] != 0) buffer.Set(f, dense[f]);
        Span<float> scores = stackalloc float[Categories.Count];
        compiled.Score(buffer, scores);
        score = scores[category];
        var contributions = new Dictionary<int, double>();
        bias = compiled.Contributions(category, buffer, new CompiledModels.Reference(new float[FeatureCount], []), contributions);
        return contributions;
    }

    /// <summary>Whether no root-to-leaf path of <paramref name="trees"/> tests <paramref name="feature"/> twice (then the ghost walk of ML.NET is f(x) − f(0)).</summary>
    private static bool AtMostOncePerPath(IReadOnlyList<RegressionTree> trees, int feature)
    {
        int Most(RegressionTree tree, int node) => node < 0 ? 0
            : (tree.NumericalSplitFeatureIndexes[node] == feature ? 1 : 0) + Math.Max(Most(tree, tree.LeftChild[node]), Most(tree, tree.RightChild[node]));
        return trees.All(t => t.NumberOfNodes == 0 || Most(t, 0) <= 1);
    }

    private static void Chain(MLContext ml, ITransformer predictor, Category category, List<ITransformer> parts, ref IDataView current)
    {
        current = predictor.Transform(current);
        var copy = ml.Transforms.CopyColumns(category.ScoreColumn(), "Score").Fit(current);
        current = copy.Transform(current);
        parts.Add(predictor);
        parts.Add(copy);
    }

    /// <summary>Sparse non-negative vectors (as the featuriser writes them) with labels that depend on a few features.</summary>
    private static IDataView Data(MLContext ml, out List<TrainingRow> rows)
    {
        var random = new Random(5);
        rows = [];
        for (var i = 0; i < 600; i++)
        {
            var values = new float[FeatureCount];
            for (var f = 0; f < FeatureCount; f++) values[f] = random.NextDouble() < 0.6 ? 0f : (float)Math.Round(random.NextDouble(), 2);
            rows.Add(new TrainingRow
            {
                Features = new VBuffer<float>(FeatureCount, values),
                Offensive = values[0] > 0.4 || values[3] > 0.7,
                OffTopic = values[1] == 0 && values[2] > 0.3,
                Political = values[4] + values[5] > 0.9,
                Commercial = values[6] > 0 ^ values[7] > 0.5,
            });
        }
        return ml.Data.LoadFromEnumerable(rows, FeatureRow.Schema<TrainingRow>(FeatureCount));
    }
}
