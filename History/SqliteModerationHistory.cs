using Microsoft.Data.Sqlite;
using NetiquetteML.Scoring.History;
using NetiquetteML.Scoring.Policy;

namespace NetiquetteML.History;

/// <summary>
/// The moderation history in one SQLite file: created on first use, schema migrated, write-ahead
/// log (a process killed mid-write leaves the last committed state; several processes may score at
/// once, each session being one <c>BEGIN IMMEDIATE</c> transaction), deleted rows overwritten
/// (<c>secure_delete</c>) so a purge really forgets. One connection per instance; sessions of one
/// instance take turns.
/// </summary>
public sealed partial class SqliteModerationHistory : IModerationHistory, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly SqliteCommand _sameAuthor;
    private readonly SqliteCommand _otherAuthors;
    private readonly SqliteCommand _removals;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _bySeq;

    private SqliteModerationHistory(HistoryStoreOptions options, SqliteConnection connection, HistoryKey key)
    {
        Options = options;
        _connection = connection;
        Key = key;
        const string columns = "comment_id, author, created, action, categories, findings, signature";
        _sameAuthor = Prepare("SELECT seq, signature FROM comments INDEXED BY comments_by_author WHERE author = $author AND created >= $since AND created <= $time",
            "$author", "$since", "$time");
        _otherAuthors = Prepare("SELECT seq, signature FROM comments INDEXED BY comments_by_time WHERE created >= $since AND created <= $time AND ($author IS NULL OR author IS NULL OR author <> $author)",
            "$author", "$since", "$time");
        _bySeq = Prepare($"SELECT {columns} FROM comments WHERE seq = $seq", "$seq");
        _removals = Prepare($"SELECT count(*) FROM comments INDEXED BY removals_by_author WHERE author = $author AND action = {(int)ModerationAction.Remove} AND created >= $since AND created <= $time",
            "$author", "$since", "$time");
        _insert = Prepare("INSERT INTO comments (comment_id, author, created, action, categories, findings, signature, recorded) VALUES ($id, $author, $created, $action, $categories, $findings, $signature, $recorded)",
            "$id", "$author", "$created", "$action", "$categories", "$findings", "$signature", "$recorded");
    }

    public HistoryStoreOptions Options { get; }

    public HistoryKey Key { get; }

    public string Path => Options.Path;

    /// <summary>Opens the history, creating the file, its folder and its key on first use, and migrating an older schema.</summary>
    public static SqliteModerationHistory Open(HistoryStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RetentionDays < 1) throw new HistoryException("la durée de conservation doit être d'au moins 1 jour. / retention must be at least 1 day.");
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

    public IHistorySession Begin()
    {
        _turn.Wait();
        try
        {
            return new Session(this, _connection.BeginTransaction(deferred: false));
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
            using var delete = _connection.CreateCommand();
            delete.CommandText = "DELETE FROM comments WHERE created < $cutoff";
            delete.Parameters.AddWithValue("$cutoff", cutoff);
            var deleted = delete.ExecuteNonQuery();
            // The deleted rows leave the write-ahead log too, not only the database.
            Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            return deleted;
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose()
    {
        foreach (var command in new[] { _sameAuthor, _otherAuthors, _removals, _insert, _bySeq }) command.Dispose();
        _connection.Dispose();
        _turn.Dispose();
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

    private static HistoryEntry ReadEntry(SqliteDataReader reader) => new(
        reader.IsDBNull(0) ? null : reader.GetString(0),
        reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
        (ModerationAction)reader.GetInt32(3),
        Split(reader.GetString(4)),
        Split(reader.GetString(5)),
        TextSignature.FromBytes((byte[])reader.GetValue(6)));

    private static string[] Split(string joined) => joined.Length == 0 ? [] : joined.Split(',');

    private sealed class Session(SqliteModerationHistory owner, SqliteTransaction transaction) : IHistorySession
    {
        private bool _done;

        public HistoryRecall Recall(HistoryQuery query)
        {
            ArgumentNullException.ThrowIfNull(query);
            var time = query.Created.ToUnixTimeMilliseconds();
            IReadOnlyList<HistoryEntry> own = [];
            IReadOnlyList<HistoryEntry> others = [];
            var removals = 0;
            if (query.Author is not null)
            {
                if (query.Signature is not null) own = ReadSimilar(owner._sameAuthor, query, query.SameAuthorSince, time);
                var count = Bind(owner._removals, query.Author, query.RemovalsSince, time);
                removals = Convert.ToInt32(count.ExecuteScalar());
            }
            if (query.Signature is not null) others = ReadSimilar(owner._otherAuthors, query, query.AnyAuthorSince, time);
            return new HistoryRecall(own, others, removals);
        }

        public void Record(HistoryEntry entry)
        {
            ArgumentNullException.ThrowIfNull(entry);
            var insert = owner._insert;
            insert.Transaction = transaction;
            insert.Parameters[0].Value = (object?)entry.CommentId ?? DBNull.Value;
            insert.Parameters[1].Value = (object?)entry.Author ?? DBNull.Value;
            insert.Parameters[2].Value = entry.Created.ToUnixTimeMilliseconds();
            insert.Parameters[3].Value = (int)entry.Action;
            insert.Parameters[4].Value = string.Join(',', entry.Categories);
            insert.Parameters[5].Value = string.Join(',', entry.Findings);
            insert.Parameters[6].Value = entry.Signature.ToBytes();
            insert.Parameters[7].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            insert.ExecuteNonQuery();
        }

        public void Commit()
        {
            transaction.Commit();
        }

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            try { transaction.Dispose(); }
            finally { owner._turn.Release(); }
        }

        private SqliteCommand Bind(SqliteCommand command, byte[]? author, DateTimeOffset since, long time)
        {
            command.Transaction = transaction;
            command.Parameters[0].Value = (object?)author ?? DBNull.Value;
            command.Parameters[1].Value = since.ToUnixTimeMilliseconds();
            command.Parameters[2].Value = time;
            return command;
        }

        /// <summary>The rows of the window whose signature is similar enough; the others are compared in place and never decoded.</summary>
        private List<HistoryEntry> ReadSimilar(SqliteCommand command, HistoryQuery query, DateTimeOffset since, long time)
        {
            List<long>? similar = null;
            using (var reader = Bind(command, query.Author, since, time).ExecuteReader())
            {
                while (reader.Read())
                {
                    // GetFieldValue copies the blob once; GetBytes costs five times as much per row in Microsoft.Data.Sqlite (measured).
                    if (query.Signature!.Similarity(reader.GetFieldValue<byte[]>(1)) >= query.Similarity) (similar ??= []).Add(reader.GetInt64(0));
                }
            }
            if (similar is null) return [];
            // Read in index order (time, then author): put ties back in the order they were recorded.
            similar.Sort();
            var entries = new List<HistoryEntry>(similar.Count);
            var bySeq = owner._bySeq;
            bySeq.Transaction = transaction;
            foreach (var seq in similar)
            {
                bySeq.Parameters[0].Value = seq;
                using var reader = bySeq.ExecuteReader();
                if (reader.Read()) entries.Add(ReadEntry(reader));
            }
            return entries.OrderBy(e => e.Created).ToList();
        }
    }
}
