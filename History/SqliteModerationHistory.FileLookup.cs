using Microsoft.Data.Sqlite;
using NetiquetteML.Scoring.History;

namespace NetiquetteML.History;

/// <summary>
/// Lookups reaching further back than the in-memory index (a policy window longer than
/// <see cref="HistoryStoreOptions.RecentSpan"/>, or comments scored out of order, long after newer
/// ones): answered from the file, as every lookup was before the index, once this process's
/// committed entries are written; the open session's own records are added from memory.
/// </summary>
public sealed partial class SqliteModerationHistory
{
    private HistoryRecall RecallFromFile(HistoryQuery query, List<RecentEntry> session, int removals)
    {
        var time = query.Created.ToUnixTimeMilliseconds();
        var ownSince = query.SameAuthorSince.ToUnixTimeMilliseconds();
        var othersSince = query.AnyAuthorSince.ToUnixTimeMilliseconds();
        List<HistoryEntry> own;
        List<HistoryEntry> others;
        lock (_db)
        {
            FlushLocked();
            own = query.Author is null ? [] : ReadSimilar(_sameAuthor, query, ownSince, time);
            others = ReadSimilar(_otherAuthors, query, othersSince, time);
        }
        UInt128? author = query.Author is null ? null : RecentEntry.AuthorKey(query.Author);
        foreach (var recent in session)
        {
            if (recent.Created > time || !query.Signature!.IsSimilar(recent.Entry.Signature, query.Similarity)) continue;
            var mine = author is { } a && recent.HasAuthor && recent.Author == a;
            if (mine && recent.Created >= ownSince) own.Add(recent.Entry);
            else if (!mine && recent.Created >= othersSince) others.Add(recent.Entry);
        }
        // Stable: ties stay in the order they were recorded (the file's rows by seq, then this session's).
        return new HistoryRecall(own.OrderBy(e => e.Created).ToList(), others.OrderBy(e => e.Created).ToList(), removals);
    }

    /// <summary>Under <see cref="_db"/>: the rows of the window whose signature is similar enough, in index order (time, then seq); the others are compared in place and never decoded.</summary>
    private static List<HistoryEntry> ReadSimilar(SqliteCommand command, HistoryQuery query, long since, long time)
    {
        var entries = new List<HistoryEntry>();
        command.Transaction = null;
        command.Parameters[0].Value = (object?)query.Author ?? DBNull.Value;
        command.Parameters[1].Value = since;
        command.Parameters[2].Value = time;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            // GetFieldValue copies the blob once; GetBytes costs five times as much per row in Microsoft.Data.Sqlite (measured).
            if (query.Signature!.Similarity(reader.GetFieldValue<byte[]>(7)) >= query.Similarity) entries.Add(ReadEntry(reader));
        }
        return entries;
    }
}
