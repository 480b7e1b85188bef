using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace NetiquetteML.Scoring.History;

/// <summary>
/// The history's secret: authors are stored as HMAC-SHA-256 pseudonyms under it (16 bytes kept) and
/// texts as signatures whose hash functions it draws. Whoever holds the database without the key
/// can neither name an author nor check a guessed name or text against it.
/// </summary>
public sealed class HistoryKey
{
    public const int PseudonymLength = 16;

    private readonly byte[] _key;

    public HistoryKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < 32) throw new ArgumentException("the history key must be 32 bytes or more.", nameof(key));
        _key = key.ToArray();
        Seeds = new SignatureSeeds(_key);
        Fingerprint = Convert.ToHexStringLower(HMACSHA256.HashData(_key, "netiquette-key-fingerprint"u8)[..8]);
    }

    public SignatureSeeds Seeds { get; }

    /// <summary>Identifies the key without revealing it, so a database opened with the wrong key is refused.</summary>
    public string Fingerprint { get; }

    /// <summary>The author's pseudonym: the same person under any case or surrounding spaces gets the same one.</summary>
    public byte[]? Pseudonym(string? author)
    {
        if (string.IsNullOrWhiteSpace(author)) return null;
        // A page's regulars come back all day: their pseudonyms are remembered (an HMAC costs about 2 µs).
        if (!_pseudonyms.TryGetValue(author, out var pseudonym))
        {
            var canonical = author.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
            pseudonym = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(canonical))[..PseudonymLength];
            if (Interlocked.Increment(ref _remembered) > RememberedPseudonyms)
            {
                _pseudonyms.Clear();
                Interlocked.Exchange(ref _remembered, 0);
            }
            _pseudonyms[author] = pseudonym;
        }
        return (byte[])pseudonym.Clone(); // the caller's own copy: nobody can change the remembered one
    }

    /// <summary>Names whose pseudonym is kept in memory (never written anywhere); past it, forgotten all at once.</summary>
    private const int RememberedPseudonyms = 4096;

    private readonly ConcurrentDictionary<string, byte[]> _pseudonyms = new(StringComparer.Ordinal);
    private int _remembered;

    /// <summary>How a pseudonym is shown to people: a short, stable tag, never the name.</summary>
    public static string Display(byte[]? pseudonym) =>
        pseudonym is null ? "auteur inconnu" : "auteur#" + Convert.ToHexStringLower(pseudonym.AsSpan(0, 4));

    public TextSignature Signature(string normalizedText) => TextSignature.OfNormalized(normalizedText, Seeds);
}
