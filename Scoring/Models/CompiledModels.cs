using System.Collections;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using NetiquetteML.Scoring.Features;

namespace NetiquetteML.Scoring.Models;

/// <summary>
/// The bundle's four models read out of the ML.NET chain, so that the tree ensembles cost a pass
/// over the comment's non-zero features and the linear models one sparse dot product,
/// instead of four passes through ML.NET's row machinery. Used only when it reproduces the ML.NET
/// chain's scores on probe comments; otherwise the scorer keeps the ML.NET path.
/// </summary>
internal sealed partial class CompiledModels
{
    private readonly ICategoryModel[] _models;
    private readonly Forest _forest;

    private CompiledModels(ICategoryModel[] models, Forest forest)
    {
        _models = models;
        _forest = forest;
    }

    /// <summary>Reads the chain written by the trainer: (predictor, column copy) per category.</summary>
    public static CompiledModels? TryCompile(ITransformer model, int featureCount)
    {
        if (model is not IEnumerable chain) return null;
        var parts = chain.Cast<ITransformer>().ToList();
        if (parts.Count != 2 * Categories.All.Count) return null;
        var models = new ICategoryModel[Categories.All.Count];
        var forest = new Forest.Builder(featureCount);
        try
        {
            for (var c = 0; c < models.Length; c++)
            {
                var compiled = Compile(parts[2 * c], forest, featureCount);
                if (compiled is null) return null;
                models[c] = compiled;
            }
        }
        catch (NotSupportedException)
        {
            return null;
        }
        return new CompiledModels(models, forest.Build());
    }

    /// <summary>Raw scores of the categories for one vectorised comment.</summary>
    public void Score(FeatureBuffer features, Span<float> scores)
    {
        // 8 KB of stack at most: five ensembles of 120 trees (600) no longer fit in the 512 of
        // before, and a 4.8 KB array per comment was most of what scoring allocated.
        Span<ulong> leaves = _forest.TreeCount <= 1024 ? stackalloc ulong[_forest.TreeCount] : new ulong[_forest.TreeCount];
        Score(features, scores, leaves);
    }

    /// <summary>As <see cref="Score(FeatureBuffer, Span{float})"/>, leaving each tree's exit leaf in <paramref name="exitLeaves"/> (<see cref="TreeCount"/> words) for an explanation to read.</summary>
    public void Score(FeatureBuffer features, Span<float> scores, Span<ulong> exitLeaves)
    {
        _forest.FindExitLeaves(features, exitLeaves);
        for (var c = 0; c < _models.Length; c++) scores[c] = _models[c].Score(features, exitLeaves);
    }

    /// <summary>Whether category <paramref name="category"/> is a linear model (contributions ML.NET's FeatureContributionCalculation gives exactly).</summary>
    public bool IsLinear(int category) => _models[category] is LinearModel;

    private static ICategoryModel? Compile(ITransformer predictor, Forest.Builder forest, int featureCount)
    {
        var model = Property(predictor, "Model");
        var inner = (model is null ? null : Property(model, "SubModel")) ?? model;
        return inner switch
        {
            FastTreeBinaryModelParameters trees => forest.Add(trees.TrainedTreeEnsemble),
            LinearBinaryModelParameters linear when linear.Weights.Count == featureCount => new LinearModel(linear.Weights.ToArray(), linear.Bias),
            _ => null,
        };
    }

    /// <summary>A public property read by name: the loaded model's generic types are not known at compile time.</summary>
    private static object? Property(object target, string name) =>
        target.GetType().GetProperties().FirstOrDefault(p => p.Name == name && p.GetIndexParameters().Length == 0)?.GetValue(target);

    private interface ICategoryModel
    {
        /// <summary>The raw score from the comment's features and the exit leaves <see cref="Forest.FindExitLeaves"/> found.</summary>
        float Score(FeatureBuffer features, ReadOnlySpan<ulong> exitLeaves);

        /// <summary>
        /// See <see cref="CompiledModels.Contributions(int, FeatureBuffer, ReadOnlySpan{ulong}, Reference, ContributionSums)"/>;
        /// <paramref name="referenceLeaves"/> are the reference's exit leaves, <paramref name="referenceReach"/> what <see cref="ReferenceReach"/> gave for it.
        /// </summary>
        double Contributions(FeatureBuffer features, ReadOnlySpan<ulong> exitLeaves, Reference reference, ReadOnlySpan<ulong> referenceLeaves,
            ulong[]? referenceReach, ContributionSums sums);

        /// <summary>What the model needs to know of a reference, once per reference (the leaves its values reach; null for a linear model).</summary>
        ulong[]? ReferenceReach(float[] reference);
    }

