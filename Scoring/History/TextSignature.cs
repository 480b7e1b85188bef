using System.Buffers.Binary;
using System.Text;
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
        var same = 0;
        for (var i = 0; i < Hashes; i++) if (_values[i] == other._values[i]) same++;
        return same / (double)Hashes;
    }

    /// <summary><see cref="Similarity(TextSignature)"/> against a signature still in its stored form (<see cref="ToBytes"/>), without decoding it.</summary>
    public double Similarity(ReadOnlySpan<byte> stored)
    {
        if (stored.Length != Hashes * 4 + 2) return 0;
        var same = 0;
        for (var i = 0; i < Hashes; i++) if (BinaryPrimitives.ReadUInt32LittleEndian(stored[(2 + i * 4)..]) == _values[i]) same++;
        return same / (double)Hashes;
    }

    /// <summary>Bytes of <see cref="ToBytes"/>.</summary>
    public const int StoredLength = Hashes * 4 + 2;

    public byte[] ToBytes()
    {
        var bytes = new byte[Hashes * 4 + 2];
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
        ArgumentNullException.ThrowIfNull(seeds);
        var content = Content(normalized);
        var values = new uint[Hashes];
        Array.Fill(values, uint.MaxValue);
        if (content.Length == 0) return new TextSignature(values, 0);
        var last = Math.Max(0, content.Length - ShingleLength);
        for (var start = 0; start <= last; start++)
        {
            var shingle = content.AsSpan(start, Math.Min(ShingleLength, content.Length - start));
            var h = Fnv1a(shingle);
            for (var i = 0; i < Hashes; i++)
            {
                // A keyed universal hash per function: (a·h + b) mod 2^64, its high half kept.
                var v = (uint)((seeds.A[i] * h + seeds.B[i]) >> 32);
                if (v < values[i]) values[i] = v;
            }
        }
        return new TextSignature(values, content.Length);
    }

    /// <summary>Letters and digits of the normalised text, words separated by one space.</summary>
    internal static string Content(string normalized)
    {
        var sb = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && sb.Length > 0) sb.Append(' ');
                pendingSpace = false;
                sb.Append(c);
            }
            else pendingSpace = true;
        }
        return sb.ToString();
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
