using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NetiquetteML.Scoring;
using NetiquetteML.Service.Feedback;
using NetiquetteML.Service.Hosting;

namespace NetiquetteML.Service.Benchmarks;

/// <summary>
/// <c>bench</c>: the service's speed on loopback beside the in-process scorer, measured in one run.
/// Traffic goes to 127.0.0.1 only, every loop is bounded in count or time, and the server stops
/// with the command.
/// </summary>
public static class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        BenchSettings? settings;
        try
        {
            settings = BenchSettings.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        if (settings is null)
        {
            Console.WriteLine(BenchSettings.Help);
            return 0;
        }

        var paths = ServicePaths.For(Directory.GetCurrentDirectory());
        var model = paths.Resolve(settings.Model);
        var comments = ReadComments(paths.Resolve(settings.Data));
        Console.WriteLine($"bench: {comments.Count:N0} comments from {settings.Data}, bundle {model}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        var scorer = NetiquetteScorer.Load(model);
        var inProcess = MeasureScorer(scorer, comments, settings.ScoreManyComments);
        Console.WriteLine($"in-process Score (1 thread): median {inProcess.MedianUs:0.0} µs, p99 {inProcess.P99Us:0.0} µs; ScoreMany: {inProcess.ScoreManyPerSecond:N0} comments/s");

        var app = ServiceApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["urls"] = "http://127.0.0.1:0",
                ["Netiquette:BundlePath"] = model,
                ["Netiquette:RateLimit:Enabled"] = "false",
                ["Netiquette:Limits:MaxBatchSize"] = Math.Max(1000, settings.BatchSize).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            builder.Logging.ClearProviders();
        });
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var report = await MeasureServiceAsync(new Uri(address), settings, comments, scorer, inProcess);
            var json = JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport);
            if (settings.JsonPath is { } jsonPath)
            {
                File.WriteAllText(paths.Resolve(jsonPath), json);
                Console.WriteLine($"figures written to {jsonPath}");
            }
            Console.WriteLine(json);
            return report.Errors == 0 ? 0 : 3;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<BenchReport> MeasureServiceAsync(Uri address, BenchSettings settings, List<Comment> comments,
        NetiquetteScorer scorer, ScorerFigures inProcess)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var singles = comments.Select(c => JsonSerializer.SerializeToUtf8Bytes(new Api.ModerateRequest(c.Text, c.Post), Api.ServiceJsonContext.Default.ModerateRequest)).ToArray();
        var batches = Enumerable.Range(0, Math.Max(1, comments.Count / settings.BatchSize)).Select(b =>
            JsonSerializer.SerializeToUtf8Bytes(new Api.ModerateBatchRequest(
                [.. Enumerable.Range(0, settings.BatchSize).Select(i => comments[(b * settings.BatchSize + i) % comments.Count]).Select(c => new Api.ModerateRequest(c.Text, c.Post))]),
                Api.ServiceJsonContext.Default.ModerateBatchRequest)).ToArray();

        var scenarios = new List<ScenarioFigures>();
        Console.WriteLine();
        Console.WriteLine("| call | concurrency | requests | errors | requests/s | comments/s | p50 | p99 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var beforeBatches = 0.0;
        foreach (var (kind, path, bodies, perRequest) in new[] { ("single", "/v1/moderate", singles, 1), ("batch", "/v1/moderate:batch", batches, settings.BatchSize) })
        {
            if (kind == "batch") beforeBatches = MeasureScoreMany(scorer, comments, settings.ScoreManyComments);
            foreach (var concurrency in settings.Concurrencies)
            {
                await LoadRun.RunAsync(client, path, bodies, concurrency, TimeSpan.FromSeconds(1), null, record: false); // warm-up
                var run = await LoadRun.RunAsync(client, path, bodies, concurrency, settings.ScenarioDuration, null, record: true);
                var figures = ScenarioFigures.From(kind, concurrency, perRequest, run);
                scenarios.Add(figures);
                Console.WriteLine($"| {kind}{(perRequest > 1 ? $" ({perRequest})" : "")} | {concurrency} | {figures.Requests:N0} | {figures.Errors} | {figures.RequestsPerSecond:N0} | {figures.CommentsPerSecond:N0} | {Us(figures.P50Us)} | {Us(figures.P99Us)} |");
            }
        }

        SoakFigures? soak = null;
        if (settings.SoakRequests > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"soak: {settings.SoakRequests:N0} single requests at concurrency {settings.SoakConcurrency}…");
            using var memory = new MemoryWatch();
            var run = await LoadRun.RunAsync(client, "/v1/moderate", singles, settings.SoakConcurrency, TimeSpan.FromHours(1), settings.SoakRequests, record: false,
                progress: done => Console.WriteLine($"  {done:N0} requests, working set {Environment.WorkingSet / 1048576.0:N0} MB"));
            soak = new SoakFigures(run.Requests, run.Errors, run.Elapsed.TotalSeconds, run.Requests / run.Elapsed.TotalSeconds,
                memory.StartMb, memory.MinMb, memory.MaxMb, Environment.WorkingSet / 1048576.0, memory.Samples);
            Console.WriteLine($"soak: {soak.Requests:N0} requests, {soak.Errors} errors in {soak.Seconds:N0} s ({soak.RequestsPerSecond:N0}/s); working set start {soak.WorkingSetStartMb:N0} MB, min {soak.WorkingSetMinMb:N0}, max {soak.WorkingSetMaxMb:N0}, end {soak.WorkingSetEndMb:N0}");
        }

        // The machine may be shared: ScoreMany is measured at start, just before the batch calls and
        // at the end, and the best of the three is the reference (the ratio can only be understated).
        var again = MeasureScoreMany(scorer, comments, settings.ScoreManyComments);
        var reference = Math.Max(inProcess.ScoreManyPerSecond, Math.Max(beforeBatches, again));
        Console.WriteLine($"ScoreMany just before the batch calls: {beforeBatches:N0} comments/s, at the end: {again:N0} (reference: the best of three, {reference:N0})");
        var singleAtOne = scenarios.First(s => s.Kind == "single" && s.Concurrency == scenarios.Where(x => x.Kind == "single").Min(x => x.Concurrency));
        var bestBatch = scenarios.Where(s => s.Kind == "batch").MaxBy(s => s.CommentsPerSecond)!;
        var overhead = singleAtOne.P50Us - inProcess.MedianUs;
        var share = bestBatch.CommentsPerSecond / reference;
        Console.WriteLine();
        Console.WriteLine($"single-call overhead over Score at concurrency {singleAtOne.Concurrency}: {overhead:0} µs median (target ≤ 150 µs: {(overhead <= 150 ? "met" : "NOT met")})");
        Console.WriteLine($"batch of {settings.BatchSize} at concurrency {bestBatch.Concurrency}: {bestBatch.CommentsPerSecond:N0} comments/s = {share:P0} of ScoreMany (target ≥ 60 %: {(share >= 0.6 ? "met" : "NOT met")})");
        var errors = scenarios.Sum(s => s.Errors) + (soak?.Errors ?? 0);
        return new BenchReport(Environment.ProcessorCount, Environment.Version.ToString(), comments.Count, inProcess, beforeBatches, again, reference, scenarios, soak,
            overhead, overhead <= 150, share, share >= 0.6, errors);
    }

    private static string Us(double us) => us >= 1000 ? $"{us / 1000:0.00} ms" : $"{us:0} µs";

    private static ScorerFigures MeasureScorer(NetiquetteScorer scorer, List<Comment> comments, int scoreManyComments)
    {
        for (var i = 0; i < 20_000; i++) scorer.Score(comments[i % comments.Count]);
        var samples = new long[30_000];
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            scorer.Score(comments[i % comments.Count]);
            samples[i] = Stopwatch.GetTimestamp() - start;
        }
        Array.Sort(samples);
        return new ScorerFigures(ToUs(samples[samples.Length / 2]), ToUs(samples[(int)(samples.Length * 0.99)]), MeasureScoreMany(scorer, comments, scoreManyComments));
    }

    /// <summary>ScoreMany on all cores over comments drawn from the corpus: comments per second.</summary>
    private static double MeasureScoreMany(NetiquetteScorer scorer, List<Comment> comments, int many)
    {
        var watch = Stopwatch.StartNew();
        var count = 0;
        foreach (var _ in scorer.ScoreMany(Enumerable.Range(0, many).Select(i => comments[i % comments.Count]))) count++;
        return count / watch.Elapsed.TotalSeconds;
    }

    internal static double ToUs(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    private static List<Comment> ReadComments(string path)
    {
        var records = Rfc4180.Parse(File.ReadAllText(path, Encoding.UTF8));
        var header = records[0];
        var text = Array.IndexOf(header, "text");
        var post = Array.IndexOf(header, "post");
        if (text < 0) throw new InvalidDataException($"{path} has no text column.");
        return records.Skip(1).Where(r => r.Length > text && r[text].Length > 0)
            .Select(r => new Comment(r[text], post >= 0 && r.Length > post && r[post].Length > 0 ? r[post] : null)).ToList();
    }
}
