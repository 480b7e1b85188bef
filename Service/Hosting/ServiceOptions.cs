namespace NetiquetteML.Service.Hosting;

/// <summary>
/// The service's settings, bound from the <c>Netiquette</c> section of configuration
/// (appsettings.json, environment variables such as <c>Netiquette__BundlePath</c>, command line
/// such as <c>--Netiquette:BundlePath=...</c>). Relative paths are resolved against the
/// repository root when the service runs inside one, else against the content root.
/// </summary>
public sealed class ServiceOptions
{
    public const string Section = "Netiquette";

    /// <summary>The bundle in service; watched, so promote and rollback reach the service without a restart.</summary>
    public string BundlePath { get; set; } = "Models/netiquette";

    /// <summary>How often the bundle's manifest is checked for a swap.</summary>
    public TimeSpan BundlePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Optional moderation policy JSON (see ModerationPolicy.FromJson).</summary>
    public string? PolicyFile { get; set; }

    /// <summary>Optional personal-information allow-list JSON (see PersonalInfoOptions.FromJson).</summary>
    public string? PersonalInfoFile { get; set; }

    /// <summary>API keys; none configured means local-only mode (loopback only, no key asked).</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    public LimitOptions Limits { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    public FeedbackOptions Feedback { get; set; } = new();

    /// <summary>The moderation history (repeated content, campaigns, repeat offenders); off unless <see cref="ModerationHistoryOptions.Path"/> is set.</summary>
    public ModerationHistoryOptions History { get; set; } = new();

    /// <summary>Origins allowed to call from a browser; empty means no CORS headers at all.</summary>
    public List<string> CorsOrigins { get; set; } = [];

    public bool LocalOnly => ApiKeys.Count == 0;
}

public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key: used for rate limiting and in logs (never the key itself).</summary>
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>Overrides <see cref="RateLimitOptions.PermitsPerWindow"/> for this key.</summary>
    public int? PermitsPerWindow { get; set; }
}

public sealed class LimitOptions
{
    /// <summary>Perspective's own limit: 20,480 characters per comment.</summary>
    public int MaxCommentLength { get; set; } = 20_480;

    public int MaxPostLength { get; set; } = 20_480;

    public int MaxIdLength { get; set; } = 200;

    public int MaxBatchSize { get; set; } = 1_000;

    public int MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Longest time a request may take, body upload included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest time a client may take to send its request headers.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Requests each key (or, in local-only mode, the local caller) may make per window.</summary>
    public int PermitsPerWindow { get; set; } = 200;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed class FeedbackOptions
{
    /// <summary>Where correction files go; <c>Data</c> is where <c>train</c> reads every *.csv.</summary>
    public string Directory { get; set; } = "Data";

    /// <summary>File name per month of correction (UTC), a .NET format string of the date.</summary>
    public string FileNamePattern { get; set; } = "feedback-{0:yyyy-MM}.csv";
}

public sealed class ModerationHistoryOptions
{
    /// <summary>The SQLite file of the history (created on first use); null or empty: no history.</summary>
    public string? Path { get; set; }

    /// <summary>Its secret key file; default: <see cref="Path"/> followed by <c>.key</c>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Entries older than this are deleted at start and then every <see cref="PurgeInterval"/>.</summary>
    public int RetentionDays { get; set; } = 180;

    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Verdicts are written to the file behind the answer, every this often (a process killed loses at most this much); zero: at each request.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(Path);
}
