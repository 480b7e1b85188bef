using Microsoft.Data.Sqlite;
using NetiquetteML.Scoring.History;
using NetiquetteML.Scoring.Policy;

namespace NetiquetteML.History;

/// <summary>
/// The moderation history in one SQLite file: created on first use, schema migrated, write-ahead
/// log, deleted rows overwritten (<c>secure_delete</c>) so a purge really forgets. Lookups read an
/// in-memory index of the recent entries (<see cref="RecentEntries"/>) kept up to date with what
/// other processes write to the file; records are written behind, in batches of whole sessions
/// (see SqliteModerationHistory.Writing.cs for what that means when a process dies). One
/// connection per instance; sessions of one instance take turns.
/// </summary>
public sealed partial class SqliteModerationHistory : IModerationHistory, IDisposable
{
    private const string Columns = "seq, comment_id, author, created, action, categories, findings, signature";

    private readonly SqliteConnection _connection;
    /// <summary>Held while the connection is used: writing, reading what others wrote, reports, purge, lookups past the recent span.</summary>
    private readonly Lock _db = new();
    /// <summary>One session of this instance at a time; guards <see cref="_recent"/>.</summary>
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly RecentEntries _recent;
    private readonly SqliteCommand _sameAuthor;
    private readonly SqliteCommand _otherAuthors;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _dataVersionQuery;
    private readonly SqliteCommand _purges;
    private readonly SqliteCommand _rowsAfter;
    /// <summary>False until the first session, and again after a purge: the index is (re)built from the file.</summary>
    private bool _loaded;

    private SqliteModerationHistory(HistoryStoreOptions options, SqliteConnection connection, HistoryKey key)
    {
        Options = options;
        _connection = connection;
        Key = key;
        _recent = new RecentEntries(options.RecentSpan);
        _sameAuthor = Prepare($"SELECT {Columns} FROM comments INDEXED BY comments_by_time WHERE created >= $since AND created <= $time AND author = $author",
            "$author", "$since", "$time");
        _otherAuthors = Prepare($"SELECT {Columns} FROM comments INDEXED BY comments_by_time WHERE created >= $since AND created <= $time AND ($author IS NULL OR author IS NULL OR author <> $author)",
            "$author", "$since", "$time");
        _insert = Prepare("INSERT INTO comments (comment_id, author, created, action, categories, findings, signature, recorded) VALUES ($id, $author, $created, $action, $categories, $findings, $signature, $recorded)",
            "$id", "$author", "$created", "$action", "$categories", "$findings", "$signature", "$recorded");
        _dataVersionQuery = Prepare("PRAGMA data_version");
        _purges = Prepare($"SELECT value FROM meta WHERE key = '{PurgesKey}'");
        _rowsAfter = Prepare($"SELECT {Columns} FROM comments WHERE seq > $seq ORDER BY seq", "$seq");
        _writer = options.FlushInterval > TimeSpan.Zero ? StartWriter() : null;
    }

    public HistoryStoreOptions Options { get; }

    public HistoryKey Key { get; }

    public string Path => Options.Path;

    /// <summary>Opens the history, creating the file, its folder and its key on first use, and migrating an older schema.</summary>
    public static SqliteModerationHistory Open(HistoryStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RetentionDays < 1) throw new HistoryException("la durée de conservation doit être d'au moins 1 jour. / retention must be at least 1 day.");
        if (options.RecentSpan <= TimeSpan.Zero || options.FlushInterval < TimeSpan.Zero)
            throw new HistoryException("RecentSpan doit être positif et FlushInterval positif ou nul. / RecentSpan must be positive and FlushInterval not negative.");
        var full = System.IO.Path.GetFullPath(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var isNew = !File.Exists(full) || new FileInfo(full).Length == 0;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;");
            HistorySchema.Migrate(connection, full);
            var key = OpenKey(connection, options, full, isNew);
            return new SqliteModerationHistory(options, connection, key);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new HistoryException($"l'historique {full} ne peut pas être ouvert ({e.Message}) : ce n'est pas un fichier SQLite, ou il est abîmé. / cannot open the history {full}: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The key file must be the one the database was made with: its fingerprint is in the database.</summary>
    private static HistoryKey OpenKey(SqliteConnection connection, HistoryStoreOptions options, string path, bool isNew)
    {
        var recorded = HistorySchema.Scalar(connection, null, "SELECT value FROM meta WHERE key = 'key_fingerprint'") as string;
        var key = HistoryKeyFile.LoadOrCreate(options.ResolvedKeyFile, mayCreate: isNew || recorded is null);
        if (recorded is null)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT OR IGNORE INTO meta (key, value) VALUES ('key_fingerprint', $f), ('created_utc', $c)";
            insert.Parameters.AddWithValue("$f", key.Fingerprint);
            insert.Parameters.AddWithValue("$c", DateTimeOffset.UtcNow.ToString("O"));
            insert.ExecuteNonQuery();
            recorded = (string)HistorySchema.Scalar(connection, null, "SELECT value FROM meta WHERE key = 'key_fingerprint'")!;
        }
        if (recorded != key.Fingerprint)
            throw new HistoryException($"la clé {options.ResolvedKeyFile} n'est pas celle de l'historique {path} : les auteurs et les textes ne seraient pas reconnus. Utilisez la bonne clé. / the key file does not belong to this history.");
        return key;
    }

    /// <summary>
    /// Starts a session: it sees everything this process recorded and what other processes had
    /// written to the file a millisecond before it began; other sessions of this instance wait until it ends.
    /// </summary>
    public IHistorySession Begin()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _turn.Wait();
        try
        {
            ThrowIfWritingFailed();
            CatchUp();
            return new Session(this);
        }
        catch
        {
            _turn.Release();
            throw;
        }
    }

