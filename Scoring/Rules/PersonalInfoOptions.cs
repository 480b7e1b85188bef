using System.Text.Json;

namespace NetiquetteML.Scoring.Rules;

/// <summary>
/// Settings of the <see cref="PersonalInfoDetector"/>: the allow-list of the town's own public contacts,
/// which are published on purpose and so are never reported as personal information.
/// Immutable: the lists given are copied.
/// </summary>
/// <remarks>
/// <para>Matching rules:</para>
/// <list type="bullet">
/// <item><description><see cref="AllowedPhoneNumbers"/>: 10 digits (or 11 starting with 1) in any format;
/// the number is allowed in any format, with or without +1, with any extension, and also in its 7-digit
/// local form.</description></item>
/// <item><description><see cref="AllowedEmailDomains"/>: any address at the domain or at one of its
/// sub-domains is allowed, plain or obfuscated.</description></item>
/// <item><description><see cref="AllowedAddresses"/>: a civic address (« 551, 10e Avenue »), matched on
/// its number, its street type (abbreviations such as « av. » count) and its street name, with or
/// without the city and postal code that may follow.</description></item>
/// <item><description><see cref="AllowedPostalCodes"/>: a postal code that stands alone (not after a civic
/// address) is not reported when it is one of these (default: the town's own, J0Y 2M0, which every
/// resident shares). After a civic address it is part of the address, which is reported.</description></item>
/// </list>
/// <para>JSON shape read by <see cref="FromJson"/> (property names are case-insensitive; comments and
/// trailing commas are accepted; a missing or null property keeps its default list, an empty array
/// empties it):</para>
/// <code>
/// {
///   "allowedPhoneNumbers": [ "819 737-2296" ],
///   "allowedEmailDomains": [ "ville.senneterre.qc.ca" ],
///   "allowedAddresses": [ "551, 10e Avenue" ],
///   "allowedPostalCodes": [ "J0Y 2M0" ]
/// }
/// </code>
/// <para>Entries that cannot be understood (a phone number without 10 digits, an address the detector
/// does not recognise as one) make the <see cref="PersonalInfoDetector"/> constructor throw an
/// <see cref="ArgumentException"/>, so that a wrong configuration fails at start-up.</para>
/// </remarks>
public sealed class PersonalInfoOptions
{
    /// <summary>The town hall's telephone number.</summary>
    public const string TownPhoneNumber = "819 737-2296";

    /// <summary>The town's e-mail domain.</summary>
    public const string TownEmailDomain = "ville.senneterre.qc.ca";

    /// <summary>The town hall's civic address.</summary>
    public const string TownHallAddress = "551, 10e Avenue";

    /// <summary>The town's postal code, shared by every address in town.</summary>
    public const string TownPostalCode = "J0Y 2M0";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly string[] _allowedPhoneNumbers = [TownPhoneNumber];
    private readonly string[] _allowedEmailDomains = [TownEmailDomain];
    private readonly string[] _allowedAddresses = [TownHallAddress];
    private readonly string[] _allowedPostalCodes = [TownPostalCode];

    /// <summary>The defaults: the town of Senneterre's telephone number, e-mail domain and town hall address.</summary>
    public static PersonalInfoOptions Default { get; } = new();

    /// <summary>Telephone numbers never reported (default: 819 737-2296).</summary>
    public IReadOnlyList<string> AllowedPhoneNumbers
    {
        get => _allowedPhoneNumbers;
        init => _allowedPhoneNumbers = Copy(value, nameof(AllowedPhoneNumbers));
    }

    /// <summary>E-mail domains whose addresses are never reported (default: ville.senneterre.qc.ca).</summary>
    public IReadOnlyList<string> AllowedEmailDomains
    {
        get => _allowedEmailDomains;
        init => _allowedEmailDomains = Copy(value, nameof(AllowedEmailDomains));
    }

    /// <summary>Postal codes not reported when they stand alone (default: J0Y 2M0).</summary>
    public IReadOnlyList<string> AllowedPostalCodes
    {
        get => _allowedPostalCodes;
        init => _allowedPostalCodes = Copy(value, nameof(AllowedPostalCodes));
    }

    /// <summary>Civic addresses never reported (default: « 551, 10e Avenue »).</summary>
    public IReadOnlyList<string> AllowedAddresses
    {
        get => _allowedAddresses;
        init => _allowedAddresses = Copy(value, nameof(AllowedAddresses));
    }

    /// <summary>
    /// Reads options from JSON of the shape shown in the remarks of <see cref="PersonalInfoOptions"/>.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The options; properties absent from the JSON keep their defaults.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The text is not valid JSON of that shape.</exception>
    public static PersonalInfoOptions FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var dto = JsonSerializer.Deserialize<OptionsDto>(json, JsonOptions)
            ?? throw new JsonException("The personal-information options must be a JSON object, not null.");

        var defaults = Default;
        try
        {
            return new PersonalInfoOptions
            {
                AllowedPhoneNumbers = dto.AllowedPhoneNumbers ?? defaults.AllowedPhoneNumbers,
                AllowedEmailDomains = dto.AllowedEmailDomains ?? defaults.AllowedEmailDomains,
                AllowedAddresses = dto.AllowedAddresses ?? defaults.AllowedAddresses,
                AllowedPostalCodes = dto.AllowedPostalCodes ?? defaults.AllowedPostalCodes,
            };
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    private static string[] Copy(IReadOnlyList<string>? value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        var copy = new string[value.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = value[i] ?? throw new ArgumentException($"{name} must not contain null.", name);
        }

        return copy;
    }

    private sealed class OptionsDto
    {
        public List<string>? AllowedPhoneNumbers { get; set; }

        public List<string>? AllowedEmailDomains { get; set; }

        public List<string>? AllowedAddresses { get; set; }

        public List<string>? AllowedPostalCodes { get; set; }
    }
}
