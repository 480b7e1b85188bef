using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NetiquetteML.Scoring.History;

namespace NetiquetteML.History;

/// <summary>
/// Writing behind, and reading what other processes wrote.
/// </summary>
/// <remarks>
/// <para>
/// A committed session is not written at once: a background thread writes the sessions committed
/// in the last <see cref="HistoryStoreOptions.FlushInterval"/> (10 ms by default) in one
/// <c>BEGIN IMMEDIATE</c> transaction. One transaction per comment cost 50 to 115 µs (one row in
/// the table and three indexes, pages written to the log at each commit); per batch, a few µs a
/// comment, off the caller's thread. Lookups never wait for it: this process's entries are in the
/// in-memory index from the moment they are recorded.
/// </para>
/// <para>
/// The trade-off: a process killed (SIGKILL, power cut) loses the sessions committed in its last
/// flush interval, those not yet written. The file itself stays sound and holds whole sessions
/// only (never part of one): each flush is one transaction of whole sessions, and SQLite's
/// write-ahead log does the rest. <see cref="Dispose"/> and <see cref="Flush"/> write everything
/// committed; a <see cref="HistoryStoreOptions.FlushInterval"/> of zero writes each session at its
/// commit, as before (slower, nothing lost). Other processes see this process's entries once they
/// are written; this process sees theirs from its first session that begins a millisecond or
/// more after they were written: <see cref="CatchUp"/> asks SQLite
/// whether another connection changed the file (<c>PRAGMA data_version</c>, about a microsecond)
/// and reads the rows added since (<c>seq</c> greater than the last one seen), at most once a millisecond.
/// </para>
/// </remarks>
public sealed partial class SqliteModerationHistory
{
    /// <summary>Past this many entries waiting, a commit writes them itself instead of leaving them to the background thread.</summary>
    private const int MaxWaiting = 20_000;

    /// <summary>The meta row counting purges: a process that sees it change reads its recent entries again (rows were deleted).</summary>
    private const string PurgesKey = "purges";

    private readonly Thread? _writer;
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Lock _waitingLock = new();
    /// <summary>Entries of committed sessions not yet in the file, oldest first.</summary>
    private readonly List<RecentEntry> _waiting = [];
    /// <summary>Rows other processes wrote, read while writing ours, for the next session to index.</summary>
    private readonly ConcurrentQueue<RecentEntry> _incoming = new();
    private volatile Exception? _writeFailure;
    private volatile bool _stopping;
    private volatile bool _purgedElsewhere;
    private bool _disposed;

    // Under _db:
    private long _lastSeq;
    private long _dataVersionSeen = -1;

    /// <summary>How stale this process's view of other processes' writes may be, at most (they write theirs behind too).</summary>
    private static readonly TimeSpan CatchUpInterval = TimeSpan.FromMilliseconds(1);
    private long _lastCatchUp;
    private string? _purgesSeen;

