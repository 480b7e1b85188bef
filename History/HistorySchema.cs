using Microsoft.Data.Sqlite;

namespace NetiquetteML.History;

/// <summary>
/// The history's schema, versioned with SQLite's <c>user_version</c>: each migration takes the file
/// from one version to the next inside one transaction, so a file is never half-migrated. A file
/// made by a newer version of the tool is refused rather than guessed at.
/// </summary>
internal static class HistorySchema
{
    /// <summary>Migration <c>i</c> takes a file from version <c>i</c> to <c>i + 1</c>.</summary>
    private static readonly string[] Migrations =
    [
        // 1: one row per scored comment. No text and no author in clear: the author is a keyed
        // pseudonym (16 bytes), the text a keyed MinHash signature; categories and findings are kinds only.
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE comments (
            seq INTEGER PRIMARY KEY,
            comment_id TEXT,
            author BLOB,
            created INTEGER NOT NULL,
            action INTEGER NOT NULL,
            categories TEXT NOT NULL,
            findings TEXT NOT NULL,
            signature BLOB NOT NULL,
            recorded INTEGER NOT NULL
        ) STRICT;
        -- The lookups read these indexes alone (signatures included): a window's rows are compared
        -- without visiting the table, which is read only for the few similar ones. (Until version 2.)
        CREATE INDEX comments_by_author ON comments (author, created, signature) WHERE author IS NOT NULL;
        CREATE INDEX comments_by_time ON comments (created, author, signature);
        CREATE INDEX removals_by_author ON comments (author, created) WHERE author IS NOT NULL AND action = 2;
        """,
        // 2: lookups read the recent entries from memory (RecentEntries), the file only when they
        // reach further back, so the indexes serve writing first: ordered by time, a new row lands at
        // their end. The covering indexes by author (signatures included) put every row at a random
        // place in two B-trees: measured on 20,000 rows in transactions of 50 (loaded machine),
        // 57-69 µs of CPU and 118-193 µs a row against 7-10 and 12-17, 604 bytes a comment in the
        // file against 163-192. An author's record (`history --author`) reads the table instead.
        """
        DROP INDEX comments_by_author;
        DROP INDEX comments_by_time;
        DROP INDEX removals_by_author;
        CREATE INDEX comments_by_time ON comments (created);
        CREATE INDEX removals_by_time ON comments (created) WHERE author IS NOT NULL AND action = 2;
        """,
    ];

    public static int Current => Migrations.Length;

    public static void Migrate(SqliteConnection connection, string path) => Migrate(connection, path, Current);

    /// <summary>Takes the file up to <paramref name="target"/> (tests build files of older versions with it).</summary>
    internal static void Migrate(SqliteConnection connection, string path, int target)
    {
        using var transaction = connection.BeginTransaction();
        var version = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version"));
        if (version > Current)
            throw new HistoryException($"l'historique {path} a été créé par une version plus récente de l'outil (schéma {version}, celle-ci connaît {Current}) ; mettez l'outil à jour. / {path} has schema version {version}; this tool knows up to {Current}.");
        for (var v = version; v < target; v++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    internal static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
