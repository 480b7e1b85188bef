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

    /// <summary>Scales the features in [from, to) to unit Euclidean length.</summary>
    internal void ScaleToUnitLength(int from, int to)
    {
        var sum = 0.0;
        foreach (var i in NonZero)
        {
            if (i >= from && i < to) sum += _dense[i] * _dense[i];
        }
        if (sum == 0) return;
        var scale = (float)(1 / Math.Sqrt(sum));
        foreach (var i in NonZero)
        {
            if (i >= from && i < to) _dense[i] *= scale;
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
