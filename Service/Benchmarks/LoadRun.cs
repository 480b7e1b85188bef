using System.Diagnostics;
using System.Net.Http.Headers;

namespace NetiquetteML.Service.Benchmarks;

/// <summary>Concurrent POSTs of prepared bodies, bounded by a duration and optionally a request count.</summary>
public sealed record LoadRun(long Requests, long Errors, TimeSpan Elapsed, long[] LatencyTicks, string? FirstError)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static async Task<LoadRun> RunAsync(HttpClient client, string path, byte[][] bodies, int concurrency, TimeSpan duration, long? limit,
        bool record, Action<long>? progress = null)
    {
        long issued = 0, errors = 0;
        string? firstError = null;
        var latencies = new List<long>[concurrency];
        var watch = Stopwatch.StartNew();
        var deadline = watch.Elapsed + duration;
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<long>(record ? 100_000 : 0);
            for (var i = 0L; ; i++)
            {
                var n = Interlocked.Increment(ref issued);
                if ((limit is { } max && n > max) || watch.Elapsed > deadline) break;
                if (progress is not null && n % 100_000 == 0) progress(n);
                var body = bodies[(int)((worker * 7919L + i) % bodies.Length)];
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = Json;
                    using var response = await client.PostAsync(path, content);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        firstError ??= $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref errors);
                    firstError ??= e.Message;
                }
                if (record) mine.Add(Stopwatch.GetTimestamp() - start);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = watch.Elapsed;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        var done = Math.Min(Interlocked.Read(ref issued) - concurrency, limit ?? long.MaxValue);
        return new LoadRun(Math.Max(0, done), errors, elapsed, all, firstError);
    }
}

/// <summary>Samples the process's working set every second while alive.</summary>
public sealed class MemoryWatch : IDisposable
{
    private readonly Timer _timer;
    private readonly List<double> _samples = [];

    public MemoryWatch()
    {
        StartMb = Environment.WorkingSet / 1048576.0;
        _timer = new Timer(_ => { lock (_samples) _samples.Add(Environment.WorkingSet / 1048576.0); }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public double StartMb { get; }

    public List<double> Samples { get { lock (_samples) return [.. _samples]; } }

    public double MinMb => Samples.DefaultIfEmpty(StartMb).Min();

    public double MaxMb => Samples.DefaultIfEmpty(StartMb).Max();

    public void Dispose() => _timer.Dispose();
}
