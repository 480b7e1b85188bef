using System.Globalization;
using NetiquetteML.Scoring.History;
using NetiquetteML.Scoring.Policy;

namespace NetiquetteML.History;

/// <summary>One entry as a report shows it: no text, no author in clear.</summary>
public sealed record HistoryRow(string? CommentId, DateTimeOffset Created, ModerationAction Action, IReadOnlyList<string> Categories, IReadOnlyList<string> Findings);

/// <summary>An author's record: the pseudonym tag, every entry kept, the removals in the offender window.</summary>
public sealed record AuthorRecord(string Author, IReadOnlyList<HistoryRow> Rows, int RecentRemovals, int RemovalWindowDays);

/// <summary>The page's counts: by ISO week (Monday), by action, by category and finding kind.</summary>
public sealed record HistorySummary(
    int Total,
    DateTimeOffset? First,
    DateTimeOffset? Last,
    IReadOnlyList<(string Week, int Allow, int Review, int Remove)> Weeks,
    IReadOnlyList<(string Category, int Count)> Categories,
    IReadOnlyList<(string Finding, int Count)> Findings);

public sealed partial class SqliteModerationHistory
{
    /// <summary>The record of the author known to the platform as <paramref name="author"/> (looked up by pseudonym).</summary>
    public AuthorRecord AuthorRecord(string author, int removalWindowDays, DateTimeOffset now)
    {
        var pseudonym = Key.Pseudonym(author) ?? throw new HistoryException("l'auteur est vide. / the author is empty.");
        var rows = Query("SELECT comment_id, created, action, categories, findings FROM comments WHERE author = $author ORDER BY created, seq",
            command => command.Parameters.AddWithValue("$author", pseudonym));
        var since = now - TimeSpan.FromDays(removalWindowDays);
        var removals = rows.Count(r => r.Action == ModerationAction.Remove && r.Created >= since && r.Created <= now);
        return new AuthorRecord(HistoryKey.Display(pseudonym), rows, removals, removalWindowDays);
    }

    public HistorySummary Summary()
    {
        var rows = Query("SELECT comment_id, created, action, categories, findings FROM comments ORDER BY created, seq", _ => { });
        var weeks = rows.GroupBy(r => WeekOf(r.Created))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(r => r.Action == ModerationAction.Allow), g.Count(r => r.Action == ModerationAction.Review), g.Count(r => r.Action == ModerationAction.Remove)))
            .ToList();
        var categories = rows.SelectMany(r => r.Categories).GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).ToList();
        var findings = rows.SelectMany(r => r.Findings).GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).ToList();
        return new HistorySummary(rows.Count, rows.Count == 0 ? null : rows[0].Created, rows.Count == 0 ? null : rows[^1].Created, weeks, categories, findings);
    }

    /// <summary>« 2026-W48 (30 nov.) »-like key: ISO year and week, sortable.</summary>
    internal static string WeekOf(DateTimeOffset time)
    {
        var date = time.UtcDateTime;
        return $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}";
    }

    private List<HistoryRow> Query(string sql, Action<Microsoft.Data.Sqlite.SqliteCommand> bind)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_db)
        {
            // Reports read the file: what this process committed is written first.
            FlushLocked();
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            using var reader = command.ExecuteReader();
            var rows = new List<HistoryRow>();
            while (reader.Read())
            {
                rows.Add(new HistoryRow(reader.IsDBNull(0) ? null : reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    (ModerationAction)reader.GetInt32(2), Split(reader.GetString(3)), Split(reader.GetString(4))));
            }
            return rows;
        }
    }
}
