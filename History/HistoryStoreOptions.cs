namespace NetiquetteML.History;

/// <summary>Where the moderation history lives and how long it keeps entries.</summary>
public sealed class HistoryStoreOptions
{
    public const int DefaultRetentionDays = 180;

    /// <summary>The SQLite file (created on first use, with its folder).</summary>
    public required string Path { get; init; }

    /// <summary>The secret key file (32 random bytes, created beside the database on first use, readable by its owner only). Default: <c>Path + ".key"</c>.</summary>
    public string? KeyFile { get; init; }

    /// <summary>Entries whose comment is older than this many days are deleted by <see cref="SqliteModerationHistory.Purge"/>.</summary>
    public int RetentionDays { get; init; } = DefaultRetentionDays;

    public string ResolvedKeyFile => KeyFile ?? Path + ".key";
}

/// <summary>The history cannot be opened or used as asked: the message says, in French then English, what to do.</summary>
public sealed class HistoryException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
