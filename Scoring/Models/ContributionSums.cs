namespace NetiquetteML.Scoring.Models;

/// <summary>
/// Feature → share of a raw score, summed in place: a dense array indexed by feature and the list of
/// features credited, in the order they were first credited. One per thread, reused from category
/// to category: a dictionary cost a hash and a probe per credit, thousands of them per explanation.
/// </summary>
/// <remarks>
/// The order matters: explanations read the features in it (signals sorted from it, n-grams the
/// comment lacks summed in it), so it is the order a <see cref="Dictionary{TKey,TValue}"/> filled the
/// same way enumerates, and the sums are the same additions in the same order, bit for bit.
/// </remarks>
internal sealed class ContributionSums
{
    private double[] _values = [];
    private bool[] _credited = [];
    private int[] _order = new int[256];
    private int _count;

    /// <summary>Forgets every sum (touching only the features credited) and makes room for <paramref name="featureCount"/> features.</summary>
    public void Reset(int featureCount)
    {
        for (var k = 0; k < _count; k++)
        {
            _values[_order[k]] = 0;
            _credited[_order[k]] = false;
        }
        _count = 0;
        if (_values.Length < featureCount)
        {
            _values = new double[featureCount];
            _credited = new bool[featureCount];
        }
    }

    public void Add(int feature, double part)
    {
        if (!_credited[feature])
        {
            _credited[feature] = true;
            if (_count == _order.Length) Array.Resize(ref _order, _order.Length * 2);
            _order[_count++] = feature;
        }
        _values[feature] += part;
    }

    /// <summary>The features credited, in the order they were first credited.</summary>
    public ReadOnlySpan<int> Features => _order.AsSpan(0, _count);

    /// <summary>Whether <paramref name="feature"/> was credited (its sum may still be 0).</summary>
    public bool Has(int feature) => _credited[feature];

    /// <summary>The sum credited to <paramref name="feature"/>; 0 when it was not credited.</summary>
    public double this[int feature] => _values[feature];

    /// <summary>What a tree's pass writes (per feature of the tree, at most 63), kept with the sums it fills because both are one thread's.</summary>
    internal Scratch TreeScratch { get; } = new();

    internal sealed class Scratch
    {
        private readonly ulong[] _reach = new ulong[64];
        private readonly int[] _parting = new int[64];
        private readonly int[] _needs = new int[64];

        public Span<ulong> Reach => _reach;
        public Span<int> Parting => _parting;
        public Span<int> Needs => _needs;
    }
}
