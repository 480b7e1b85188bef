using System.Collections;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using NetiquetteML.Scoring.Text;

namespace NetiquetteML.Scoring.Models;

/// <summary>
/// The bundle's four models read out of the ML.NET chain so that a comment is featurised once
/// and each category costs a few dozen comparisons (trees) or one sparse dot product (linear),
/// instead of four passes through ML.NET's row machinery. Built only when it reproduces the
/// ML.NET chain's scores on probe comments; otherwise the scorer keeps the ML.NET path.
/// </summary>
internal sealed class CompiledModels
{
    private readonly ITransformer _featurizer;
    private readonly ICategoryModel[] _models;

    private CompiledModels(ITransformer featurizer, ICategoryModel[] models, int featureCount)
    {
        _featurizer = featurizer;
        _models = models;
        FeatureCount = featureCount;
    }

    public int FeatureCount { get; }

    public ITransformer Featurizer => _featurizer;

    /// <summary>Reads the chain written by the trainer: featuriser, then (predictor, column copy) per category.</summary>
    public static CompiledModels? TryCompile(ITransformer model, DataViewSchema inputSchema)
    {
        if (model is not IEnumerable chain) return null;
        var parts = chain.Cast<ITransformer>().ToList();
        if (parts.Count != 1 + 2 * Categories.All.Count) return null;
        if (parts[0].GetOutputSchema(inputSchema).GetColumnOrNull("Features")?.Type is not VectorDataViewType { Size: > 0 } features) return null;
        var models = new ICategoryModel[Categories.All.Count];
        try
        {
            for (var c = 0; c < models.Length; c++)
            {
                var compiled = Compile(parts[1 + 2 * c]);
                if (compiled is null) return null;
                models[c] = compiled;
            }
        }
        catch (NotSupportedException)
        {
            return null;
        }
        return new CompiledModels(parts[0], models, features.Size);
    }

    /// <summary>Raw scores of the four categories for one featurised comment.</summary>
    public void Score(in VBuffer<float> features, float[] dense, Span<float> scores)
    {
        var values = features.GetValues();
        var indices = features.GetIndices();
        if (features.IsDense)
        {
            values.CopyTo(dense);
        }
        else
        {
            for (var k = 0; k < indices.Length; k++) dense[indices[k]] = values[k];
        }
        for (var c = 0; c < _models.Length; c++) scores[c] = _models[c].Score(dense, features);
        if (features.IsDense)
        {
            Array.Clear(dense, 0, values.Length);
        }
        else
        {
            for (var k = 0; k < indices.Length; k++) dense[indices[k]] = 0;
        }
    }

    private static ICategoryModel? Compile(ITransformer predictor)
    {
        var model = Property(predictor, "Model");
        var inner = (model is null ? null : Property(model, "SubModel")) ?? model;
        return inner switch
        {
            FastTreeBinaryModelParameters trees => new TreeModel(trees.TrainedTreeEnsemble),
            LinearBinaryModelParameters linear => new LinearModel(linear.Weights.ToArray(), linear.Bias),
            _ => null,
        };
    }

    /// <summary>A public property read by name: the loaded model's generic types are not known at compile time.</summary>
    private static object? Property(object target, string name) =>
        target.GetType().GetProperties().FirstOrDefault(p => p.Name == name && p.GetIndexParameters().Length == 0)?.GetValue(target);

    private interface ICategoryModel
    {
        float Score(float[] dense, in VBuffer<float> sparse);
    }

    private sealed class LinearModel(float[] weights, float bias) : ICategoryModel
    {
        public float Score(float[] dense, in VBuffer<float> sparse)
        {
            var values = sparse.GetValues();
            var sum = bias;
            if (sparse.IsDense)
            {
                for (var i = 0; i < values.Length && i < weights.Length; i++) sum += weights[i] * values[i];
                return sum;
            }
            var indices = sparse.GetIndices();
            for (var k = 0; k < indices.Length; k++)
            {
                if (indices[k] < weights.Length) sum += weights[indices[k]] * values[k];
            }
            return sum;
        }
    }

    private sealed class TreeModel : ICategoryModel
    {
        private readonly Tree[] _trees;
        private readonly double _bias;

        public TreeModel(TreeEnsemble<RegressionTree> ensemble)
        {
            _bias = ensemble.Bias;
            _trees = ensemble.Trees.Select((t, i) => new Tree(
                t.LeftChild.ToArray(), t.RightChild.ToArray(), t.NumericalSplitFeatureIndexes.ToArray(),
                t.NumericalSplitThresholds.ToArray(), t.LeafValues.ToArray(), ensemble.TreeWeights[i],
                t.CategoricalSplitFlags.Any(f => f))).ToArray();
            if (_trees.Any(t => t.HasCategoricalSplits))
                throw new NotSupportedException("categorical splits are not compiled");
        }

        public float Score(float[] dense, in VBuffer<float> sparse)
        {
            var sum = 0.0;
            foreach (var tree in _trees) sum += tree.Weight * tree.Output(dense);
            return (float)(sum + _bias);
        }
    }

    private sealed record Tree(int[] Left, int[] Right, int[] Feature, float[] Threshold, double[] Leaves, double Weight, bool HasCategoricalSplits)
    {
        public double Output(float[] x)
        {
            if (Left.Length == 0) return Leaves.Length > 0 ? Leaves[0] : 0;
            var node = 0;
            while (node >= 0) node = x[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
            return Leaves[~node];
        }
    }
}

/// <summary>The featuriser's output: the one vector all four models read.</summary>
internal sealed class FeatureRow
{
    [ColumnName("Features")]
    public VBuffer<float> Features;
}
