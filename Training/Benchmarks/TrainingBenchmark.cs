using System.Diagnostics;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Training.Benchmarks;

/// <summary>One training measurement; <see cref="Skipped"/> says why a size was not run.</summary>
public sealed record TrainingRun(int Comments, string Learners, double Seconds, double PeakWorkingSetMb, double AllocatedGb, string? Skipped = null);

/// <summary>
/// `bench --training`: the real <see cref="ModelTrainer"/> (split, grouped cross-validation,
/// calibration, thresholds, final fit of all four categories) on growing noisy repetitions of the
/// corpus, timing each size and sampling the working set while it runs. A size whose projected
/// time exceeds the budget is skipped and reported as such, so the run stays bounded.
/// </summary>
public sealed class TrainingBenchmark(TrainingOptions trainingOptions, TimeSpan budgetPerSize, Action<string> report)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public IReadOnlyList<TrainingRun> Run(BenchCorpus corpus, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        var runs = new List<TrainingRun>();
        // Warm-up (JIT, ML.NET's lazy initialisation), not reported: otherwise the first size pays for it.
        Progress("warm-up: 1,000 comments, SDCA only, 2 folds (not reported)");
        new ModelTrainer(new TrainingOptions { Folds = 2, Learners = [LearnerKind.SdcaLogisticRegression] }, _ => { })
            .Train(corpus.Noisy(1_000), cancellationToken);
        foreach (var size in sizes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The learners the trainer will compare at this size (its split holds out about
            // TestFraction of the comments): a projection only holds between runs that fit the same ones.
            var trainer = new ModelTrainer(trainingOptions, message => report($"   {size / 1000}k {message}"));
            var learners = Name(trainer.LearnersFor((int)(size * (1 - trainingOptions.TestFraction))));
            var projected = Project(runs.Where(r => r.Skipped is null && r.Learners == learners).ToList(), size);
            if (projected > budgetPerSize.TotalSeconds)
            {
                var why = $"projected ≈ {projected / 60:0} min from the smaller sizes, over the {budgetPerSize.TotalMinutes:0} min budget per size (--training-minutes)";
                Progress($"{size:N0} comments: skipped, {why}");
                runs.Add(new TrainingRun(size, learners, double.NaN, double.NaN, double.NaN, why));
                continue;
            }

            var rows = corpus.Noisy(size);
            Progress($"{size:N0} comments ({rows.Count / (double)corpus.Rows.Count:0.0}× the corpus, noisy copies): training all four categories" +
                     (double.IsFinite(projected) ? $", projected ≈ {projected:0} s" : ""));
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var clock = Stopwatch.StartNew();
            TrainingRun run;
            using (var sampler = new MemorySampler(interval: TimeSpan.FromMilliseconds(100)))
            {
                var trained = trainer.Train(rows, cancellationToken);
                clock.Stop();
                sampler.Dispose();
                run = new TrainingRun(size, Name(trained.LearnersCompared), clock.Elapsed.TotalSeconds, MemorySampler.Mb(sampler.PeakBytes),
                    (GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / 1e9);
            }
            runs.Add(run);
            Progress($"{size:N0} comments ({run.Learners}): {run.Seconds:0.0} s, peak working set {run.PeakWorkingSetMb:0} MB, {run.AllocatedGb:0.0} GB allocated");
        }
        return runs;
    }

    /// <summary>Time expected at <paramref name="size"/> from the measured sizes (power law through the last two; linear from one).</summary>
    private static double Project(List<TrainingRun> done, int size)
    {
        if (done.Count == 0) return double.NaN;
        var last = done[^1];
        var exponent = 1.0;
        if (done.Count >= 2)
        {
            var before = done[^2];
            exponent = Math.Max(1.0, Math.Log(last.Seconds / before.Seconds) / Math.Log((double)last.Comments / before.Comments));
        }
        return last.Seconds * Math.Pow((double)size / last.Comments, exponent);
    }

    private static string Name(IReadOnlyList<LearnerKind> learners) => string.Join("+", learners);

    private void Progress(string message) => report($"[{_clock.Elapsed:mm\\:ss}] {message}");
}