    /// <summary>Deletes the entries whose comment is older than the retention; returns how many.</summary>
    public int Purge(DateTimeOffset now)
    {
        var cutoff = (now - TimeSpan.FromDays(Options.RetentionDays)).ToUnixTimeMilliseconds();
        _turn.Wait();
        try
        {
            lock (_db)
            {
                FlushLocked();
                int deleted;
                using (var transaction = _connection.BeginTransaction(deferred: false))
                {
                    using var delete = _connection.CreateCommand();
                    delete.Transaction = transaction;
                    delete.CommandText = "DELETE FROM comments WHERE created < $cutoff";
                    delete.Parameters.AddWithValue("$cutoff", cutoff);
                    deleted = delete.ExecuteNonQuery();
                    // Other processes holding the recent entries in memory see this and read the file again.
                    using var count = _connection.CreateCommand();
                    count.Transaction = transaction;
                    count.CommandText = $"INSERT INTO meta (key, value) VALUES ('{PurgesKey}', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)";
                    count.ExecuteNonQuery();
                    transaction.Commit();
                }
                // The deleted rows leave the write-ahead log too, not only the database.
                Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
                _loaded = false;
                return deleted;
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = p });
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A row read with <see cref="Columns"/> (its seq in column 0).</summary>
    private static HistoryEntry ReadEntry(SqliteDataReader reader) => new(
        reader.IsDBNull(1) ? null : reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
        (ModerationAction)reader.GetInt32(4),
        Split(reader.GetString(5)),
        Split(reader.GetString(6)),
        TextSignature.FromBytes(reader.GetFieldValue<byte[]>(7)));

    private static string[] Split(string joined) => joined.Length == 0 ? [] : joined.Split(',');

    private sealed class Session(SqliteModerationHistory owner) : IHistorySession
    {
        private readonly List<RecentEntry> _recorded = [];
        private bool _committed;
        private bool _done;

        public HistoryRecall Recall(HistoryQuery query)
        {
            ArgumentNullException.ThrowIfNull(query);
            ObjectDisposedException.ThrowIf(_done, this);
            var time = query.Created.ToUnixTimeMilliseconds();
            UInt128? author = query.Author is null ? null : RecentEntry.AuthorKey(query.Author);
            var recent = owner._recent;
            var removals = author is { } a ? recent.RemovalsOf(a, query.RemovalsSince.ToUnixTimeMilliseconds(), time) : 0;
            if (query.Signature is not { } signature) return new HistoryRecall([], [], removals);

            var ownSince = query.SameAuthorSince.ToUnixTimeMilliseconds();
            var othersSince = query.AnyAuthorSince.ToUnixTimeMilliseconds();
            if ((author is not null && ownSince < recent.Horizon) || othersSince < recent.Horizon)
                return owner.RecallFromFile(query, _recorded, removals);
            IReadOnlyList<HistoryEntry> own = author is { } key ? recent.SameAuthor(key, signature, query.Similarity, ownSince, time) : [];
            return new HistoryRecall(own, recent.OtherAuthors(author, signature, query.Similarity, othersSince, time), removals);
        }

        public void Record(HistoryEntry entry)
        {
            ArgumentNullException.ThrowIfNull(entry);
            ObjectDisposedException.ThrowIf(_done, this);
            if (_committed) throw new InvalidOperationException("this history session is committed: begin another one to record more.");
            var recent = new RecentEntry(entry) { Recorded = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
            _recorded.Add(recent);
            // Visible at once to the next lookups of this session (a batch's third copy sees the first two).
            owner._recent.Add(recent);
        }

        public void Commit()
        {
            ObjectDisposedException.ThrowIf(_done, this);
            if (_committed) return;
            owner.Enqueue(_recorded);
            _committed = true;
        }

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            try
            {
                if (!_committed)
                    for (var i = _recorded.Count - 1; i >= 0; i--) owner._recent.Remove(_recorded[i]);
            }
            finally
            {
                owner._turn.Release();
            }
        }
    }
}
