using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace NetiquetteML.Training.Benchmarks;

/// <summary>Per-call figures of one measured operation, on one thread.</summary>
public sealed record LatencyResult(string Name, int Count, double MedianUs, double P99Us, double MeanUs, double AllocatedBytesPerCall)
{
    /// <summary>Sequential throughput of one thread: calls per second at the mean latency.</summary>
    public double PerSecond => MeanUs <= 0 ? 0 : 1e6 / MeanUs;
}

/// <summary>
/// Times each call of an operation on the current thread with <see cref="Stopwatch.GetTimestamp"/>
/// after a warm-up (tiered JIT, caches, pools), and counts the bytes the thread allocated
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) over the measured calls.
/// </summary>
public static class Latency
{
    public static LatencyResult Measure<TIn, TOut>(string name, IReadOnlyList<TIn> items, Func<TIn, TOut> operation,
        TimeSpan warmup, CancellationToken cancellationToken)
    {
        if (items.Count == 0) throw new ArgumentException($"{name}: nothing to measure.");

        WarmUp(items, operation, warmup, cancellationToken);

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var ticks = new long[items.Count];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < items.Count; i++)
        {
            if ((i & 63) == 0) cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            var result = operation(items[i]);
            ticks[i] = Stopwatch.GetTimestamp() - start;
            Consume(result);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Array.Sort(ticks);
        var toUs = 1e6 / Stopwatch.Frequency;
        return new LatencyResult(name, items.Count,
            MedianUs: Percentile(ticks, 0.50) * toUs,
            P99Us: Percentile(ticks, 0.99) * toUs,
            MeanUs: ticks.Average() * toUs,
            AllocatedBytesPerCall: (double)allocated / items.Count);
    }

    /// <summary>Longest warm-up of one operation, whatever happens.</summary>
    public static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Runs the operation in rounds of up to 100 calls until it has run for at least
    /// <paramref name="minimum"/> and the median of two consecutive rounds agree within 5 %: tiered
    /// JIT keeps recompiling ML.NET's code for a few seconds, and a fixed warm-up of 0.5 s measured
    /// the scorer at three times its steady-state latency. Stops after <see cref="MaxWarmup"/>.
    /// </summary>
    private static void WarmUp<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, TOut> operation, TimeSpan minimum, CancellationToken cancellationToken)
    {
        const int roundSize = 100;
        var round = new long[roundSize];
        var clock = Stopwatch.StartNew();
        double previous = double.NaN;
        var stableRounds = 0;
        for (var i = 0; clock.Elapsed < MaxWarmup; )
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = 0;
            var roundStart = Stopwatch.GetTimestamp();
            for (; n < roundSize && Stopwatch.GetTimestamp() - roundStart < Stopwatch.Frequency / 4; n++, i++)
            {
                var start = Stopwatch.GetTimestamp();
                Consume(operation(items[i % items.Count]));
                round[n] = Stopwatch.GetTimestamp() - start;
            }
            Array.Sort(round, 0, n);
            var median = (double)round[n / 2];
            stableRounds = Math.Abs(median - previous) <= 0.05 * previous ? stableRounds + 1 : 0;
            previous = median;
            if (clock.Elapsed >= minimum && stableRounds >= 2) return;
        }
    }

    /// <summary>
    /// Calls <paramref name="step"/> until the JIT is quiet: in each of two consecutive half-second
    /// windows fewer than 20 methods were compiled (tiered JIT first runs ML.NET's code unoptimised for
    /// about two seconds, at four times its steady-state latency, and the latency looks stable all
    /// along), with at least <paramref name="minimum"/> and at most <paramref name="maximum"/>.
    /// </summary>
    /// <returns>How long the warm-up took.</returns>
    public static TimeSpan WarmUpUntilJitQuiet(Action<int> step, TimeSpan minimum, TimeSpan maximum, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var windowEnd = TimeSpan.FromSeconds(0.5);
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quietWindows = 0;
        for (var i = 0; clock.Elapsed < maximum; i++)
        {
            if ((i & 15) == 0) cancellationToken.ThrowIfCancellationRequested();
            step(i);
            if (clock.Elapsed < windowEnd) continue;
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            quietWindows = now - compiled < 20 ? quietWindows + 1 : 0;
            compiled = now;
            windowEnd = clock.Elapsed + TimeSpan.FromSeconds(0.5);
            if (quietWindows >= 2 && clock.Elapsed >= minimum) break;
        }
        return clock.Elapsed;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Keeps a result alive so the JIT cannot drop the call that produced it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Consume<T>(T value) => Sink<T>.Value = value;

    private static class Sink<T>
    {
        public static T? Value;
    }
}
