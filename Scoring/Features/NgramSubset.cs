namespace NetiquetteML.Scoring.Features;

/// <summary>
/// A few kept n-grams (the ones an explanation credits), looked up by hash in a table of a few
/// kilobytes: locating only them costs a probe in cache per n-gram of the comment instead of one
/// in the feature space's table of thousands. Reused from comment to comment (see <see cref="FeatureSpace.Subset"/>).
/// </summary>
internal sealed class NgramSubset
{
    private ulong[] _words = new ulong[64];   // hash | feature << 32, 0 for an empty slot (0 is never a hash)
    private ulong[] _chars = new ulong[64];
    private int _wordShift = 32 - 6;
    private int _charShift = 32 - 6;

    /// <summary>Empties the table and sizes it for up to <paramref name="count"/> n-grams of each family.</summary>
    internal void Reset(int count)
    {
        var capacity = 64;
        while (capacity < count * 2) capacity <<= 1;
        Reset(ref _words, ref _wordShift, capacity);
        Reset(ref _chars, ref _charShift, capacity);
    }

    private static void Reset(ref ulong[] slots, ref int shift, int capacity)
    {
        if (slots.Length != capacity) slots = new ulong[capacity];
        else Array.Clear(slots);
        shift = 32 - System.Numerics.BitOperations.Log2((uint)capacity);
    }

    /// <summary>Adds <paramref name="feature"/> under <paramref name="hash"/> (once: a second add is ignored).</summary>
    internal void Add(uint hash, int feature, bool word)
    {
        var slots = word ? _words : _chars;
        var slot = Slot(hash, word ? _wordShift : _charShift);
        while ((uint)slots[slot] != 0)
        {
            if ((uint)slots[slot] == hash) return;
            slot = (slot + 1) & (slots.Length - 1);
        }
        slots[slot] = hash | ((ulong)(uint)feature << 32);
    }

    /// <summary>The feature of <paramref name="hash"/> in the family asked, or -1.</summary>
    public int IndexOf(uint hash, bool word)
    {
        var slots = word ? _words : _chars;
        var slot = Slot(hash, word ? _wordShift : _charShift);
        while (true)
        {
            var entry = slots[slot];
            var key = (uint)entry;
            if (key == hash) return (int)(entry >> 32);
            if (key == 0) return -1;
            slot = (slot + 1) & (slots.Length - 1);
        }
    }

    private static int Slot(uint hash, int shift) => (int)((hash * 0x9E3779B1u) >> shift);
}
