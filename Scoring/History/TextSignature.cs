using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NetiquetteML.Scoring.Text;

namespace NetiquetteML.Scoring.History;

/// <summary>
/// A keyed MinHash of a comment's text: what the history keeps instead of the text. Two comments
/// with the same words, whatever their emojis, punctuation, case, accents, links, numbers or a few
/// edited letters, get signatures whose <see cref="Similarity(TextSignature)"/> (an estimate of the Jaccard index
/// of their character 4-gram sets) is at or above <see cref="DefaultThreshold"/>.
/// </summary>
/// <remarks>
/// The text goes through the models' normaliser (case and accents folded, links, e-mails, numbers
/// and phone numbers replaced by tokens), then everything but letters and digits is dropped and
/// spaces are collapsed, so « Merci!!! 🎉 » and « merci » are one text. The 32 hash functions are
/// drawn from the history's secret key: without the key, nobody can test a guessed text against a
/// stored signature, and the signature of a text cannot be recomputed.
/// </remarks>
public sealed class TextSignature
{
    public const int Hashes = 32;
    public const int ShingleLength = 4;

    /// <summary>
    /// Estimated Jaccard index above which two texts are « the same content ». Chosen on the test
    /// battery (HistoryRepetitionTests, TextSignatureTests): one word changed in a 60-character
    /// comment stays above it, two unrelated comments of the page stay far below.
    /// </summary>
    public const double DefaultThreshold = 0.6;

    /// <summary>Texts shorter than this (letters and digits, after normalising) are never « repeated »: « Merci! », « Bravo 👏 » are said by everyone.</summary>
    public const int MinimumLength = 30;

    private readonly uint[] _values;

    private TextSignature(uint[] values, int length)
    {
        _values = values;
        ContentLength = length;
    }

    /// <summary>Letters, digits and single spaces left once the text is normalised.</summary>
    public int ContentLength { get; }

    /// <summary>True when the text is long enough to count as repeated content (<see cref="MinimumLength"/>).</summary>
    public bool IsMeaningful => ContentLength >= MinimumLength;

    public double Similarity(TextSignature other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SameMinima(other._values) / (double)Hashes;
    }

    /// <summary><see cref="Similarity(TextSignature)"/> against a signature still in its stored form (<see cref="ToBytes"/>), without decoding it.</summary>
    public double Similarity(ReadOnlySpan<byte> stored)
    {
        if (stored.Length != StoredLength) return 0;
        if (!BitConverter.IsLittleEndian)
        {
            var same = 0;
            for (var i = 0; i < Hashes; i++) if (BinaryPrimitives.ReadUInt32LittleEndian(stored[(2 + i * 4)..]) == _values[i]) same++;
            return same / (double)Hashes;
        }
        return SameMinima(MemoryMarshal.Cast<byte, uint>(stored[2..])) / (double)Hashes;
    }

    /// <summary>
    /// True when at least <paramref name="threshold"/> of the minima agree: what a lookup asks of
    /// every signature of its window, so it is compared in place, eight minima at a time.
    /// </summary>
    public bool IsSimilar(TextSignature other, double threshold) => SameMinima(other._values) >= threshold * Hashes;