    /// <summary>Writes every committed session still waiting; throws when the file cannot be written.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_db) FlushLocked();
    }

    /// <summary>Stops the writer, writes what is left, closes the file; throws (after closing) when what was left could not be written.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stopping = true;
        _wake.Set();
        _writer?.Join();
        Exception? failure = null;
        var lost = 0;
        try
        {
            lock (_db) FlushLocked();
        }
        catch (Exception e) when (e is SqliteException or IOException)
        {
            failure = e;
            lock (_waitingLock) lost = _waiting.Count;
        }
        finally
        {
            foreach (var command in new[] { _sameAuthor, _otherAuthors, _insert, _dataVersionQuery, _purges, _rowsAfter }) command.Dispose();
            _connection.Dispose();
            _wake.Dispose();
        }
        if (failure is not null)
            throw new HistoryException($"l'historique {Path} n'a pas pu enregistrer ses {lost} dernière(s) entrée(s) ({failure.Message}). / the history could not write its last {lost} entries.", failure);
    }

    private Thread StartWriter()
    {
        var thread = new Thread(WriteBehind) { IsBackground = true, Name = "netiquette history writer" };
        thread.Start();
        return thread;
    }

    private void WriteBehind()
    {
        while (!_stopping)
        {
            _wake.Wait();
            if (_stopping) return;
            _wake.Reset();
            // Let the sessions of the next few milliseconds join this transaction.
            Thread.Sleep(Options.FlushInterval);
            try
            {
                lock (_db) FlushLocked();
                _writeFailure = null;
            }
            catch (Exception e)
            {
                // Kept, and said at the next Begin; the entries stay waiting and are tried again.
                _writeFailure = e;
                Thread.Sleep(TimeSpan.FromSeconds(1));
                _wake.Set();
            }
        }
    }

    /// <summary>A committed session: written at once without a writer (throws, and keeps nothing, when it cannot be), else left to it.</summary>
    private void Enqueue(List<RecentEntry> session)
    {
        if (session.Count == 0) return;
        if (_writer is null)
        {
            lock (_db)
            {
                lock (_waitingLock) _waiting.AddRange(session);
                try
                {
                    FlushLocked();
                }
                catch
                {
                    // As a failed commit always did: nothing of the session is kept (it is the tail, sessions take turns).
                    lock (_waitingLock) _waiting.RemoveRange(_waiting.Count - session.Count, session.Count);
                    throw;
                }
            }
            return;
        }
        int waiting;
        lock (_waitingLock)
        {
            _waiting.AddRange(session);
            waiting = _waiting.Count;
        }
        if (waiting <= MaxWaiting)
        {
            _wake.Set();
            return;
        }
        // The writer does not keep up: this caller writes, and so waits, instead of letting memory grow.
        try
        {
            lock (_db) FlushLocked();
        }
        catch (Exception e) when (e is SqliteException or IOException)
        {
            _writeFailure = e; // the session is committed; the next Begin says the file cannot be written
        }
    }

    private void ThrowIfWritingFailed()
    {
        if (_writeFailure is { } e)
            throw new HistoryException($"l'historique {Path} n'arrive plus à écrire ({e.Message}) ; les entrées en attente seront réessayées. / the history cannot write its file: {e.Message}", e);
    }

    /// <summary>Under <see cref="_db"/>: one transaction writing the waiting sessions, after reading what others wrote since the last look.</summary>
    private void FlushLocked()
    {
        int count;
        RecentEntry[] batch;
        lock (_waitingLock)
        {
            count = _waiting.Count;
            if (count == 0) return;
            batch = [.. _waiting];
        }
        using (var transaction = _connection.BeginTransaction(deferred: false))
        {
            ReadRowsOfOthers(transaction);
            var insert = _insert;
            insert.Transaction = transaction;
            foreach (var recent in batch)
            {
                var entry = recent.Entry;
                insert.Parameters[0].Value = (object?)entry.CommentId ?? DBNull.Value;
                insert.Parameters[1].Value = (object?)entry.Author ?? DBNull.Value;
                insert.Parameters[2].Value = recent.Created;
                insert.Parameters[3].Value = (int)entry.Action;
                insert.Parameters[4].Value = string.Join(',', entry.Categories);
                insert.Parameters[5].Value = string.Join(',', entry.Findings);
                insert.Parameters[6].Value = entry.Signature.ToBytes();
                insert.Parameters[7].Value = recent.Recorded;
                insert.ExecuteNonQuery();
            }
            var last = Convert.ToInt64(HistorySchema.Scalar(_connection, transaction, "SELECT last_insert_rowid()"));
            transaction.Commit();
            // Nobody else wrote between the rows read above and ours: the write lock was held.
            _lastSeq = last;
        }
        lock (_waitingLock) _waiting.RemoveRange(0, count);
    }

    /// <summary>
    /// Under <see cref="_turn"/>: brings the index up to date. Builds it on the first session (and
    /// after a purge); then reads what other processes wrote since, unless the writer holds the
    /// connection right now (it reads those rows itself as it writes, for the next session).
    /// </summary>
    private void CatchUp()
    {
        if (!_loaded || _purgedElsewhere)
        {
            lock (_db) Load();
            return;
        }
        // At most once a millisecond: the question costs 3 to 5 µs (a read transaction of SQLite).
        if (Stopwatch.GetElapsedTime(_lastCatchUp) >= CatchUpInterval && _db.TryEnter())
        {
            _lastCatchUp = Stopwatch.GetTimestamp();
            try
            {
                var version = (long)_dataVersionQuery.ExecuteScalar()!;
                if (version != _dataVersionSeen)
                {
                    using var transaction = _connection.BeginTransaction(deferred: true);
                    ReadRowsOfOthers(transaction);
                    transaction.Commit();
                    _dataVersionSeen = version;
                }
            }
            finally
            {
                _db.Exit();
            }
        }
        if (_purgedElsewhere)
        {
            lock (_db) Load();
            return;
        }
        while (_incoming.TryDequeue(out var entry)) _recent.Add(entry);
    }

    /// <summary>Under <see cref="_db"/>, in a transaction: the rows after the last one seen (none of them ours), or notice of a purge.</summary>
    private void ReadRowsOfOthers(SqliteTransaction transaction)
    {
        _purges.Transaction = transaction;
        if (_purges.ExecuteScalar() as string != _purgesSeen)
        {
            _purgedElsewhere = true;
            return;
        }
        _rowsAfter.Transaction = transaction;
        _rowsAfter.Parameters[0].Value = _lastSeq;
        using var reader = _rowsAfter.ExecuteReader();
        while (reader.Read())
        {
            _incoming.Enqueue(new RecentEntry(ReadEntry(reader)));
            _lastSeq = reader.GetInt64(0);
        }
    }

    /// <summary>Under <see cref="_turn"/> and <see cref="_db"/>: the index built again from the file, plus this process's entries not written yet.</summary>
    private void Load()
    {
        _recent.Clear();
        _incoming.Clear();
        // Before reading: a write by another process after this point changes it again, and is read then.
        _dataVersionSeen = (long)_dataVersionQuery.ExecuteScalar()!;
        using (var transaction = _connection.BeginTransaction(deferred: true))
        {
            _purgesSeen = HistorySchema.Scalar(_connection, transaction, $"SELECT value FROM meta WHERE key = '{PurgesKey}'") as string;
            _lastSeq = Convert.ToInt64(HistorySchema.Scalar(_connection, transaction, "SELECT ifnull(max(seq), 0) FROM comments"));
            if (HistorySchema.Scalar(_connection, transaction, "SELECT max(created) FROM comments") is long newest)
            {
                _recent.StartAt(newest);
                var horizon = _recent.Horizon;
                using (var removals = _connection.CreateCommand())
                {
                    removals.Transaction = transaction;
                    removals.CommandText = $"SELECT author, created FROM comments INDEXED BY removals_by_time WHERE author IS NOT NULL AND action = {(int)Scoring.Policy.ModerationAction.Remove} AND created < $horizon";
                    removals.Parameters.AddWithValue("$horizon", horizon);
                    using var reader = removals.ExecuteReader();
                    while (reader.Read()) _recent.AddRemoval(RecentEntry.AuthorKey(reader.GetFieldValue<byte[]>(0)), reader.GetInt64(1));
                }
                using (var rows = _connection.CreateCommand())
                {
                    rows.Transaction = transaction;
                    rows.CommandText = $"SELECT {Columns} FROM comments WHERE created >= $horizon ORDER BY created, seq";
                    rows.Parameters.AddWithValue("$horizon", horizon);
                    using var reader = rows.ExecuteReader();
                    while (reader.Read()) _recent.Add(new RecentEntry(ReadEntry(reader)));
                }
            }
            transaction.Commit();
        }
        lock (_waitingLock)
            foreach (var entry in _waiting) _recent.Add(entry);
        _purgedElsewhere = false;
        _loaded = true;
    }
}
