using System.Diagnostics;
using NetiquetteML.History;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.History;

namespace NetiquetteML.Training.Benchmarks;

/// <summary>
/// What the moderation history costs per comment (issue 16: the full verdict with history under 2×
/// the verdict without it). The history is a fresh SQLite file in a temporary folder, first filled
/// with <see cref="PrefilledComments"/> comments, one a minute from <see cref="Authors"/> authors
/// (a page far busier than the town's: about 1,440 comments a day, so every campaign lookup reads
/// about 30 earlier comments and every same-author lookup a few); the measured comments go on at
/// the same pace. Two ways of using it are measured: one call, one session (the service's
/// /v1/moderate), and the score command's batch (one session per 256 comments). Sessions are
/// written behind (<see cref="HistoryStoreOptions.FlushInterval"/>); the same calls are measured
/// again with each session written at its commit (interval zero), for what durability costs.
/// </summary>
public static class HistoryBenchmark
{
    public const int PrefilledComments = 20_000;
    public const int Authors = 400;

    public static void Run(NetiquetteScorer scorer, IReadOnlyList<Comment> typical, BenchFigures figures, TimeSpan warmup,
        Action<string> progress, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"netiquette-bench-history-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            using var store = SqliteModerationHistory.Open(new HistoryStoreOptions { Path = Path.Combine(folder, "history.db") });
            var remembering = new HistoryAwareScorer(scorer, store);
            // Far enough back that the warm-ups' comments (up to a minute each) stay in the past: the
            // history takes a comment dated after tomorrow for a wrong clock and stops its window there.
            var start = DateTimeOffset.UtcNow - TimeSpan.FromDays(120);
            long minute = 0;
            Comment Next(Comment c)
            {
                var n = Interlocked.Increment(ref minute);
                return c with { Id = $"bench-{n}", Author = $"auteur-{n % Authors}", Created = start + TimeSpan.FromMinutes(n) };
            }

            progress($"2b. history: filling a new history with {PrefilledComments:N0} comments (one a minute, {Authors} authors)");
            foreach (var _ in remembering.ScoreMany(Enumerable.Range(0, PrefilledComments).Select(i => Next(typical[i % typical.Count])), cancellationToken: ct)) { }

            progress($"2b. full scorer + history on {typical.Count} typical comments, one session per comment (as /v1/moderate)");
            var withHistory = Latency.Measure("scorer+history", typical, c => remembering.Score(Next(c)), warmup, ct);
            figures.Set("scorer_history", withHistory);
            // The scorer alone, measured again now, beside it: the machine's speed moves within minutes.
            var alone = Latency.Measure("scorer", typical, scorer.Score, warmup, ct);
            figures.Set("scorer_beside_history", alone);
            figures.Set("ratio_history_to_scorer", withHistory.MedianUs / alone.MedianUs);
            figures.Set("ratio_history_to_scorer_mean", withHistory.MeanUs / alone.MeanUs);
            // The history's own part, the verdicts given: its cost whatever the scorer's, and less at the mercy of a busy machine than a difference of two medians.
            // Given the normalised text too, as HistoryAwareScorer has it from the scorer: the normaliser is the scorer's part.
            var scored = typical.Select(c => (Comment: c, Scored: scorer.ScoreWithText(c, Explanations.Flagged))).ToList();
            figures.Set("history_alone", Latency.Measure("history alone", scored, p =>
            {
                using var session = store.Begin();
                var verdict = remembering.Remember(session, Next(p.Comment), p.Scored.Verdict, p.Scored.NormalizedText);
                session.Commit();
                return verdict;
            }, warmup, ct));
            // What the history costs the process in CPU, its background writing included (the
            // latencies above see only the caller's thread): the same comments with and without.
            store.Flush();
            var cpu = Process.GetCurrentProcess();
            var before = cpu.TotalProcessorTime;
            foreach (var c in typical) scorer.Score(c);
            cpu.Refresh();
            var plainCpu = cpu.TotalProcessorTime - before;
            before = cpu.TotalProcessorTime;
            foreach (var c in typical) remembering.Score(Next(c));
            store.Flush();
            cpu.Refresh();
            var historyCpu = cpu.TotalProcessorTime - before;
            figures.Set("history_cpu_us_per_call", (historyCpu - plainCpu).TotalMicroseconds / typical.Count);
            figures.Set("ratio_history_cpu", historyCpu / plainCpu);
            using (var writeThrough = SqliteModerationHistory.Open(new HistoryStoreOptions { Path = store.Path, FlushInterval = TimeSpan.Zero }))
            {
                progress("2b. the same, each session written at its commit (FlushInterval 0)");
                var remember = new HistoryAwareScorer(scorer, writeThrough);
                var committed = Latency.Measure("scorer+history, written at commit", typical, c => remember.Score(Next(c)), warmup, ct);
                figures.Set("scorer_history_write_through", committed);
                figures.Set("ratio_history_write_through_to_scorer", committed.MedianUs / alone.MedianUs);
            }

            progress($"2c. batch as score --history: ScoreMany with and without history over {PrefilledComments:N0} comments");
            var batch = Enumerable.Range(0, PrefilledComments).Select(i => typical[i % typical.Count]).ToList();
            var clock = Stopwatch.StartNew();
            foreach (var _ in scorer.ScoreMany(batch, cancellationToken: ct)) { }
            var plainSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            foreach (var _ in remembering.ScoreMany(batch.Select(Next), cancellationToken: ct)) { }
            store.Flush(); // the last sessions written too: the batch is timed until all of it is in the file
            var historySeconds = clock.Elapsed.TotalSeconds;
            figures.Set("batch_history_comments", (long)batch.Count);
            figures.Set("batch_plain_comments_per_second", batch.Count / plainSeconds);
            figures.Set("batch_history_comments_per_second", batch.Count / historySeconds);
            figures.Set("ratio_batch_history_time", historySeconds / plainSeconds);
            figures.Set("history_file_bytes_per_comment", (double)new FileInfo(store.Path).Length / Math.Max(1, minute));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