    private int SameMinima(ReadOnlySpan<uint> other)
    {
        ReadOnlySpan<uint> mine = _values;
        var same = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<uint>.Count <= Hashes; i += Vector256<uint>.Count)
                same += BitOperations.PopCount(Vector256.Equals(Vector256.Create(mine[i..]), Vector256.Create(other[i..])).ExtractMostSignificantBits());
        }
        for (; i < Hashes; i++) if (mine[i] == other[i]) same++;
        return same;
    }

    /// <summary>Bytes of <see cref="ToBytes"/>.</summary>
    public const int StoredLength = Hashes * 4 + 2;

    public byte[] ToBytes()
    {
        var bytes = new byte[StoredLength];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)Math.Min(ContentLength, ushort.MaxValue));
        for (var i = 0; i < Hashes; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(2 + i * 4), _values[i]);
        return bytes;
    }

    public static TextSignature FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Hashes * 4 + 2) throw new FormatException($"a text signature is {Hashes * 4 + 2} bytes, not {bytes.Length}.");
        var values = new uint[Hashes];
        for (var i = 0; i < Hashes; i++) values[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(2 + i * 4)..]);
        return new TextSignature(values, BinaryPrimitives.ReadUInt16LittleEndian(bytes));
    }

    /// <summary>The signature of a raw comment (normalised here), with hash functions drawn from <paramref name="seeds"/>.</summary>
    public static TextSignature Of(string? text, SignatureSeeds seeds) => OfNormalized(TextNormalizer.Normalize(text), seeds);

    /// <summary>The signature of a text already through <see cref="TextNormalizer.Normalize"/>.</summary>
    public static TextSignature OfNormalized(string normalized, SignatureSeeds seeds)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        ArgumentNullException.ThrowIfNull(seeds);
        var values = new uint[Hashes];
        char[]? rentedChars = null;
        ulong[]? rentedHashes = null;
        try
        {
            var content = normalized.Length <= StackChars ? stackalloc char[StackChars] : (rentedChars = ArrayPool<char>.Shared.Rent(normalized.Length));
            var length = Content(normalized, content);
            Array.Fill(values, uint.MaxValue);
            if (length == 0) return new TextSignature(values, 0);
            // Every shingle is hashed once; then each of the 32 functions takes its minimum over them
            // in registers (the former loop, shingle by shingle, stored all 32 minima each time).
            var shingles = Math.Max(0, length - ShingleLength) + 1;
            var hashes = shingles <= StackChars ? stackalloc ulong[StackChars] : (rentedHashes = ArrayPool<ulong>.Shared.Rent(shingles));
            hashes = hashes[..shingles];
            for (var start = 0; start < shingles; start++)
                hashes[start] = Fnv1a(content.Slice(start, Math.Min(ShingleLength, length - start)));
            Minima(hashes, seeds, values);
            return new TextSignature(values, length);
        }
        finally
        {
            if (rentedChars is not null) ArrayPool<char>.Shared.Return(rentedChars);
            if (rentedHashes is not null) ArrayPool<ulong>.Shared.Return(rentedHashes);
        }
    }

    private const int StackChars = 512;

    /// <summary>For each function i, the minimum over the shingles of (A[i]·h + B[i]) mod 2^64, its high half kept: a keyed universal hash per function.</summary>
    private static void Minima(ReadOnlySpan<ulong> hashes, SignatureSeeds seeds, Span<uint> values)
    {
        ReadOnlySpan<ulong> a = seeds.A;
        ReadOnlySpan<ulong> b = seeds.B;
        if (Vector256.IsHardwareAccelerated)
        {
            // Sixteen functions at a time, four per vector; the high halves are below 2^32, so the
            // minimum is taken on 32-bit lanes (the upper lanes stay 0 and are ignored).
            for (var i = 0; i < Hashes; i += 16)
            {
                var (a0, a1, a2, a3) = (Vector256.Create(a[i..]), Vector256.Create(a[(i + 4)..]), Vector256.Create(a[(i + 8)..]), Vector256.Create(a[(i + 12)..]));
                var (b0, b1, b2, b3) = (Vector256.Create(b[i..]), Vector256.Create(b[(i + 4)..]), Vector256.Create(b[(i + 8)..]), Vector256.Create(b[(i + 12)..]));
                Vector256<uint> m0 = Vector256<uint>.AllBitsSet, m1 = m0, m2 = m0, m3 = m0;
                foreach (var hash in hashes)
                {
                    var h = Vector256.Create(hash);
                    m0 = Vector256.Min(m0, ((a0 * h + b0) >>> 32).AsUInt32());
                    m1 = Vector256.Min(m1, ((a1 * h + b1) >>> 32).AsUInt32());
                    m2 = Vector256.Min(m2, ((a2 * h + b2) >>> 32).AsUInt32());
                    m3 = Vector256.Min(m3, ((a3 * h + b3) >>> 32).AsUInt32());
                }
                for (var k = 0; k < 4; k++)
                {
                    values[i + k] = m0[2 * k];
                    values[i + 4 + k] = m1[2 * k];
                    values[i + 8 + k] = m2[2 * k];
                    values[i + 12 + k] = m3[2 * k];
                }
            }
            return;
        }
        // Four functions at a time: four independent multiply chains per shingle.
        for (var i = 0; i + 3 < Hashes; i += 4)
        {
            ulong a0 = a[i], a1 = a[i + 1], a2 = a[i + 2], a3 = a[i + 3];
            ulong b0 = b[i], b1 = b[i + 1], b2 = b[i + 2], b3 = b[i + 3];
            uint m0 = uint.MaxValue, m1 = uint.MaxValue, m2 = uint.MaxValue, m3 = uint.MaxValue;
            foreach (var h in hashes)
            {
                m0 = Math.Min(m0, (uint)((a0 * h + b0) >> 32));
                m1 = Math.Min(m1, (uint)((a1 * h + b1) >> 32));
                m2 = Math.Min(m2, (uint)((a2 * h + b2) >> 32));
                m3 = Math.Min(m3, (uint)((a3 * h + b3) >> 32));
            }
            values[i] = m0;
            values[i + 1] = m1;
            values[i + 2] = m2;
            values[i + 3] = m3;
        }
    }

    /// <summary>Letters and digits of <paramref name="normalized"/>, words separated by one space, written into <paramref name="content"/> (as long as the text at most); returns its length.</summary>
    private static int Content(ReadOnlySpan<char> normalized, Span<char> content)
    {
        var length = 0;
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && length > 0) content[length++] = ' ';
                pendingSpace = false;
                content[length++] = c;
            }
            else pendingSpace = true;
        }
        return length;
    }

    private static ulong Fnv1a(ReadOnlySpan<char> chars)
    {
        var h = 14695981039346656037UL;
        foreach (var c in chars)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        // Finaliser of SplitMix64: FNV's low bits are weak, the universal hash reads them all.
        h ^= h >> 30; h *= 0xbf58476d1ce4e5b9UL;
        h ^= h >> 27; h *= 0x94d049bb133111ebUL;
        return h ^ (h >> 31);
    }
}

