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

    /// <summary>
    /// Entries this much older than the newest one, or less, are looked up in memory (default two days:
    /// the policy's same-author window is a day, its campaign window half an hour); a lookup
    /// reaching further back reads the file, slower but just as right.
    /// </summary>
    public TimeSpan RecentSpan { get; init; } = TimeSpan.FromDays(2);

    /// <summary>
    /// Committed sessions are written to the file by a background thread, in one transaction per
    /// this interval (default 10 ms). A process killed loses at most the sessions of its last
    /// interval; the file keeps whole sessions only. Zero: each session is written at its commit.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    public string ResolvedKeyFile => KeyFile ?? Path + ".key";
}

/// <summary>The history cannot be opened or used as asked: the message says, in French then English, what to do.</summary>
public sealed class HistoryException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
