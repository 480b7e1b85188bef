namespace NetiquetteML.Scoring.Features;

/// <summary>
/// Receives the n-gram hashes of a text, one call per occurrence, with the characters [start, end)
/// of the text it covers (what explanations map back to the comment; the scorer ignores them).
/// </summary>
internal interface INgramSink
{
    void Word(uint hash, int start, int end);
    void Char(uint hash, int start, int end);
}

/// <summary>
/// The n-grams the models read, as 32-bit hashes computed straight from the normalised text:
/// word 1–2-grams and character 2–4-grams (spaces included, the text padded with one space each
/// side so word starts and ends are n-grams of their own; single letters say next to nothing and
/// were a quarter of the hashing work). Hashing instead of a string vocabulary
/// means no substring is ever allocated, in training or in scoring.
/// </summary>
internal static class NgramHashes
{
    public const int WordNgramLength = 2;
    public const int CharNgramLength = 4;
    public const int ShortestCharNgram = 2;

    private const uint Prime = 16777619;
    private const uint WordBasis = 2166136261;
    private const uint CharBasis = 0x811C9DC5 ^ 0x5bd1e995;
    private const uint BigramSalt = 0x9E3779B9;

    /// <summary>Calls the sink for every word and character n-gram of <paramref name="text"/> (already normalised: single spaces).</summary>
    public static void Enumerate<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, INgramSink
    {
        var previous = 0u;
        var previousStart = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != ' ') continue;
            // Runs of punctuation or emoji are not words: the character n-grams and the signals see
            // them, and as words a « ?!?! » tirade would outweigh the one sacre it surrounds.
            if (i > start && HasLetterOrDigit(text[start..i]))
            {
                var word = Finish(Fnv(WordBasis, text[start..i]));
                sink.Word(word, start, i);
                if (previous != 0) sink.Word(Finish((previous * BigramSalt) ^ word ^ (word >> 15)), previousStart, i);
                previous = word;
                previousStart = start;
            }
            start = i + 1;
        }

        // Character n-grams run over " " + text + " ", copied once so the loop has no edge cases.
        var length = text.Length + 2;
        var rented = length > 1024 ? System.Buffers.ArrayPool<char>.Shared.Rent(length) : null;
        var padded = rented is null ? stackalloc char[length] : rented.AsSpan(0, length);
        padded[0] = ' ';
        text.CopyTo(padded[1..]);
        padded[^1] = ' ';
        for (var i = 0; i < length; i++)
        {
            var hash = CharBasis;
            var end = Math.Min(length, i + CharNgramLength);
            for (var p = i; p < end; p++)
            {
                hash = (hash ^ padded[p]) * Prime;
                // padded[p] is text[p - 1]: the n-gram padded[i..p] covers text[i - 1, p) within the text.
                if (p - i + 1 >= ShortestCharNgram) sink.Char(Finish(hash + (uint)(p - i)), Math.Max(i - 1, 0), Math.Min(p, text.Length));
            }
        }
        if (rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
    }

    private static bool HasLetterOrDigit(ReadOnlySpan<char> token)
    {
        foreach (var c in token) if (char.IsLetterOrDigit(c)) return true;
        return false;
    }

    private static uint Fnv(uint basis, ReadOnlySpan<char> chars)
    {
        var hash = basis;
        foreach (var c in chars) hash = (hash ^ c) * Prime;
        return hash;
    }

    /// <summary>A final avalanche (murmur3's), and never 0: 0 marks an empty slot in <see cref="NgramTable"/>.</summary>
    private static uint Finish(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h == 0 ? 1u : h;
    }
}

/// <summary>
/// An immutable open-addressing map from n-gram hash to feature index (reads are lock-free). Key
/// and value share one 64-bit slot, so a lookup touches one cache line; and since most of a
/// comment's n-grams are not in the vocabulary, a 64-kilobit filter that fits in the L1 cache
/// turns most of them away before the table is read.
/// </summary>
internal sealed class NgramTable
{
    private const int FilterBits = 1 << 16;
    private readonly ulong[] _filter = new ulong[FilterBits / 64];
    private readonly ulong[] _slots;
    private readonly int _shift;

    public NgramTable(IReadOnlyList<uint> hashes, int firstIndex)
    {
        var capacity = 16;
        while (capacity < hashes.Count * 2) capacity <<= 1;
        _slots = new ulong[capacity];
        _shift = 32 - System.Numerics.BitOperations.Log2((uint)capacity);
        for (var i = 0; i < hashes.Count; i++)
        {
            var hash = hashes[i];
            if (hash == 0) throw new ArgumentException("The n-gram hash 0 is not a valid hash.", nameof(hashes));
            var slot = Slot(hash);
            while ((uint)_slots[slot] != 0)
            {
                if ((uint)_slots[slot] == hash) throw new ArgumentException($"The n-gram hash {hash} is listed twice.", nameof(hashes));
                slot = (slot + 1) & (capacity - 1);
            }
            _slots[slot] = hash | ((ulong)(uint)(firstIndex + i) << 32);
            var bit = FilterBit(hash);
            _filter[bit >> 6] |= 1UL << bit;
        }
    }

    /// <summary>The feature index of <paramref name="hash"/>, or -1 when it is not in the vocabulary.</summary>
    public int IndexOf(uint hash)
    {
        var bit = FilterBit(hash);
        if ((_filter[bit >> 6] & (1UL << bit)) == 0) return -1;
        var slots = _slots;
        var mask = slots.Length - 1;
        var slot = Slot(hash);
        while (true)
        {
            var entry = slots[slot];
            var key = (uint)entry;
            if (key == hash) return (int)(entry >> 32);
            if (key == 0) return -1;
            slot = (slot + 1) & mask;
        }
    }

    private int Slot(uint hash) => (int)((hash * 0x9E3779B1u) >> _shift);

    /// <summary>The filter's bit: the hash's low 16 bits (the slot uses its multiplied high bits).</summary>
    private static int FilterBit(uint hash) => (int)(hash & (FilterBits - 1));
}