    private sealed class LinearModel(float[] weights, float bias) : ICategoryModel
    {
        public float Score(FeatureBuffer features, ReadOnlySpan<ulong> exitLeaves)
        {
            var dense = features.Dense;
            var sum = bias;
            foreach (var i in features.NonZero) sum += weights[i] * dense[i];
            return sum;
        }

        public ulong[]? ReferenceReach(float[] reference) => null;

        public double Contributions(FeatureBuffer features, ReadOnlySpan<ulong> exitLeaves, Reference reference, ReadOnlySpan<ulong> referenceLeaves,
            ulong[]? referenceReach, ContributionSums sums)
        {
            var dense = features.Dense;
            double referenceScore = bias;
            foreach (var i in reference.NonZero) referenceScore += weights[i] * reference.Values[i];
            foreach (var i in features.NonZero)
            {
                var part = weights[i] * (dense[i] - reference.Values[i]);
                if (part != 0) sums.Add(i, part);
            }
            foreach (var i in reference.NonZero)
            {
                if (dense[i] != 0) continue;   // counted above
                var part = -weights[i] * reference.Values[i];
                if (part != 0) sums.Add(i, part);
            }
            return referenceScore;
        }
    }

    /// <summary>One category's ensemble: its trees' range in the forest and their leaf values, in the forest's leaf order.</summary>
    private sealed class TreeModel(int firstTree, int[] leafOffsets, double[] weightedLeaves, double bias, ShapleyTrees shapley) : ICategoryModel
    {
        public ulong[]? ReferenceReach(float[] reference) => shapley.ReferenceReach(reference);

        public double Contributions(FeatureBuffer features, ReadOnlySpan<ulong> exitLeaves, Reference reference, ReadOnlySpan<ulong> referenceLeaves,
            ulong[]? referenceReach, ContributionSums sums)
        {
            var total = bias;
            for (var t = 0; t < leafOffsets.Length; t++)
            {
                // A tree the comment and the reference leave by the same leaf never parts them: every
                // feature's Shapley value in it is 0 and its share of the bias is that leaf (the
                // walk would find the same after descending the whole path).
                var exit = System.Numerics.BitOperations.TrailingZeroCount(exitLeaves[firstTree + t]);
                if (exit == System.Numerics.BitOperations.TrailingZeroCount(referenceLeaves[firstTree + t]))
                    total += weightedLeaves[leafOffsets[t] + exit];
                else
                    total += shapley.Contributions(t, features.Dense, referenceReach!, sums);
            }
            return total;
        }

        public float Score(FeatureBuffer features, ReadOnlySpan<ulong> exitLeaves)
        {
            // Trees summed in the ensemble's order, each leaf value already multiplied by its tree's
            // weight: the same double operations as ML.NET's, so the same score.
            var sum = 0.0;
            for (var t = 0; t < leafOffsets.Length; t++)
                sum += weightedLeaves[leafOffsets[t] + System.Numerics.BitOperations.TrailingZeroCount(exitLeaves[firstTree + t])];
            return (float)(sum + bias);
        }
    }

    /// <summary>
    /// Every tree of every category evaluated at once, feature by feature rather than tree by tree
    /// (the QuickScorer method, Lucchese et al., SIGIR 2015). Each tree keeps a bit per leaf, leaves
    /// numbered left to right. A split « x ≤ threshold » that fails sends the walk right, so it
    /// clears the bits of the leaves on its left; the walk's exit leaf is then the lowest bit still
    /// set. A feature at 0 fails no split whose threshold is ≥ 0, so only the comment's non-zero
    /// features (about two hundred out of thousands) and any feature split below 0 are read: far
    /// fewer steps, and no unpredictable branch per tree level, than walking two hundred trees.
    /// </summary>
    private sealed class Forest
    {
        private readonly ulong[] _hasSplits;       // bit f: some split reads feature f (most n-grams are read by none)
        private readonly int[] _featureStart;      // splits of feature f: [_featureStart[f], _featureStart[f + 1])
        private readonly Split[] _splits;          // ascending threshold within a feature
        private readonly int[] _zeroSensitive;     // features with a split below 0: a 0 fails it

        private Forest(int treeCount, int[] featureStart, Split[] splits, int[] zeroSensitive)
        {
            TreeCount = treeCount;
            _featureStart = featureStart;
            _splits = splits;
            _zeroSensitive = zeroSensitive;
            _hasSplits = new ulong[(featureStart.Length + 63) / 64];
            for (var f = 0; f + 1 < featureStart.Length; f++)
            {
                if (featureStart[f + 1] > featureStart[f]) _hasSplits[f >> 6] |= 1UL << f;
            }
        }

