namespace NetiquetteML.Scoring.Text;

/// <summary>
/// Whole words and stems (entries ending in <c>*</c>: any word that starts with the stem, at least
/// as long), each with bits, looked up in one walk along a normalised word. The featurizer reads
/// every word of every comment: a hash lookup per stem length cost it up to a dozen lookups a word,
/// where a walk stops at the first letter no entry continues with (for most words, the first few).
/// </summary>
/// <remarks>
/// Children are indexed by letter over the normaliser's alphabet (a–z, 0–9): one load per letter,
/// no comparison. Any other character ends the walk: no entry contains one, so no whole word can
/// match past it, and the stems met before it still hold.
/// </remarks>
internal sealed class WordTrie
{
    private const int Alphabet = 36;
    private const byte NoSlot = byte.MaxValue;

    private static readonly byte[] Slots = BuildSlots();

    private readonly ushort[] _children;   // node * Alphabet + slot → child node; 0 = none (the root is nobody's child)
    private readonly uint[] _bits;         // 2 * node: bits of the stems ending here; 2 * node + 1: bits of the whole word ending here

    private WordTrie(ushort[] children, uint[] bits)
    {
        _children = children;
        _bits = bits;
    }

    /// <summary>The number of nodes, root included (reported by tests, not needed to look up).</summary>
    public int NodeCount => _bits.Length / 2;

    /// <summary>A trie of <paramref name="entries"/>; the bits of an entry given twice are combined.</summary>
    /// <exception cref="ArgumentException">An entry is empty or has a character outside a–z, 0–9 (it could never match a normalised word).</exception>
    public static WordTrie Build(IEnumerable<(string Entry, uint Bits)> entries)
    {
        var children = new List<ushort>(Alphabet * 256);
        var bits = new List<uint>(2 * 256);
        AddNode();
        foreach (var (entry, value) in entries)
        {
            var isStem = entry.EndsWith('*');
            var letters = isStem ? entry.AsSpan(0, entry.Length - 1) : entry.AsSpan();
            if (letters.IsEmpty) throw new ArgumentException($"empty entry '{entry}'", nameof(entries));
            var node = 0;
            foreach (var c in letters)
            {
                var slot = SlotOf(c);
                if (slot == NoSlot) throw new ArgumentException($"entry '{entry}': '{c}' is not a letter of a normalised word (a-z, 0-9)", nameof(entries));
                var index = node * Alphabet + slot;
                if (children[index] == 0) children[index] = AddNode();
                node = children[index];
            }
            bits[2 * node + (isStem ? 0 : 1)] |= value;
        }
        return new WordTrie([.. children], [.. bits]);

        ushort AddNode()
        {
            var node = bits.Count / 2;
            if (node > ushort.MaxValue) throw new ArgumentException($"more than {ushort.MaxValue} nodes", nameof(entries));
            for (var i = 0; i < Alphabet; i++) children.Add(0);
            bits.Add(0);
            bits.Add(0);
            return (ushort)node;
        }
    }

    /// <summary>The bits of every stem <paramref name="word"/> starts with and of the whole word if it is an entry; 0 for most words.</summary>
    public uint Lookup(ReadOnlySpan<char> word)
    {
        var children = _children;
        var bits = _bits;
        uint found = 0;
        var node = 0;
        foreach (var c in word)
        {
            var slot = SlotOf(c);
            if (slot == NoSlot) return found;
            node = children[node * Alphabet + slot];
            if (node == 0) return found;
            found |= bits[2 * node];
        }
        return found | bits[2 * node + 1];
    }

    private static byte SlotOf(char c) => c < 128 ? Slots[c] : NoSlot;

    private static byte[] BuildSlots()
    {
        var slots = new byte[128];
        Array.Fill(slots, NoSlot);
        for (var c = 'a'; c <= 'z'; c++) slots[c] = (byte)(c - 'a');
        for (var c = '0'; c <= '9'; c++) slots[c] = (byte)(26 + c - '0');
        return slots;
    }
}
