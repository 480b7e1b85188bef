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
internal sealed class CompiledModels
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

    /// <summary>Raw scores of the four categories for one vectorised comment.</summary>
    public void Score(FeatureBuffer features, Span<float> scores)
    {
        Span<ulong> leaves = _forest.TreeCount <= 512 ? stackalloc ulong[_forest.TreeCount] : new ulong[_forest.TreeCount];
        _forest.FindExitLeaves(features, leaves);
        for (var c = 0; c < _models.Length; c++) scores[c] = _models[c].Score(features, leaves);
    }

    /// <summary>
    /// Adds to <paramref name="contributions"/> (feature index → share of the raw score) what each
    /// feature of the comment gave category <paramref name="category"/>'s raw score, and returns the
    /// bias: the raw score of <paramref name="reference"/>. Bias plus contributions is the raw score
    /// <see cref="Score"/> gives, up to rounding. Linear models: weight × (value − reference value).
    /// Tree ensembles: exact Shapley values against the same reference (<see cref="TreePath"/>), so
    /// both kinds answer the same question: what each feature of this comment adds to the score of
    /// the reference comment.
    /// </summary>
    public double Contributions(int category, FeatureBuffer features, Reference reference, Dictionary<int, double> contributions) =>
        _models[category].Contributions(features, reference, contributions);

    /// <summary>
    /// The comment every contribution is measured from: 0 everywhere but at a few dense features
    /// (<see cref="NonZero"/>), given in full so the trees can read any feature.
    /// </summary>
    public sealed class Reference(float[] values, int[] nonZero)
    {
        public float[] Values { get; } = values;
        public int[] NonZero { get; } = nonZero;
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

        /// <summary>See <see cref="CompiledModels.Contributions"/>.</summary>
        double Contributions(FeatureBuffer features, Reference reference, Dictionary<int, double> contributions);
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

        public double Contributions(FeatureBuffer features, Reference reference, Dictionary<int, double> contributions)
        {
            var dense = features.Dense;
            double referenceScore = bias;
            foreach (var i in reference.NonZero) referenceScore += weights[i] * reference.Values[i];
            foreach (var i in features.NonZero)
            {
                var part = weights[i] * (dense[i] - reference.Values[i]);
                if (part != 0) Add(contributions, i, part);
            }
            foreach (var i in reference.NonZero)
            {
                if (dense[i] != 0) continue;   // counted above
                var part = -weights[i] * reference.Values[i];
                if (part != 0) Add(contributions, i, part);
            }
            return referenceScore;
        }
    }

    private static void Add(Dictionary<int, double> contributions, int feature, double part) =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(contributions, feature, out _) += part;

    /// <summary>One category's ensemble: its trees' range in the forest and their leaf values, in the forest's leaf order.</summary>
    private sealed class TreeModel(int firstTree, int[] leafOffsets, double[] weightedLeaves, double bias, TreePath[] paths) : ICategoryModel
    {
        public double Contributions(FeatureBuffer features, Reference reference, Dictionary<int, double> contributions)
        {
            var total = bias;
            foreach (var path in paths) total += path.Contributions(features.Dense, reference.Values, contributions);
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
                var paths = new TreePath[trees.Count];
                var weightedLeaves = new List<double>();
                var firstTree = _trees;
                for (var t = 0; t < trees.Count; t++)
                {
                    var tree = trees[t];
                    if (tree.CategoricalSplitFlags.Any(f => f)) throw new NotSupportedException("categorical splits are not compiled");
                    if (tree.NumberOfLeaves > 64) throw new NotSupportedException("trees of more than 64 leaves are not compiled");
                    leafOffsets[t] = weightedLeaves.Count;
                    paths[t] = TreePath.From(tree, weights[t]);
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
                return new TreeModel(firstTree, leafOffsets, weightedLeaves.ToArray(), ensemble.Bias, paths);
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

    /// <summary>
    /// One tree as exact Shapley values with one reference read it (interventional TreeSHAP): the
    /// reference is one comment (<see cref="Reference"/>), mostly the empty vector. For each leaf,
    /// the features on its path fall in three sets: those whose comment value leads there and whose
    /// 0 does not (A), the reverse (B), and those either value leads there (free); a feature neither
    /// leads there makes the leaf unreachable. The game « features in S take the comment's value, the
    /// others 0 » reaches the leaf exactly when A ⊆ S and B ∩ S = ∅, whose Shapley values are closed
    /// forms, so each tree costs one pass over its leaves' paths and the values add up to f(x) − f(0).
    /// </summary>
    /// <remarks>
    /// Why not Saabas's path contributions: they need each node's training cover, which a bundle does
    /// not keep, and with each node's value taken as the mean of its leaves they credited features the
    /// comment does not have with most of the score (« tabarnak de maire incompétent »: bias +53, absent
    /// n-grams −34, « tabarnak » +0.7). Against a reference where n-grams are 0, an absent n-gram gets exactly 0.
    /// </remarks>
    private sealed class TreePath
    {
        private readonly int[] _features;         // per split node, as the tree stores them
        private readonly float[] _thresholds;
        private readonly int[] _left;
        private readonly int[] _right;
        private readonly double[] _leafValues;    // weighted by the tree's weight

        private TreePath(int[] features, float[] thresholds, int[] left, int[] right, double[] leafValues)
        {
            _features = features;
            _thresholds = thresholds;
            _left = left;
            _right = right;
            _leafValues = leafValues;
        }

        public static TreePath From(RegressionTree tree, double weight)
        {
            var leaves = tree.LeafValues.Select(v => weight * v).ToArray();
            // A tree without a split: one leaf (or none, which adds 0), reached by every vector.
            if (tree.NumberOfNodes == 0) return new TreePath([], [], [], [], leaves.Length == 0 ? [0.0] : [leaves[0]]);
            return new TreePath(tree.NumericalSplitFeatureIndexes.ToArray(), tree.NumericalSplitThresholds.ToArray(),
                tree.LeftChild.ToArray(), tree.RightChild.ToArray(), leaves);
        }

        /// <summary>Adds the tree's Shapley values for the comment <paramref name="x"/> against <paramref name="r"/>; returns its value at the reference (its share of the bias).</summary>
        /// <remarks>
        /// A walk from the root that follows only the children the comment's or the reference's value
        /// leads to, keeping per feature met so far which of the two can still lead there: where
        /// both take the same side (most splits: n-grams the comment lacks), one child is visited,
        /// so a tree costs its depth unless the comment parts from the reference in it.
        /// </remarks>
        public double Contributions(float[] x, float[] r, Dictionary<int, double> contributions)
        {
            if (_features.Length == 0) return _leafValues[0];
            Span<int> features = stackalloc int[64];
            Span<int> needs = stackalloc int[64];
            var referenceValue = 0.0;
            Visit(0, x, r, features, needs, 0, 0, 0, contributions, ref referenceValue);
            return referenceValue;
        }

        // needs[k]: for features[k], one of the first `distinct` met on the path, bit 1 when the
        // comment's value leads here, bit 2 when the reference's does; a counts the features only the
        // comment's value leads here by (they must take it), b those only the reference's does.
        private void Visit(int node, float[] x, float[] r, Span<int> features, Span<int> needs, int distinct, int a, int b,
            Dictionary<int, double> contributions, ref double referenceValue)
        {
            if (node < 0)
            {
                var value = _leafValues[~node];
                if (a == 0) referenceValue = value;   // the reference's own leaf
                if (a + b == 0) return;               // reached by the comment and the reference alike
                for (var k = 0; k < distinct; k++)
                {
                    if (needs[k] == 1) Add(contributions, features[k], value * ShapleyWeights.Of(a, b));
                    else if (needs[k] == 2) Add(contributions, features[k], -value * ShapleyWeights.Of(b, a));
                }
                return;
            }
            var f = _features[node];
            // ML.NET's test: « x ≤ threshold » goes left; NaN fails it and goes right.
            var commentLeft = x[f] <= _thresholds[node] ? 1 : 0;
            var referenceLeft = r[f] <= _thresholds[node] ? 2 : 0;
            var slot = features[..distinct].IndexOf(f);
            var known = slot >= 0;
            if (!known)
            {
                slot = distinct;
                features[slot] = f;
            }
            var before = known ? needs[slot] : 3;
            var count = known ? distinct : distinct + 1;
            for (var side = 0; side < 2; side++)
            {
                var need = side == 0 ? before & (commentLeft | referenceLeft) : before & ((commentLeft ^ 1) | (referenceLeft ^ 2));
                if (need == 0) continue;              // neither value leads there
                needs[slot] = need;
                var childA = a + (need == 1 ? 1 : 0) - (before == 1 ? 1 : 0);
                var childB = b + (need == 2 ? 1 : 0) - (before == 2 ? 1 : 0);
                Visit(side == 0 ? _left[node] : _right[node], x, r, features, needs, count, childA, childB, contributions, ref referenceValue);
            }
            needs[slot] = before;
        }
    }

    /// <summary>(n − 1)! m! / (n + m)!: a player's Shapley value in the game worth 1 when its n players are in and its m others out.</summary>
    private static class ShapleyWeights
    {
        private const int Max = 64;
        private static readonly double[] Table = Build();

        public static double Of(int n, int m) => Table[n * (Max + 1) + m];

        private static double[] Build()
        {
            var logFactorial = new double[2 * Max + 2];
            for (var i = 2; i < logFactorial.Length; i++) logFactorial[i] = logFactorial[i - 1] + Math.Log(i);
            var table = new double[(Max + 1) * (Max + 1)];
            for (var n = 1; n <= Max; n++)
                for (var m = 0; m <= Max; m++)
                    table[n * (Max + 1) + m] = Math.Exp(logFactorial[n - 1] + logFactorial[m] - logFactorial[n + m]);
            return table;
        }
    }
}
