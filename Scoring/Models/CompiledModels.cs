using System.Collections;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using NetiquetteML.Scoring.Features;

namespace NetiquetteML.Scoring.Models;

/// <summary>
/// The bundle's four models read out of the ML.NET chain, so that each category costs a few
/// dozen comparisons (trees) or one sparse dot product (linear) on the comment's feature buffer,
/// instead of four passes through ML.NET's row machinery. Used only when it reproduces the ML.NET
/// chain's scores on probe comments; otherwise the scorer keeps the ML.NET path.
/// </summary>
internal sealed class CompiledModels
{
    private readonly ICategoryModel[] _models;

    private CompiledModels(ICategoryModel[] models) => _models = models;

    /// <summary>Reads the chain written by the trainer: (predictor, column copy) per category.</summary>
    public static CompiledModels? TryCompile(ITransformer model, int featureCount)
    {
        if (model is not IEnumerable chain) return null;
        var parts = chain.Cast<ITransformer>().ToList();
        if (parts.Count != 2 * Categories.All.Count) return null;
        var models = new ICategoryModel[Categories.All.Count];
        try
        {
            for (var c = 0; c < models.Length; c++)
            {
                var compiled = Compile(parts[2 * c]);
                if (compiled is null || !compiled.Reads(featureCount)) return null;
                models[c] = compiled;
            }
        }
        catch (NotSupportedException)
        {
            return null;
        }
        return new CompiledModels(models);
    }

    /// <summary>Raw scores of the four categories for one vectorised comment.</summary>
    public void Score(FeatureBuffer features, Span<float> scores)
    {
        for (var c = 0; c < _models.Length; c++) scores[c] = _models[c].Score(features);
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
        float Score(FeatureBuffer features);

        /// <summary>True when the model reads no feature beyond the vector's length.</summary>
        bool Reads(int featureCount);
    }

    private sealed class LinearModel(float[] weights, float bias) : ICategoryModel
    {
        public float Score(FeatureBuffer features)
        {
            var dense = features.Dense;
            var sum = bias;
            foreach (var i in features.NonZero)
            {
                if (i < weights.Length) sum += weights[i] * dense[i];
            }
            return sum;
        }

        public bool Reads(int featureCount) => weights.Length == featureCount;
    }

    /// <summary>
    /// The ensemble's trees flattened into one array of 16-byte nodes (feature, threshold, both
    /// children), so a comment's walk down a hundred trees reads memory in order instead of four
    /// arrays per tree.
    /// </summary>
    private sealed class TreeModel : ICategoryModel
    {
        private readonly Node[] _nodes;
        private readonly int[] _roots;
        private readonly double[] _leaves;
        private readonly int[] _leafOffsets;
        private readonly double[] _weights;
        private readonly double _bias;

        public TreeModel(TreeEnsemble<RegressionTree> ensemble)
        {
            _bias = ensemble.Bias;
            var trees = ensemble.Trees;
            if (trees.Any(t => t.CategoricalSplitFlags.Any(f => f)))
                throw new NotSupportedException("categorical splits are not compiled");
            var nodes = new List<Node>();
            var leaves = new List<double>();
            _roots = new int[trees.Count];
            _leafOffsets = new int[trees.Count];
            _weights = ensemble.TreeWeights.ToArray();
            for (var t = 0; t < trees.Count; t++)
            {
                var tree = trees[t];
                _roots[t] = tree.NumberOfNodes == 0 ? -1 : nodes.Count;
                _leafOffsets[t] = leaves.Count;
                // A tree without a split is one leaf (or none): it walks straight to ~0 below.
                if (tree.NumberOfNodes == 0 && tree.LeafValues.Count == 0) leaves.Add(0);
                leaves.AddRange(tree.LeafValues);
                for (var n = 0; n < tree.NumberOfNodes; n++)
                {
                    // Children: a node index within the tree (>= 0) or ~leaf (< 0), made global here.
                    nodes.Add(new Node(tree.NumericalSplitFeatureIndexes[n], tree.NumericalSplitThresholds[n],
                        Child(tree.LeftChild[n], _roots[t]), Child(tree.RightChild[n], _roots[t])));
                }
            }
            _nodes = nodes.ToArray();
            _leaves = leaves.ToArray();
        }

        private static int Child(int child, int root) => child >= 0 ? root + child : child;

        public float Score(FeatureBuffer features)
        {
            var x = features.Dense;
            var nodes = _nodes;
            var sum = 0.0;
            for (var t = 0; t < _roots.Length; t++)
            {
                var node = _roots[t];
                while (node >= 0)
                {
                    ref readonly var n = ref nodes[node];
                    node = x[n.Feature] <= n.Threshold ? n.Left : n.Right;
                }
                sum += _weights[t] * _leaves[_leafOffsets[t] + ~node];
            }
            return (float)(sum + _bias);
        }

        public bool Reads(int featureCount) => _nodes.All(n => n.Feature >= 0 && n.Feature < featureCount);
    }

    private readonly record struct Node(int Feature, float Threshold, int Left, int Right);
}