        public int TreeCount { get; }

        /// <summary>Leaves each tree's bit set with its exit leaf as the lowest set bit.</summary>
        public void FindExitLeaves(FeatureBuffer features, Span<ulong> leaves)
        {
            leaves.Fill(ulong.MaxValue);
            var x = features.Dense;
            var hasSplits = _hasSplits;
            foreach (var f in features.NonZero)
            {
                if ((hasSplits[f >> 6] & (1UL << f)) != 0) Fail(f, x[f], leaves);
            }
            foreach (var f in _zeroSensitive)
            {
                if (x[f] == 0) Fail(f, 0f, leaves);
            }
        }

        private void Fail(int feature, float value, Span<ulong> leaves)
        {
            var end = _featureStart[feature + 1];
            // NaN fails every « ≤ » test, as +∞ does.
            if (float.IsNaN(value)) value = float.PositiveInfinity;
            var splits = _splits;
            for (var k = _featureStart[feature]; k < end; k++)
            {
                ref readonly var split = ref splits[k];
                if (!(value > split.Threshold)) break;
                leaves[split.Tree] &= split.Mask;
            }
        }

        /// <summary>One split as the scan reads it: 16 bytes, four to a cache line.</summary>
        private readonly record struct Split(float Threshold, int Tree, ulong Mask);

        public sealed class Builder(int featureCount)
        {
            private readonly List<(int Feature, Split Split)> _splits = [];
            private int _trees;

            public ICategoryModel Add(TreeEnsemble<RegressionTree> ensemble)
            {
                var trees = ensemble.Trees;
                var weights = ensemble.TreeWeights;
                var leafOffsets = new int[trees.Count];
                var weightedLeaves = new List<double>();
                var firstTree = _trees;
                for (var t = 0; t < trees.Count; t++)
                {
                    var tree = trees[t];
                    if (tree.CategoricalSplitFlags.Any(f => f)) throw new NotSupportedException("categorical splits are not compiled");
                    if (tree.NumberOfLeaves > 64) throw new NotSupportedException("trees of more than 64 leaves are not compiled");
                    leafOffsets[t] = weightedLeaves.Count;
                    if (tree.NumberOfNodes == 0)
                    {
                        // A tree without a split exits at its only leaf (or adds 0 when it has none).
                        weightedLeaves.Add(tree.LeafValues.Count == 0 ? 0 : weights[t] * tree.LeafValues[0]);
                    }
                    else
                    {
                        var order = new List<int>(tree.NumberOfLeaves);
                        AddNode(tree, 0, _trees, order);
                        weightedLeaves.AddRange(order.Select(leaf => weights[t] * tree.LeafValues[leaf]));
                    }
                    _trees++;
                }
                return new TreeModel(firstTree, leafOffsets, weightedLeaves.ToArray(), ensemble.Bias, ShapleyTrees.From(trees, weights));
            }

            /// <summary>Numbers the leaves under <paramref name="node"/> left to right and records its split's mask; returns the leaves' bit range.</summary>
            private (int First, int Count) AddNode(RegressionTree tree, int node, int treeIndex, List<int> order)
            {
                if (node < 0)
                {
                    order.Add(~node);
                    return (order.Count - 1, 1);
                }
                var feature = tree.NumericalSplitFeatureIndexes[node];
                var threshold = tree.NumericalSplitThresholds[node];
                if (feature < 0 || feature >= featureCount) throw new NotSupportedException($"a split reads feature {feature}, beyond the vector's {featureCount}");
                if (float.IsNaN(threshold)) throw new NotSupportedException("a split has no threshold");
                var left = AddNode(tree, tree.LeftChild[node], treeIndex, order);
                var right = AddNode(tree, tree.RightChild[node], treeIndex, order);
                var leftBits = (left.Count == 64 ? ulong.MaxValue : (1UL << left.Count) - 1) << left.First;
                _splits.Add((feature, new Split(threshold, treeIndex, ~leftBits)));
                return (left.First, left.Count + right.Count);
            }

            public Forest Build()
            {
                var sorted = _splits.OrderBy(s => s.Feature).ThenBy(s => s.Split.Threshold).ToArray();
                var start = new int[featureCount + 1];
                foreach (var s in sorted) start[s.Feature + 1]++;
                for (var f = 0; f < featureCount; f++) start[f + 1] += start[f];
                return new Forest(_trees, start, sorted.Select(s => s.Split).ToArray(),
                    sorted.Where(s => s.Split.Threshold < 0).Select(s => s.Feature).Distinct().ToArray());
            }
        }
    }
}
