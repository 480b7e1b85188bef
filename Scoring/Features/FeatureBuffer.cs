using Microsoft.ML.Data;

namespace NetiquetteML.Scoring.Features;

/// <summary>
/// One comment's feature vector, kept dense (the trees read any feature in O(1)) with the list
/// of non-zero positions (clearing and dot products touch only those). One per thread: reused
/// from comment to comment, never shared.
/// </summary>
public sealed class FeatureBuffer
{
    private float[] _dense = [];
    private int[] _touched = new int[256];
    private int _count;

    /// <summary>The whole vector; positions not in <see cref="NonZero"/> are 0.</summary>
    public float[] Dense => _dense;

    /// <summary>Positions of the non-zero features, in the order they were first set.</summary>
    public ReadOnlySpan<int> NonZero => _touched.AsSpan(0, _count);

    public int Length { get; private set; }

    internal void Reset(int length)
    {
        for (var k = 0; k < _count; k++) _dense[_touched[k]] = 0;
        _count = 0;
        if (_dense.Length < length) _dense = new float[length];
        Length = length;
    }

    internal void Add(int index, float value)
    {
        ref var slot = ref _dense[index];
        if (slot == 0) Remember(index);
        slot += value;
    }

    internal void Set(int index, float value)
    {
        if (_dense[index] == 0) Remember(index);
        _dense[index] = value;
    }

    /// <summary>Scales [0, split) and [split, end) each to unit Euclidean length, in two passes over the non-zero features.</summary>
    internal void ScaleToUnitLength(int split, int end)
    {
        double first = 0, second = 0;
        foreach (var i in NonZero)
        {
            var v = _dense[i];
            if (i < split) first += v * v;
            else if (i < end) second += v * v;
        }
        var firstScale = first == 0 ? 1f : (float)(1 / Math.Sqrt(first));
        var secondScale = second == 0 ? 1f : (float)(1 / Math.Sqrt(second));
        foreach (var i in NonZero)
        {
            if (i < split) _dense[i] *= firstScale;
            else if (i < end) _dense[i] *= secondScale;
        }
    }

    /// <summary>The vector as ML.NET's sparse buffer (indices sorted), for training and the ML.NET path.</summary>
    public VBuffer<float> ToVBuffer()
    {
        var indices = NonZero.ToArray();
        Array.Sort(indices);
        var values = new float[indices.Length];
        for (var k = 0; k < indices.Length; k++) values[k] = _dense[indices[k]];
        return new VBuffer<float>(Length, indices.Length, values, indices);
    }

    private void Remember(int index)
    {
        if (_count == _touched.Length) Array.Resize(ref _touched, _touched.Length * 2);
        _touched[_count++] = index;
    }
}
