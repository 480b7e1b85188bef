using Microsoft.ML.Trainers.FastTree;
using NetiquetteML.Scoring.Features;

namespace NetiquetteML.Scoring.Models;

/// <summary>What each feature of a comment gave the compiled models' raw scores (for explanations).</summary>
internal sealed partial class CompiledModels
{
    /// <summary>Trees of all categories together: the length of the exit-leaf span <see cref="FindExitLeaves"/> fills.</summary>
    public int TreeCount => _forest.TreeCount;

    /// <summary>Each tree's exit leaf for <paramref name="features"/>, as the lowest set bit of its word (see <see cref="Forest"/>).</summary>
    public void FindExitLeaves(FeatureBuffer features, Span<ulong> leaves) => _forest.FindExitLeaves(features, leaves);

    /// <summary>
    /// Adds to <paramref name="sums"/> (feature index → share of the raw score) what each feature of
    /// the comment gave category <paramref name="category"/>'s raw score, and returns the bias: the
    /// raw score of <paramref name="reference"/>. Bias plus contributions is the raw score
    /// <see cref="Score"/> gives, up to rounding. Linear models: weight × (value − reference value).
    /// Tree ensembles: exact Shapley values against the same reference (<see cref="TreePath"/>), so
    /// both kinds answer the same question: what each feature of this comment adds to the score of
    /// the reference comment. <paramref name="exitLeaves"/> are the comment's, from <see cref="FindExitLeaves"/>.
    /// </summary>
    public double Contributions(int category, FeatureBuffer features, ReadOnlySpan<ulong> exitLeaves, Reference reference, ContributionSums sums) =>
        _models[category].Contributions(features, exitLeaves, reference, ExitLeavesOf(reference), sums);

    /// <summary>As the other overload, adding to a dictionary and finding the exit leaves itself (tests and one-off callers).</summary>
    public double Contributions(int category, FeatureBuffer features, Reference reference, Dictionary<int, double> contributions)
    {
        var leaves = new ulong[TreeCount];
        FindExitLeaves(features, leaves);
        var sums = new ContributionSums();
        sums.Reset(features.Length);
        var bias = Contributions(category, features, leaves, reference, sums);
        foreach (var feature in sums.Features)
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(contributions, feature, out _) += sums[feature];
        return bias;
    }

    /// <summary>The reference's exit leaves, found once per reference and these models.</summary>
    private ReadOnlySpan<ulong> ExitLeavesOf(Reference reference)
    {
        if (reference.Leaves is { } known && ReferenceEquals(known.Models, this)) return known.Leaves;
        var buffer = new FeatureBuffer();
        buffer.Reset(reference.Values.Length);
        for (var f = 0; f < reference.Values.Length; f++)
        {
            if (reference.Values[f] != 0) buffer.Set(f, reference.Values[f]);
        }
        var leaves = new ulong[TreeCount];
        FindExitLeaves(buffer, leaves);
        reference.Leaves = new ReferenceLeaves(this, leaves);
        return leaves;
    }

    /// <summary>
    /// The comment every contribution is measured from: 0 everywhere but at a few dense features
    /// (<see cref="NonZero"/>), given in full so the trees can read any feature. Immutable once built
    /// (its exit leaves are remembered on first use), so one may serve every thread.
    /// </summary>
    public sealed class Reference(float[] values, int[] nonZero)
    {
        public float[] Values { get; } = values;
        public int[] NonZero { get; } = nonZero;

        /// <summary>Set once, whole, by the first thread that needs it (another may compute the same again).</summary>
        internal ReferenceLeaves? Leaves { get; set; }
    }

    internal sealed record ReferenceLeaves(CompiledModels Models, ulong[] Leaves);

    /// <summary>
    /// One tree as exact Shapley values with one reference read it (interventional TreeSHAP): the
    /// reference is one comment (<see cref="Reference"/>), mostly the empty vector. For each leaf,
    /// the features on its path fall in three sets: those whose comment value leads there and whose
    /// reference value does not (A), the reverse (B), and those either value leads there (free); a
    /// feature neither leads there makes the leaf unreachable. The game « features in S take the
    /// comment's value, the others the reference's » reaches the leaf exactly when A ⊆ S and B ∩ S = ∅,
    /// whose Shapley values are closed forms, so each tree costs one pass over its leaves' paths and
    /// the values add up to f(x) − f(reference).
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
        public double Contributions(float[] x, float[] r, ContributionSums sums)
        {
            if (_features.Length == 0) return _leafValues[0];
            var walk = new Walk(x, r, stackalloc int[64], stackalloc int[64], sums);
            Visit(0, ref walk, 0, 0, 0);
            return walk.ReferenceValue;
        }

        /// <summary>What a walk carries from node to node, passed by reference instead of seven arguments per call.</summary>
        private ref struct Walk(float[] x, float[] r, Span<int> features, Span<int> needs, ContributionSums sums)
        {
            public readonly float[] X = x;
            public readonly float[] R = r;
            public readonly Span<int> Features = features;
            public readonly Span<int> Needs = needs;
            public readonly ContributionSums Sums = sums;
            public double ReferenceValue;
        }

        // Needs[k]: for Features[k], one of the first `distinct` met on the path, bit 1 when the
        // comment's value leads here, bit 2 when the reference's does; a counts the features only the
        // comment's value leads here by (they must take it), b those only the reference's does.
        private void Visit(int node, ref Walk walk, int distinct, int a, int b)
        {
            if (node < 0)
            {
                var value = _leafValues[~node];
                if (a == 0) walk.ReferenceValue = value;   // the reference's own leaf
                if (a + b == 0) return;                    // reached by the comment and the reference alike
                // The same products the weights make per feature, computed once per leaf.
                var gain = value * ShapleyWeights.Of(a, b);
                var loss = -value * ShapleyWeights.Of(b, a);
                var features = walk.Features;
                var needs = walk.Needs;
                for (var k = 0; k < distinct; k++)
                {
                    if (needs[k] == 1) walk.Sums.Add(features[k], gain);
                    else if (needs[k] == 2) walk.Sums.Add(features[k], loss);
                }
                return;
            }
            var f = _features[node];
            // ML.NET's test: « x ≤ threshold » goes left; NaN fails it and goes right.
            var commentLeft = walk.X[f] <= _thresholds[node] ? 1 : 0;
            var referenceLeft = walk.R[f] <= _thresholds[node] ? 2 : 0;
            var slot = walk.Features[..distinct].IndexOf(f);
            var known = slot >= 0;
            if (!known)
            {
                slot = distinct;
                walk.Features[slot] = f;
            }
            var before = known ? walk.Needs[slot] : 3;
            var count = known ? distinct : distinct + 1;
            for (var side = 0; side < 2; side++)
            {
                var need = side == 0 ? before & (commentLeft | referenceLeft) : before & ((commentLeft ^ 1) | (referenceLeft ^ 2));
                if (need == 0) continue;              // neither value leads there
                walk.Needs[slot] = need;
                var childA = a + (need == 1 ? 1 : 0) - (before == 1 ? 1 : 0);
                var childB = b + (need == 2 ? 1 : 0) - (before == 2 ? 1 : 0);
                Visit(side == 0 ? _left[node] : _right[node], ref walk, count, childA, childB);
            }
            walk.Needs[slot] = before;
        }
    }

    /// <summary>(n − 1)! m! / (n + m)!: a player's Shapley value in the game worth 1 when its n players are in and its m others out (0 when n is 0).</summary>
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