/// <summary>The 32 keyed hash functions of <see cref="TextSignature"/>, drawn once from a secret key.</summary>
public sealed class SignatureSeeds
{
    internal ulong[] A { get; } = new ulong[TextSignature.Hashes];
    internal ulong[] B { get; } = new ulong[TextSignature.Hashes];

    public SignatureSeeds(ReadOnlySpan<byte> key)
    {
        if (key.Length < 16) throw new ArgumentException("the history key must be at least 16 bytes.", nameof(key));
        var material = System.Security.Cryptography.HMACSHA256.HashData(key, "netiquette-minhash-v1"u8);
        // Expand with HMAC in counter mode: 32 × 16 bytes of seed.
        var stream = new byte[TextSignature.Hashes * 16];
        for (var block = 0; block * 32 < stream.Length; block++)
        {
            var input = new byte[material.Length + 1];
            material.CopyTo(input, 0);
            input[^1] = (byte)block;
            System.Security.Cryptography.HMACSHA256.HashData(key, input).CopyTo(stream.AsSpan(block * 32));
        }
        for (var i = 0; i < TextSignature.Hashes; i++)
        {
            A[i] = BinaryPrimitives.ReadUInt64LittleEndian(stream.AsSpan(i * 16)) | 1; // odd: a bijection mod 2^64
            B[i] = BinaryPrimitives.ReadUInt64LittleEndian(stream.AsSpan(i * 16 + 8));
        }
    }
}
