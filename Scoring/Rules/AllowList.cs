using System.Collections.Frozen;

namespace NetiquetteML.Scoring.Rules;

/// <summary>
/// The compiled form of <see cref="PersonalInfoOptions"/>: normalised phone numbers, lower-cased e-mail
/// domains and parsed address keys. Immutable and safe to share between threads.
/// </summary>
internal sealed class AllowList
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _phones;
    private readonly string[] _emailDomains;
    private readonly AddressScanner.AddressKey[] _addresses;
    private readonly FrozenSet<string> _postalCodes;

    public AllowList(PersonalInfoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var phones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in options.AllowedPhoneNumbers)
        {
            var digits = new string(entry.Where(TextScan.IsDigit).ToArray());
            if (digits.Length == 11 && digits[0] == '1')
            {
                digits = digits[1..];
            }

            if (digits.Length != 10)
            {
                throw new ArgumentException(
                    $"Allowed phone number « {entry} » must have 10 digits (or 11 starting with 1).", nameof(options));
            }

            phones.Add(digits);
            phones.Add(digits[3..]);
        }

        _phones = phones.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        _emailDomains = options.AllowedEmailDomains
            .Select(d => new string(d.Trim().TrimStart('@').TrimEnd('.').Select(TextScan.Fold).ToArray()))
            .Where(d => d.Length > 0)
            .ToArray();

        _postalCodes = options.AllowedPostalCodes
            .Select(p => PostalKey(p) is { Length: 6 } key && AddressScanner.TryPostalCode(key, 0, out _)
                ? key
                : throw new ArgumentException($"Allowed postal code « {p} » is not a Canadian postal code (A1A 1A1).", nameof(options)))
            .ToFrozenSet(StringComparer.Ordinal);

        _addresses = options.AllowedAddresses
            .Select(a => AddressScanner.TryFindFirst(a, out var match)
                ? match.Key
                : throw new ArgumentException($"Allowed address « {a} » is not recognised as a civic address.", nameof(options)))
            .ToArray();
    }

    /// <summary>True when the postal code <paramref name="code"/> (any spelling: « j0y-2m0 ») is allowed alone.</summary>
    public bool IsAllowedPostalCode(ReadOnlySpan<char> code) => _postalCodes.Contains(PostalKey(code));

    /// <summary>Letters and digits of a postal code, in capitals: « j0y 2m0 » → « J0Y2M0 ».</summary>
    private static string PostalKey(ReadOnlySpan<char> code)
    {
        Span<char> key = stackalloc char[6];
        var length = 0;
        foreach (var c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c)) continue;
            if (length == key.Length) return string.Empty;
            key[length++] = char.ToUpperInvariant(c);
        }
        return new string(key[..length]);
    }

    /// <summary>True for an allowed number given as its 10 national digits or its 7 local digits.</summary>
    public bool IsAllowedPhone(ReadOnlySpan<char> digits) => _phones.Contains(digits);

    /// <summary>True when <paramref name="domain"/> (folded) is an allowed domain or one of its sub-domains.</summary>
    public bool IsAllowedEmailDomain(string domain)
    {
        foreach (var allowed in _emailDomains)
        {
            if (domain == allowed ||
                (domain.Length > allowed.Length + 1 && domain.EndsWith(allowed, StringComparison.Ordinal) && domain[^(allowed.Length + 1)] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Same civic number and street type, and the allowed street name begins the found one.</summary>
    public bool IsAllowedAddress(AddressScanner.AddressKey key)
    {
        foreach (var allowed in _addresses)
        {
            if (key.Civic == allowed.Civic && key.Type == allowed.Type &&
                (key.Name == allowed.Name || key.Name.StartsWith(allowed.Name + " ", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
