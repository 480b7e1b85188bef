using System.Text;
using Microsoft.Data.Sqlite;
using NetiquetteML.History;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.History;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.History;

public class SqliteModerationHistoryTests
{
    private static readonly DateTimeOffset Noon = FreshHistory.Noon;

    [Fact]
    public void The_file_its_folder_and_its_key_are_created_on_first_use_in_wal_mode_at_the_current_schema()
    {
        using var dir = new TempDirectory();
        var path = dir.File("sous/dossier/moderation.db");
        using (var store = SqliteModerationHistory.Open(new HistoryStoreOptions { Path = path }))
        {
            Assert.Equal("wal", Pragma(store, "journal_mode"));
        }
        Assert.True(File.Exists(path));
        Assert.Equal(32, new FileInfo(path + ".key").Length);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path + ".key"));
        Assert.Equal(HistorySchema.Current, Convert.ToInt32(Read(path, "PRAGMA user_version")));
        Assert.Equal("wal", Read(path, "PRAGMA journal_mode"));
    }

    [Fact]
    public void Reopening_keeps_what_was_recorded_and_recognises_the_author()
    {
        using var dir = new TempDirectory();
        var options = new HistoryStoreOptions { Path = dir.File("h.db") };
        const string text = "Quand est-ce que la piscine municipale va rouvrir cet été? Personne ne répond.";
        using (var store = SqliteModerationHistory.Open(options))
            new HistoryAwareScorer(ShippedScorer.Shared, store).Score(new Comment(text, null, "c1", "Julie", Noon));
        using (var store = SqliteModerationHistory.Open(options))
        {
            var again = new HistoryAwareScorer(ShippedScorer.Shared, store).Score(new Comment(text, null, "c2", "Julie", Noon.AddMinutes(5)));
            Assert.Equal(["c1"], again.History!.Repetition!.EarlierIds);
        }
    }

    [Fact]
    public void A_file_from_a_newer_version_is_refused_rather_than_guessed_at()
    {
        using var dir = new TempDirectory();
        var path = dir.File("h.db");
        SqliteModerationHistory.Open(new HistoryStoreOptions { Path = path }).Dispose();
        Write(path, $"PRAGMA user_version = {HistorySchema.Current + 1}");
        var e = Assert.Throws<HistoryException>(() => SqliteModerationHistory.Open(new HistoryStoreOptions { Path = path }));
        Assert.Contains("version plus récente", e.Message);
    }

    [Fact]
    public void A_file_at_version_zero_is_migrated()
    {
        using var dir = new TempDirectory();
        var path = dir.File("h.db");
        Write(path, "CREATE TABLE unrelated (x INTEGER)"); // an SQLite file with no schema of ours yet
        using var store = SqliteModerationHistory.Open(new HistoryStoreOptions { Path = path });
        Assert.Equal(HistorySchema.Current.ToString(), Pragma(store, "user_version"));
    }

    [Fact]
    public void A_version_1_file_is_migrated_to_indexes_by_time_alone_and_its_entries_are_still_recognised()
    {
        using var dir = new TempDirectory();
        var path = dir.File("h.db");
        var key = new HistoryKey(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());
        File.WriteAllBytes(path + ".key", Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            HistorySchema.Migrate(connection, path, target: 1);
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO meta (key, value) VALUES ('key_fingerprint', $f); " +
                "INSERT INTO comments (comment_id, author, created, action, categories, findings, signature, recorded) VALUES ('c1', $a, $t, 0, '', '', $s, $t)";
            insert.Parameters.AddWithValue("$f", key.Fingerprint);
            insert.Parameters.AddWithValue("$a", key.Pseudonym("Julie"));
            insert.Parameters.AddWithValue("$t", Noon.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$s", TextSignature.Of(Question, key.Seeds).ToBytes());
            insert.ExecuteNonQuery();
        }
        Assert.Contains("signature", Read(path, "SELECT group_concat(sql) FROM sqlite_master WHERE type = 'index'"));

        using var store = SqliteModerationHistory.Open(new HistoryStoreOptions { Path = path });
        Assert.Equal(HistorySchema.Current.ToString(), Pragma(store, "user_version"));
        var indexes = Read(path, "SELECT group_concat(sql, ' ; ') FROM sqlite_master WHERE type = 'index'")!;
        Assert.DoesNotContain("signature", indexes);
        Assert.DoesNotContain("(author", indexes);
        Assert.Contains("comments_by_time ON comments (created)", indexes);
        var again = new HistoryAwareScorer(ShippedScorer.Shared, store).Score(new Comment(Question, null, "c2", "Julie", Noon.AddMinutes(5)));
        Assert.Equal(["c1"], again.History!.Repetition!.EarlierIds);
    }

    [Fact]
    public void A_missing_or_foreign_key_is_refused_with_what_to_do()
    {
        using var dir = new TempDirectory();
        var path = dir.File("h.db");
        SqliteModerationHistory.Open(new HistoryStoreOptions { Path = path }).Dispose();
        File.Move(path + ".key", dir.File("saved.key"));
        Assert.Contains("introuvable", Assert.Throws<HistoryException>(() => SqliteModerationHistory.Open(new HistoryStoreOptions { Path = path })).Message);
        File.WriteAllBytes(path + ".key", new byte[32]);
        Assert.Contains("n'est pas celle", Assert.Throws<HistoryException>(() => SqliteModerationHistory.Open(new HistoryStoreOptions { Path = path })).Message);
        using var store = SqliteModerationHistory.Open(new HistoryStoreOptions { Path = path, KeyFile = dir.File("saved.key") });
    }

    [Fact]
    public void A_file_that_is_not_sqlite_is_refused()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("h.db", "id,text\n1,bonjour\n");
        Assert.Contains("n'est pas un fichier SQLite", Assert.Throws<HistoryException>(() => SqliteModerationHistory.Open(new HistoryStoreOptions { Path = path })).Message);
    }

    [Fact]
    public void Purge_removes_what_is_past_retention_and_nothing_else_and_forgets_its_bytes()
    {
        using var history = new FreshHistory(retentionDays: 180);
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, days) in new[] { ("vieux-200j", 200), ("vieux-181j", 181), ("recent-179j", 179), ("recent-1j", 1) })
            history.Say(id, "Julie", $"Commentaire numéro {id} sur la patinoire du parc Bellevue cet hiver", now.AddDays(-days));
        Assert.Equal(2, history.Store.Purge(now));
        Assert.Equal(0, history.Store.Purge(now));
        var kept = history.Store.AuthorRecord("Julie", 90, now).Rows.Select(r => r.CommentId).ToList();
        Assert.Equal(["recent-179j", "recent-1j"], kept);
        var bytes = AllBytes(history.Folder);
        Assert.DoesNotContain("vieux-200j", bytes);
        Assert.DoesNotContain("vieux-181j", bytes);
        Assert.Contains("recent-1j", bytes);
    }

    [Fact]
    public void The_file_holds_no_comment_text_no_author_and_no_personal_information()
    {
        using var history = new FreshHistory();
        string[] planted =
        [
            "Appelez Ginette Lafrenière-Boisvert au 819 555-0142 ou écrivez à ginette.lafreniere@gmail.com",
            "Mon NAS est 046 454 286 et ma carte 4111 1111 1111 1111, j'habite au 417, 10e Avenue, J0Y 2M0",
            "Zygomatiquement parlant, ce conseil municipal est une farce quinquennale insupportable",
        ];
        string[] authors = ["Ginette Lafrenière-Boisvert", "Bartholomew Quintal", "ginette.lafreniere@gmail.com"];
        var i = 0;
        foreach (var text in planted)
        foreach (var author in authors)
        {
            i++;
            history.Say($"c{i}", author, text, Noon.AddMinutes(i));
        }
        history.Say("appel-819-555-0199", "Bartholomew Quintal", "Bonne journée à toute l'équipe municipale", Noon.AddHours(2));

        // While open (the write-ahead log holds the latest pages) and once closed and checkpointed.
        history.Store.Flush();
        Assert.Equal(10L, Convert.ToInt64(Read(history.Path, "SELECT count(*) FROM comments")));
        foreach (var closed in new[] { false, true })
        {
            if (closed) { history.Store.Dispose(); SqliteConnection.ClearAllPools(); }
            var files = Directory.GetFiles(history.Folder).Where(f => !f.EndsWith(".key", StringComparison.Ordinal)).ToList();
            Assert.Contains(files, f => f.EndsWith(".db", StringComparison.Ordinal));
            var bytes = AllBytes(history.Folder);
            string[] secrets =
            [
                "Ginette", "Lafreni", "ginette", "lafreniere", "Bartholomew", "bartholomew", "Quintal", "quintal", "gmail",
                "555-0142", "5550142", "555 0142", "0142", "046 454 286", "046454286", "4111", "10e Avenue", "J0Y", "j0y",
                "Zygomatiquement", "zygomatiquement", "quinquennale", "farce", "conseil", "819-555-0199",
            ];
            foreach (var secret in secrets) Assert.DoesNotContain(secret, bytes);
        }
    }

    [Fact]
    public void Two_threads_scoring_at_once_record_every_comment_once()
    {
        using var history = new FreshHistory();
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            history.Say($"t{i}", $"auteur-{i % 7}", $"Commentaire {i} : la collecte des ordures est-elle reportée à cause de la tempête?", Noon.AddSeconds(i)));
        Assert.Equal(200, history.Store.Summary().Total);
    }

    private const string Question = "Quand est-ce que la piscine municipale va rouvrir cet été? Personne ne répond.";

    [Fact]
    public void Committed_sessions_reach_the_file_behind_the_caller_and_every_one_of_them_on_dispose()
    {
        using var dir = new TempDirectory();
        var path = dir.File("h.db");
        using (var store = SqliteModerationHistory.Open(new HistoryStoreOptions { Path = path }))
        {
            var scorer = new HistoryAwareScorer(ShippedScorer.Shared, store);
            for (var i = 0; i < 30; i++) scorer.Score(new Comment($"Commentaire {i} sur la patinoire", null, $"c{i}", "Julie", Noon.AddMinutes(i)));
            Assert.True(Eventually(() => Count(path) == 30), $"{Count(path)} rows written behind, 30 expected");
            for (var i = 30; i < 35; i++) scorer.Score(new Comment($"Commentaire {i} sur la patinoire", null, $"c{i}", "Julie", Noon.AddMinutes(i)));
        }
        Assert.Equal(35, Count(path));
    }

    [Fact]
    public void With_a_flush_interval_of_zero_each_session_is_in_the_file_when_its_commit_returns()
    {
        using var dir = new TempDirectory();
        var path = dir.File("h.db");
        using var store = SqliteModerationHistory.Open(new HistoryStoreOptions { Path = path, FlushInterval = TimeSpan.Zero });
        var scorer = new HistoryAwareScorer(ShippedScorer.Shared, store);
        for (var i = 1; i <= 3; i++)
        {
            scorer.Score(new Comment(Question, null, $"c{i}", "Julie", Noon.AddMinutes(i)));
            Assert.Equal(i, Count(path));
        }
    }

    [Fact]
    public void A_session_disposed_without_commit_leaves_nothing_in_memory_or_in_the_file()
    {
        using var history = new FreshHistory();
        using (var session = history.Store.Begin())
            history.Scorer.Remember(session, new Comment(Question, null, "oublie", "Julie", Noon), ShippedScorer.Shared.Score(new Comment(Question)));
        Assert.False(history.Say("c1", "Julie", Question, Noon.AddMinutes(5)).Repeated);
        history.Store.Flush();
        Assert.Equal(1, Count(history.Path));
    }

    [Fact]
    public void Two_histories_on_one_file_see_each_others_entries_once_written()
    {
        using var dir = new TempDirectory();
        var options = new HistoryStoreOptions { Path = dir.File("h.db") };
        // Two connections to one file: to SQLite, two processes.
        using var first = SqliteModerationHistory.Open(options);
        using var second = SqliteModerationHistory.Open(options);
        var (a, b) = (new HistoryAwareScorer(ShippedScorer.Shared, first), new HistoryAwareScorer(ShippedScorer.Shared, second));
        b.Score(new Comment("Bonne journée à tous les bénévoles du carnaval d'hiver", null, "b0", "Marc", Noon)); // b's index is built now, before a writes

        a.Score(new Comment(Question, null, "c1", "Julie", Noon.AddMinutes(1)));
        Assert.True(Eventually(() => Sees(second, "Julie", Noon.AddMinutes(10)) == 1), "the second history never saw the first one's entry");
        Assert.Equal(["c1"], b.Score(new Comment(Question, null, "c2", "Julie", Noon.AddMinutes(10))).History!.Repetition!.EarlierIds);

        Assert.True(Eventually(() => Sees(first, "Julie", Noon.AddMinutes(20)) == 2), "the first history never saw the second one's entry");
        Assert.Equal(["c1", "c2"], a.Score(new Comment(Question, null, "c3", "Julie", Noon.AddMinutes(20))).History!.Repetition!.EarlierIds);
    }

    [Fact]
    public void Lookups_reaching_past_the_recent_span_read_the_file_and_the_open_session()
    {
        using var dir = new TempDirectory();
        using var store = SqliteModerationHistory.Open(new HistoryStoreOptions { Path = dir.File("h.db"), RecentSpan = TimeSpan.FromHours(1) });
        var scorer = new HistoryAwareScorer(ShippedScorer.Shared, store);
        // One session: Marc's comment moves the horizon past Julie's; her second copy, scored out of
        // order, looks back a day (the policy's window): before the horizon, in this session's records.
        var batch = scorer.ScoreMany([
            new Comment(Question, null, "c1", "Julie", Noon),
            new Comment("Bonne journée à tous les bénévoles du carnaval d'hiver", null, "m1", "Marc", Noon.AddHours(5)),
            new Comment(Question, null, "c2", "Julie", Noon.AddHours(3)),
        ]).ToList();
        Assert.Equal(["c1"], batch[2].History!.Repetition!.EarlierIds);
        // The next session: the same, from the file (written first, if the writer had not yet).
        Assert.Equal(["c1", "c2"], scorer.Score(new Comment(Question, null, "c3", "Julie", Noon.AddHours(3.5))).History!.Repetition!.EarlierIds);
    }

    [Fact]
    public void A_purge_by_another_process_is_seen_and_the_removals_it_deleted_no_longer_count()
    {
        using var history = new FreshHistory();
        foreach (var daysAgo in new[] { 80, 40, 10 })
            history.Say($"r{daysAgo}", "Gérald", $"Appelez Gérald au 819-555-01{daysAgo:00} pour tout savoir sur le conseil", Noon.AddDays(-daysAgo));
        Assert.Equal(3, history.Say("ok1", "Gérald", "Bonne fin de semaine à tous", Noon).History!.RecentRemovals);

        history.Store.Flush(); // a purge deletes what is in the file
        using (var other = SqliteModerationHistory.Open(new HistoryStoreOptions { Path = history.Path, RetentionDays = 30 }))
            Assert.Equal(2, other.Purge(Noon));
        Assert.True(Eventually(() => Removals(history.Store, "Gérald", Noon.AddMinutes(1)) == 1), "the purge was never seen");
        Assert.Equal(1, history.Say("ok2", "Gérald", "Bonne fin de semaine à tous", Noon.AddMinutes(1)).History!.RecentRemovals);
    }

    /// <summary>How many similar entries of <paramref name="author"/> a lookup of <see cref="Question"/> finds, in a session that records nothing.</summary>
    private static int Sees(SqliteModerationHistory store, string author, DateTimeOffset at) => Look(store, author, at).SameAuthor.Count;

    private static int Removals(SqliteModerationHistory store, string author, DateTimeOffset at) => Look(store, author, at).RecentRemovals;

    private static HistoryRecall Look(SqliteModerationHistory store, string author, DateTimeOffset at)
    {
        using var session = store.Begin();
        return session.Recall(new HistoryQuery(store.Key.Pseudonym(author), at, TextSignature.Of(Question, store.Key.Seeds), TextSignature.DefaultThreshold,
            at.AddDays(-1), at.AddMinutes(-30), at.AddDays(-90)));
    }

    /// <summary>Polls <paramref name="condition"/> for up to ten seconds: what is written behind arrives within milliseconds, on a busy machine later.</summary>
    private static bool Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(5);
        }
        return true;
    }

    private static int Count(string path) => Convert.ToInt32(Read(path, "SELECT count(*) FROM comments"));

    private static string AllBytes(string folder)
    {
        var sb = new StringBuilder();
        foreach (var file in Directory.GetFiles(folder).Where(f => !f.EndsWith(".key", StringComparison.Ordinal)))
        {
            var bytes = File.ReadAllBytes(file);
            sb.Append(Encoding.UTF8.GetString(bytes)).Append('\n').Append(Encoding.Unicode.GetString(bytes)).Append('\n')
              .Append(Encoding.Latin1.GetString(bytes)).Append('\n');
        }
        return sb.ToString();
    }

    private static string Pragma(SqliteModerationHistory store, string name) => Read(store.Path, "PRAGMA " + name) ?? "";

    private static string? Read(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar());
    }

    private static void Write(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
