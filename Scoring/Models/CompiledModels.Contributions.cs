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
    /// <see cref="Score(FeatureBuffer, Span{float})"/> gives, up to rounding. Linear models: weight × (value − reference value).
    /// Tree ensembles: exact Shapley values against the same reference (<see cref="ShapleyTrees"/>), so
    /// both kinds answer the same question: what each feature of this comment adds to the score of
    /// the reference comment. <paramref name="exitLeaves"/> are the comment's, from <see cref="FindExitLeaves"/>.
    /// </summary>
    public double Contributions(int category, FeatureBuffer features, ReadOnlySpan<ulong> exitLeaves, Reference reference, ContributionSums sums)
    {
        var walked = Walked(reference);
        return _models[category].Contributions(features, exitLeaves, reference, walked.Leaves, walked.Reach[category], sums);
    }

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

    /// <summary>What the models make of the reference, found once per reference and these models.</summary>
    private ReferenceLeaves Walked(Reference reference)
    {
        if (reference.Leaves is { } known && ReferenceEquals(known.Models, this)) return known;
        var buffer = new FeatureBuffer();
        buffer.Reset(reference.Values.Length);
        for (var f = 0; f < reference.Values.Length; f++)
        {
            if (reference.Values[f] != 0) buffer.Set(f, reference.Values[f]);
        }
        var leaves = new ulong[TreeCount];
        FindExitLeaves(buffer, leaves);
        var walked = new ReferenceLeaves(this, leaves, _models.Select(m => m.ReferenceReach(reference.Values)).ToArray());
        reference.Leaves = walked;
        return walked;
    }

    /// <summary>
    /// The comment every contribution is measured from: 0 everywhere but at a few dense features
    /// (<see cref="NonZero"/>), given in full so the trees can read any feature. Immutable once built
    /// (what the trees make of it is remembered on first use), so one may serve every thread.
    /// </summary>
    public sealed class Reference(float[] values, int[] nonZero)
    {
        public float[] Values { get; } = values;
        public int[] NonZero { get; } = nonZero;

        /// <summary>Set once, whole, by the first thread that needs it (another may compute the same again).</summary>
        internal ReferenceLeaves? Leaves { get; set; }
    }

    /// <summary>The reference's exit leaf in every tree, and per category what <see cref="ShapleyTrees.ReferenceReach"/> found for it (null for a linear model).</summary>
    internal sealed record ReferenceLeaves(CompiledModels Models, ulong[] Leaves, ulong[]?[] Reach);

    /// <summary>
    /// One ensemble's trees as exact Shapley values with one reference read them (interventional
    /// TreeSHAP): the reference is one comment (<see cref="Reference"/>), mostly the empty vector. For
    /// each leaf, the features on its path fall in three sets: those whose comment value leads there
    /// and whose reference value does not (A), the reverse (B), and those either value leads there
    /// (free); a feature neither leads there makes the leaf unreachable. The game « features in S take
    /// the comment's value, the others the reference's » reaches the leaf exactly when A ⊆ S and
    /// B ∩ S = ∅, whose Shapley values are closed forms: each feature of A gets the leaf's value ×
    /// (|A| − 1)! |B|! / (|A| + |B|)!, each of B minus its value × |A|! (|B| − 1)! / (|A| + |B|)!, and
    /// the values add up to f(x) − f(reference).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Why not Saabas's path contributions: they need each node's training cover, which a bundle does
    /// not keep, and with each node's value taken as the mean of its leaves they credited features the
    /// comment does not have with most of the score (« tabarnak de maire incompétent »: bias +53, absent
    /// n-grams −34, « tabarnak » +0.7). Against a reference where n-grams are 0, an absent n-gram gets exactly 0.
    /// </para>
    /// <para>
    /// The sets are bit masks over a tree's leaves (at most 64, numbered left to right): per feature
    /// of the tree, the leaves the comment's value is not turned away from by any split on that
    /// feature, and the same for the reference (found once per reference). A leaf is reachable when
    /// every feature lets the comment or the reference through; it is in A for the features that
    /// let only the comment through. So a tree costs one pass over its splits and a few bit tests
    /// per reachable leaf, with no recursion: the walk that followed both values down the tree
    /// branch by branch cost three times as much. The leaves are visited left to right and each
    /// leaf credits its features in the order its path meets them, as that walk did, so the sums
    /// are the same additions in the same order.
    /// </para>
    /// </remarks>
    private sealed class ShapleyTrees
    {
        private readonly Split[] _splits;         // tree after tree: tree t's are [_splitStart[t], _splitStart[t + 1])
        private readonly int[] _splitStart;
        private readonly double[] _leafValues;    // tree after tree, left to right, weighted by the tree's weight: [_leafStart[t], _leafStart[t + 1])
        private readonly int[] _leafStart;
        private readonly int[] _slotFeatures;     // per tree its distinct features: [_slotStart[t], _slotStart[t + 1])
        private readonly int[] _slotStart;
        private readonly byte[] _pathSlots;       // per leaf (global index), the slots its path meets, in order: [_pathStart[l], _pathStart[l + 1])
        private readonly int[] _pathStart;
        private readonly ulong[] _open;           // per split, the leaves a value may still reach: [2k] when it goes left, [2k + 1] right

        /// <summary>A split as the pass reads it: its feature's slot in the tree, and its subtree's leaves [First, End), those from Middle on to its right.</summary>
        private readonly record struct Split(int Feature, float Threshold, byte Slot, byte First, byte Middle, byte End);

        private static ulong Leaves(int first, int end) => end - first == 64 ? ulong.MaxValue : ((1UL << (end - first)) - 1) << first;

        private ShapleyTrees(Split[] splits, int[] splitStart, double[] leafValues, int[] leafStart, int[] slotFeatures, int[] slotStart,
            byte[] pathSlots, int[] pathStart)
        {
            _splits = splits;
            _splitStart = splitStart;
            _leafValues = leafValues;
            _leafStart = leafStart;
            _slotFeatures = slotFeatures;
            _slotStart = slotStart;
            _pathSlots = pathSlots;
            _pathStart = pathStart;
            _open = new ulong[2 * splits.Length];
            for (var k = 0; k < splits.Length; k++)
            {
                // Going left closes the leaves on the right, and the reverse.
                _open[2 * k] = ~Leaves(splits[k].Middle, splits[k].End);
                _open[2 * k + 1] = ~Leaves(splits[k].First, splits[k].Middle);
            }
        }

        /// <summary>Trees of at most 64 leaves (the compiled forest's limit too).</summary>
        public static ShapleyTrees From(IReadOnlyList<RegressionTree> trees, IReadOnlyList<double> weights)
        {
            var splits = new List<Split>();
            var splitStart = new int[trees.Count + 1];
            var leafValues = new List<double>();
            var leafStart = new int[trees.Count + 1];
            var slotFeatures = new List<int>();
            var slotStart = new int[trees.Count + 1];
            var pathSlots = new List<byte>();
            var pathStart = new List<int> { 0 };
            for (var t = 0; t < trees.Count; t++)
            {
                var tree = trees[t];
                if (tree.NumberOfNodes == 0)
                {
                    // A tree without a split: one leaf (or none, which adds 0), reached by every vector.
                    leafValues.Add(tree.LeafValues.Count == 0 ? 0.0 : weights[t] * tree.LeafValues[0]);
                    pathStart.Add(pathSlots.Count);
                }
                else
                {
                    var features = tree.NumericalSplitFeatureIndexes.Distinct().ToList();
                    var builder = new TreeBuilder(tree, weights[t], features, splits, leafValues, pathSlots, pathStart);
                    builder.Add(0, []);
                    slotFeatures.AddRange(features);
                }
                splitStart[t + 1] = splits.Count;
                leafStart[t + 1] = leafValues.Count;
                slotStart[t + 1] = slotFeatures.Count;
            }
            return new ShapleyTrees(splits.ToArray(), splitStart, leafValues.ToArray(), leafStart, slotFeatures.ToArray(), slotStart,
                pathSlots.ToArray(), pathStart.ToArray());
        }

        /// <summary>Numbers one tree's leaves left to right, recording each split's leaves and each leaf's path.</summary>
        private sealed class TreeBuilder(RegressionTree tree, double weight, List<int> features, List<Split> splits, List<double> leafValues,
            List<byte> pathSlots, List<int> pathStart)
        {
            private readonly int _firstLeaf = leafValues.Count;

            /// <summary>Adds the subtree under <paramref name="node"/>, whose path from the root met <paramref name="met"/>; returns its first leaf and end.</summary>
            public (int First, int End) Add(int node, List<byte> met)
            {
                if (node < 0)
                {
                    leafValues.Add(weight * tree.LeafValues[~node]);
                    pathSlots.AddRange(met);
                    pathStart.Add(pathSlots.Count);
                    return (leafValues.Count - 1 - _firstLeaf, leafValues.Count - _firstLeaf);
                }
                var slot = (byte)features.IndexOf(tree.NumericalSplitFeatureIndexes[node]);
                var below = met.Contains(slot) ? met : [.. met, slot];
                var at = splits.Count;
                splits.Add(default);
                var (first, middle) = Add(tree.LeftChild[node], below);
                var (_, end) = Add(tree.RightChild[node], below);
                splits[at] = new Split(tree.NumericalSplitFeatureIndexes[node], tree.NumericalSplitThresholds[node], slot, (byte)first, (byte)middle, (byte)end);
                return (first, end);
            }
        }

        /// <summary>Per feature of each tree (its slot), the leaves <paramref name="r"/>'s value is not turned away from.</summary>
        public ulong[] ReferenceReach(float[] r)
        {
            var reach = new ulong[_slotFeatures.Length];
            Array.Fill(reach, ulong.MaxValue);
            for (var t = 0; t + 1 < _splitStart.Length; t++)
            {
                for (var k = _splitStart[t]; k < _splitStart[t + 1]; k++)
                {
                    var split = _splits[k];
                    reach[_slotStart[t] + split.Slot] &= _open[2 * k + (r[split.Feature] <= split.Threshold ? 0 : 1)];
                }
            }
            return reach;
        }

        /// <summary>
        /// Adds tree <paramref name="tree"/>'s Shapley values for the comment <paramref name="x"/> against the
        /// reference whose <see cref="ReferenceReach"/> is <paramref name="referenceReach"/>; returns the
        /// tree's value at the reference (its share of the bias).
        /// </summary>
        public double Contributions(int tree, float[] x, ulong[] referenceReach, ContributionSums sums)
        {
            var firstLeaf = _leafStart[tree];
            var leafCount = _leafStart[tree + 1] - firstLeaf;
            if (leafCount == 1) return _leafValues[firstLeaf];
            var firstSlot = _slotStart[tree];
            var slotCount = _slotStart[tree + 1] - firstSlot;
            // ML.NET's test: « x ≤ threshold » goes left; NaN fails it and goes right.
            var comment = sums.TreeScratch.Reach[..slotCount];
            comment.Fill(ulong.MaxValue);
            var first = _splitStart[tree];
            var splits = _splits.AsSpan(first, _splitStart[tree + 1] - first);
            var open = _open.AsSpan(2 * first, 2 * splits.Length);
            for (var k = 0; k < splits.Length; k++)
            {
                ref readonly var split = ref splits[k];
                comment[split.Slot] &= open[2 * k + (x[split.Feature] <= split.Threshold ? 0 : 1)];
            }
            var reference = referenceReach.AsSpan(firstSlot, slotCount);
            // Reachable leaves; and the features where the two values part (the only ones credited).
            var reachable = Leaves(0, leafCount);
            var parting = sums.TreeScratch.Parting[..slotCount];
            var partingCount = 0;
            for (var s = 0; s < slotCount; s++)
            {
                reachable &= comment[s] | reference[s];
                if (comment[s] != reference[s]) parting[partingCount++] = s;
            }
            // needs[s]: 1 when only the comment's value leads to the leaf, 2 only the reference's, 0 otherwise.
            var needs = sums.TreeScratch.Needs[..slotCount];
            needs.Clear();
            var referenceValue = 0.0;
            for (; reachable != 0; reachable &= reachable - 1)
            {
                var leaf = System.Numerics.BitOperations.TrailingZeroCount(reachable);
                int a = 0, b = 0;
                for (var p = 0; p < partingCount; p++)
                {
                    var s = parting[p];
                    var byComment = (comment[s] >> leaf) & 1;
                    var byReference = (reference[s] >> leaf) & 1;
                    var need = byComment == byReference ? 0 : byComment != 0 ? 1 : 2;
                    needs[s] = need;
                    if (need == 1) a++;
                    else if (need == 2) b++;
                }
                var value = _leafValues[firstLeaf + leaf];
                if (a == 0) referenceValue = value;   // the reference's own leaf
                if (a + b == 0) continue;             // reached by the comment and the reference alike
                // The same products the weights make per feature, computed once per leaf.
                var gain = value * ShapleyWeights.Of(a, b);
                var loss = -value * ShapleyWeights.Of(b, a);
                var path = _pathSlots.AsSpan(_pathStart[firstLeaf + leaf], _pathStart[firstLeaf + leaf + 1] - _pathStart[firstLeaf + leaf]);
                foreach (var s in path)
                {
                    if (needs[s] == 1) sums.Add(_slotFeatures[firstSlot + s], gain);
                    else if (needs[s] == 2) sums.Add(_slotFeatures[firstSlot + s], loss);
                }
            }
            return referenceValue;
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
