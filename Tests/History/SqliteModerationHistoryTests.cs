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
