using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using NetiquetteML.History;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.History;
using NetiquetteML.Tests.Hostile;
using NetiquetteML.Tests.Reports;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.History;

/// <summary>The history file under real processes: two `score --history` at once, and one killed in the middle of its writes.</summary>
public class HistoryProcessTests
{
    [Fact]
    public async Task Two_processes_scoring_into_one_history_at_once_record_every_comment()
    {
        using var dir = new TempDirectory();
        var db = dir.File("moderation.db");
        var first = WriteComments(dir.File("a.csv"), "a", 3_000);
        var second = WriteComments(dir.File("b.csv"), "b", 3_000);

        var runs = await Task.WhenAll(
            Task.Run(() => Score(first, db, dir.File("a-out.csv"), TimeSpan.FromMinutes(4))),
            Task.Run(() => Score(second, db, dir.File("b-out.csv"), TimeSpan.FromMinutes(4))));

        foreach (var run in runs) Assert.True(run.ExitCode == 0, run.All);
        Assert.Equal("ok", Scalar(db, "PRAGMA integrity_check"));
        Assert.Equal(6_000L, Scalar(db, "SELECT count(*) FROM comments"));
        Assert.Equal(3_000L, Scalar(db, "SELECT count(*) FROM comments WHERE comment_id LIKE 'a-%'"));
    }

    [Fact]
    public async Task A_process_killed_in_the_middle_of_its_writes_leaves_a_sound_history_of_whole_sessions()
    {
        using var dir = new TempDirectory();
        var db = dir.File("moderation.db");
        var input = WriteComments(dir.File("big.csv"), "k", 60_000);
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { InterruptTests.TrainingAssembly(), "score", "--input", input, "--history", db, "--output", dir.File("out.csv"), "--model", Repo.ShippedBundle })
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();

        // Kill it (SIGKILL: no cleanup) once some sessions are committed and while it writes more.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        long seen = 0;
        while (DateTime.UtcNow < deadline && !process.HasExited && (seen = CountOrZero(db)) < 1_000) await Task.Delay(20);
        Assert.False(process.HasExited, $"the scoring ended before it could be killed (exit {(process.HasExited ? process.ExitCode : 0)}, {seen} rows)");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        Assert.True(File.Exists(db + "-wal"), "the write-ahead log should be left behind by a killed writer");
        Assert.Equal("ok", Scalar(db, "PRAGMA integrity_check"));
        var rows = (long)Scalar(db, "SELECT count(*) FROM comments")!;
        Assert.True(rows >= 1_000 && rows < 60_000, $"{rows} rows");
        Assert.Equal(0, rows % 256); // score --history commits whole sessions of 256 comments, never part of one
        Assert.False(File.Exists(dir.File("out.csv")), "no half-written output replaces a whole one");

        // And it is usable: the next run goes on from there.
        var next = Score(WriteComments(dir.File("next.csv"), "n", 100), db, dir.File("next-out.csv"), TimeSpan.FromMinutes(2));
        Assert.True(next.ExitCode == 0, next.All);
        Assert.Equal(rows + 100, (long)Scalar(db, "SELECT count(*) FROM comments")!);
    }

    [Fact]
    public void A_history_held_open_by_one_process_and_score_in_another_see_each_others_entries()
    {
        using var dir = new TempDirectory();
        var db = dir.File("moderation.db");
        const string question = "Quand est-ce que la piscine municipale va rouvrir cet été? Personne ne répond.";
        var noon = new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
        // This test's process holds the history open, its recent entries in memory, the whole time (as the service does).
        using var store = SqliteModerationHistory.Open(new HistoryStoreOptions { Path = db });
        var service = new HistoryAwareScorer(ShippedScorer.Shared, store);
        Assert.False(service.Score(new Comment(question, null, "s1", "Julie", noon)).Repeated);

        // Another process scores Julie's second copy: it reads the first from the file (written behind, without a flush asked for).
        var input = dir.Write("page.csv", $"id,post,text,author,created\nx2,,{question},Julie,{noon.AddMinutes(10):yyyy-MM-ddTHH:mm:ssZ}\n");
        var run = Score(input, db, dir.File("out.csv"), TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.All);
        Assert.EndsWith(",1", File.ReadAllLines(dir.File("out.csv"))[1]);

        // And this process sees what the other one wrote after it had built its index.
        var third = service.Score(new Comment(question, null, "s3", "Julie", noon.AddMinutes(20)));
        Assert.Equal(["s1", "x2"], third.History!.Repetition!.EarlierIds);
    }

    private static ExternalProcess.Result Score(string input, string db, string output, TimeSpan timeout) =>
        ExternalProcess.Run("dotnet", [InterruptTests.TrainingAssembly(), "score", "--input", input, "--history", db, "--output", output, "--model", Repo.ShippedBundle],
            timeout, Repo.Root);

    /// <summary>Comments of the corpus under made-up authors and times, one every 20 seconds.</summary>
    private static string WriteComments(string path, string prefix, int count)
    {
        var texts = TrainedBundle.SampleRows(every: 10).Select(r => r.Text).ToList();
        var start = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        var sb = new StringBuilder("id,post,text,author,created\n");
        for (var i = 0; i < count; i++)
        {
            var text = texts[i % texts.Count].Replace("\"", "\"\"");
            sb.Append($"{prefix}-{i},,\"{text}\",auteur-{i % 300},{start.AddSeconds(20 * i):yyyy-MM-ddTHH:mm:ssZ}\n");
        }
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private static long CountOrZero(string db)
    {
        if (!File.Exists(db)) return 0;
        try { return Scalar(db, "SELECT count(*) FROM comments") as long? ?? 0; }
        catch (SqliteException) { return 0; } // not created yet
    }

    private static object? Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
