using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Features;
using NetiquetteML.Scoring.Models;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Scoring.Rules;
using NetiquetteML.Scoring.Text;

namespace NetiquetteML.Training.Benchmarks;

public sealed class ScoringBenchmarkOptions
{
    public required string ModelDirectory { get; init; }
    public required string DataFile { get; init; }
    /// <summary>Comments scored by the batch part (generated lazily).</summary>
    public long BatchSize { get; init; } = 1_000_000;
    /// <summary>Longest the batch part may run; past it the rate is measured on what was scored and extrapolated.</summary>
    public TimeSpan BatchBudget { get; init; } = TimeSpan.FromSeconds(40);
    /// <summary>Typical comments measured per single-thread part.</summary>
    public int TypicalSamples { get; init; } = 3000;
    /// <summary>Long comments measured per single-thread part.</summary>
    public int LongSamples { get; init; } = 300;
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(0.2); // per measurement, after the JIT-quiet warm-up of all parts
}

/// <summary>
/// The default `bench` run: single-thread latency of the naive baseline, of the full scorer and of
/// the rules alone, on typical and on long comments; a stage breakdown of the scorer; then batch
/// throughput and memory of <see cref="NetiquetteScorer.ScoreMany(IEnumerable{Comment}, int, CancellationToken)"/> on all cores.
/// </summary>
public sealed class ScoringBenchmark(ScoringBenchmarkOptions options, Action<string> report)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly BenchFigures _figures = new();

    public BenchFigures Run(CancellationToken cancellationToken)
    {
        RecordEnvironment();

        Progress($"loading the corpus {options.DataFile}");
        var corpus = BenchCorpus.Load(options.DataFile);
        var typical = corpus.Typical(options.TypicalSamples);
        var longOnes = corpus.Long(options.LongSamples);
        var lengths = corpus.Rows.Select(r => r.Text.Length).Order().ToArray();
        _figures.Set("corpus_comments", corpus.Rows.Count);
        _figures.Set("corpus_median_chars", (long)lengths[lengths.Length / 2]);
        _figures.Set("typical_samples", typical.Count);
        _figures.Set("long_samples", longOnes.Count);
        _figures.Set("long_chars", BenchCorpus.LongLength);

        Progress($"loading the bundle {options.ModelDirectory}");
        var loadClock = Stopwatch.StartNew();
        var scorer = NetiquetteScorer.Load(options.ModelDirectory);
        _figures.Set("scorer_load_seconds", loadClock.Elapsed.TotalSeconds);
        _figures.Set("bundle_learners", string.Join(",", Categories.All.Select(c => $"{c.Name()}:{scorer.Bundle.Manifest.For(c).Learner}")));

        Progress($"training the baseline (FeaturizeText + SdcaLogisticRegression, offensive) on {corpus.Rows.Count} comments");
        var baseline = BaselineModel.Train(corpus.Rows);
        _figures.Set("baseline_training_seconds", baseline.TrainingTime.TotalSeconds);

        Progress("warm-up: scorer, baseline and rules, on typical and long comments, until the JIT is quiet");
        var warmRules = new RulesOnly(scorer.PersonalInfo, scorer.Shouting);
        var warmed = Latency.WarmUpUntilJitQuiet(i =>
        {
            var c = (i & 7) == 7 ? longOnes[i % longOnes.Count] : typical[i % typical.Count];
            scorer.Score(c);
            baseline.Predict(c.Text);
            warmRules.Apply(c);
        }, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15), cancellationToken);
        _figures.Set("warmup_seconds", warmed.TotalSeconds);

        var sets = new[] { ("", typical), ("_long", longOnes) };
        foreach (var (suffix, comments) in sets)
        {
            var what = suffix == "" ? $"{comments.Count} typical comments" : $"{comments.Count} long comments";
            Progress($"1. baseline on {what}");
            var b = Latency.Measure("baseline", comments, c => baseline.Predict(c.Text), options.Warmup, cancellationToken);
            _figures.Set("baseline" + suffix, b);
            Progress($"2. full scorer on {what}");
            var s = Latency.Measure("scorer", comments, scorer.Score, options.Warmup, cancellationToken);
            _figures.Set("scorer" + suffix, s);
            Progress($"3. rules on {what}");
            var rules = new RulesOnly(scorer.PersonalInfo, scorer.Shouting);
            var r = Latency.Measure("rules", comments, rules.Apply, options.Warmup, cancellationToken);
            _figures.Set("rules" + suffix, r);
            _figures.Set("ratio_scorer_to_baseline" + suffix, s.MedianUs / b.MedianUs);

            Progress($"   stage breakdown on {what}");
            Breakdown(scorer, comments, suffix, cancellationToken);
            Progress($"   explanations: the flagged ones among the {what}, with and without");
            ExplanationCost(scorer, comments, suffix, cancellationToken);
            if (suffix == "") HistoryBenchmark.Run(scorer, comments, _figures, options.Warmup, Progress, cancellationToken);
        }

        // Nothing of the single-thread parts is needed any more: let the batch start from a clean heap.
        baseline = null!;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Batch(scorer, corpus, cancellationToken);
        _figures.Set("process_peak_working_set_mb", MemorySampler.Mb(Process.GetCurrentProcess().PeakWorkingSet64));
        if (LoadAverage() is { } load) _figures.Set("load_average_1min_at_end", load);
        _figures.Set("total_seconds", _clock.Elapsed.TotalSeconds);
        return _figures;
    }

    /// <summary>
    /// Where the full scorer's time goes, stage by stage: normalising the comment and its post, the
    /// comment's model input (normalised text and signals, with and without the post), turning it
    /// into the feature vector, the bundle's ML.NET chain on that vector (what the compiled models
    /// replace), and the rules.
    /// </summary>
    private void Breakdown(NetiquetteScorer scorer, IReadOnlyList<Comment> comments, string suffix, CancellationToken ct)
    {
        var warmup = TimeSpan.FromTicks(options.Warmup.Ticks / 2); // the scorer's code is warm already
        // Half the comments are plenty to see where the time goes, and keep the run short.
        comments = comments.Take(Math.Max(100, comments.Count / 2)).ToList();
        _figures.Set("breakdown_samples" + suffix, (long)comments.Count);
        var withPost = comments.Where(c => c.Post is not null).ToList();
        var space = scorer.Bundle.Features;
        var inputs = comments.Select(c => CommentFeaturizer.ToModelInput(c, space.Associations)).ToList();
        _figures.Set("model_feature_count", (long)space.Count);

        Set("stage_normalize_text", Latency.Measure("normalize text", comments, c => TextNormalizer.Normalize(c.Text), warmup, ct));
        if (withPost.Count > 0)
            Set("stage_normalize_post", Latency.Measure("normalize post", withPost, c => TextNormalizer.Normalize(c.Post), warmup, ct));
        Set("stage_model_input", Latency.Measure("model input, post prepared anew", comments, c => CommentFeaturizer.ToModelInput(c, space.Associations), warmup, ct));
        var posts = new PostCache();
        foreach (var c in comments) posts.Get(c.Post);
        Set("stage_model_input_cached_post", Latency.Measure("model input, post cached", comments,
            c => CommentFeaturizer.ToModelInput(c, posts.Get(c.Post), space.Associations), warmup, ct));
        var withoutPost = comments.Select(c => c with { Post = null }).ToList();
        Set("stage_model_input_without_post", Latency.Measure("model input without post", withoutPost, c => CommentFeaturizer.ToModelInput(c, space.Associations), warmup, ct));

        var buffer = new FeatureBuffer();
        Set("stage_vectorize", Latency.Measure("feature vector", inputs, i => { space.Vectorize(i, buffer); return buffer; }, warmup, ct));

        if (CompiledModels.TryCompile(scorer.Bundle.Model, space.Count) is { } compiled)
        {
            // Timed with the vector just built, as the scorer runs them: vectors prepared in advance
            // would be cold in the cache (1,500 of them, 18 KB each) and overstate the models.
            var raw = new float[Categories.All.Count];
            Set("stage_vectorize_and_compiled_models", Latency.Measure("feature vector + four models, compiled", inputs,
                i => { space.Vectorize(i, buffer); compiled.Score(buffer, raw); return raw; }, warmup, ct));
        }

        var ml = new MLContext(seed: 1);
        var engine = ml.Model.CreatePredictionEngine<FeatureRow, ModelOutput>(scorer.Bundle.Model,
            new PredictionEngineOptions { OwnsTransformer = false, InputSchemaDefinition = FeatureRow.Schema<FeatureRow>(space.Count) });
        var vectors = inputs.Select(i => { space.Vectorize(i, buffer); return new FeatureRow { Features = buffer.ToVBuffer() }; }).ToList();
        Set("stage_mlnet_models", Latency.Measure("four models, ML.NET chain (the compiled path replaces it)", vectors, engine.Predict, warmup, ct));

        var rules = new RulesOnly(scorer.PersonalInfo, scorer.Shouting);
        Set("stage_rules", Latency.Measure("rules", comments, rules.Apply, warmup, ct));

        void Set(string key, LatencyResult r) => _figures.Set(key + suffix, r);
    }

    /// <summary>
    /// What explanations cost a flagged comment: the same comments scored without any, with the
    /// flagged categories explained (the default of <see cref="NetiquetteScorer.Score(Comment)"/>), and
    /// with every category explained. An allowed comment is never explained, so it pays nothing.
    /// </summary>
    private void ExplanationCost(NetiquetteScorer scorer, IReadOnlyList<Comment> comments, string suffix, CancellationToken ct)
    {
        var flagged = comments.Where(c => scorer.Score(c, Explanations.None).Categories.Any(x => x.Flagged)).ToList();
        _figures.Set("flagged_samples" + suffix, (long)flagged.Count);
        if (flagged.Count == 0) return;
        var warmup = TimeSpan.FromTicks(options.Warmup.Ticks / 2);
        var without = Latency.Measure("flagged, no explanation", flagged, c => scorer.Score(c, Explanations.None), warmup, ct);
        var with = Latency.Measure("flagged, flagged categories explained", flagged, c => scorer.Score(c, Explanations.Flagged), warmup, ct);
        var all = Latency.Measure("flagged, every category explained", flagged, c => scorer.Score(c, Explanations.All), warmup, ct);
        _figures.Set("explain_none" + suffix, without);
        _figures.Set("explain_flagged" + suffix, with);
        _figures.Set("explain_all" + suffix, all);
        _figures.Set("explanation_cost_ratio" + suffix, with.MedianUs / without.MedianUs);
        ExplanationStages(scorer, flagged, suffix, warmup, ct);
    }

    /// <summary>
    /// Two stages of an explanation timed alone on the flagged comments: the normaliser run again
    /// with its map (what places words on what was typed), and the exact contributions of the
    /// flagged categories (interventional TreeSHAP), timed with the vector and the models they read
    /// (compare with the stage « feature vector + compiled models »). The rest is locating the
    /// credited n-grams, placing them on words, and the evidence objects.
    /// </summary>
    private void ExplanationStages(NetiquetteScorer scorer, IReadOnlyList<Comment> flagged, string suffix, TimeSpan warmup, CancellationToken ct)
    {
        var space = scorer.Bundle.Features;
        if (CompiledModels.TryCompile(scorer.Bundle.Model, space.Count) is not { } compiled) return;
        _figures.Set("explain_stage_normalize_with_map" + suffix,
            Latency.Measure("normaliser with its map", flagged, c => TextNormalizer.NormalizeWithMap(c.Text), warmup, ct));
        var posts = new PostCache();
        var cases = flagged.Select(c => (Input: CommentFeaturizer.ToModelInput(c, posts.Get(c.Post), space.Associations),
            Categories: scorer.Score(c, Explanations.None).Categories.Where(x => x.Flagged).Select(x => (int)x.Category).ToArray())).ToList();
        var explainer = new Explainer(compiled, space);
        var buffer = new FeatureBuffer();
        var raw = new float[Categories.All.Count];
        var leaves = new ulong[compiled.TreeCount];
        var sums = new ContributionSums();
        _figures.Set("explain_stage_vector_models_contributions" + suffix, Latency.Measure("vector, models, contributions of the flagged categories", cases, x =>
        {
            space.Vectorize(x.Input, buffer);
            compiled.Score(buffer, raw, leaves);
            var bias = 0.0;
            foreach (var category in x.Categories)
            {
                sums.Reset(space.Count);
                bias += compiled.Contributions(category, buffer, leaves, explainer.ReferenceFor(buffer), sums);
            }
            return bias;
        }, warmup, ct));
        _figures.Set("explain_stage_vector_models" + suffix, Latency.Measure("vector, models (same comments)", cases, x =>
        {
            space.Vectorize(x.Input, buffer);
            compiled.Score(buffer, raw, leaves);
            return raw;
        }, warmup, ct));
    }

    private void Batch(NetiquetteScorer scorer, BenchCorpus corpus, CancellationToken ct)
    {
        var requested = options.BatchSize;
        Progress($"4. batch: ScoreMany over {requested:N0} comments generated lazily from the corpus, on {Environment.ProcessorCount} cores " +
                 $"(time budget {options.BatchBudget.TotalSeconds:0} s)");
        var process = Process.GetCurrentProcess();
        long scored = 0, removed = 0;
        var clock = Stopwatch.StartNew();
        var budgetTicks = options.BatchBudget.Ticks;
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var gen2Before = GC.CollectionCount(2);
        var nextReport = TimeSpan.FromSeconds(10);
        using (var sampler = new MemorySampler(() => Interlocked.Read(ref scored)))
        {
            foreach (var verdict in scorer.ScoreMany(corpus.Stream(requested, () => clock.Elapsed.Ticks >= budgetTicks), cancellationToken: ct))
            {
                if (verdict.Action == ModerationAction.Remove) removed++;
                Interlocked.Increment(ref scored);
                if (clock.Elapsed >= nextReport)
                {
                    Progress($"   {scored:N0} comments scored, {MemorySampler.Mb(Environment.WorkingSet):0} MB working set");
                    nextReport += TimeSpan.FromSeconds(10);
                }
            }
            clock.Stop();
            sampler.Dispose();

            process.Refresh();
            var seconds = clock.Elapsed.TotalSeconds;
            var rate = scored / seconds;
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            var extrapolated = scored < requested;
            _figures.Set("batch_comments_requested", requested);
            _figures.Set("batch_comments_scored", scored);
            _figures.Set("batch_extrapolated", extrapolated);
            _figures.Set("batch_seconds", seconds);
            _figures.Set("batch_seconds_for_requested", extrapolated ? requested / rate : seconds);
            _figures.Set("batch_comments_per_second", rate);
            _figures.Set("batch_cores", (long)Environment.ProcessorCount);
            _figures.Set("batch_cpu_utilisation", cpu / (seconds * Environment.ProcessorCount));
            _figures.Set("batch_alloc_bytes_per_comment", (double)(GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / Math.Max(1, scored));
            _figures.Set("batch_gen2_collections", (long)(GC.CollectionCount(2) - gen2Before));
            _figures.Set("batch_working_set_start_mb", MemorySampler.Mb(sampler.FirstBytes));
            _figures.Set("batch_peak_working_set_mb", MemorySampler.Mb(sampler.PeakBytes));
            // Same peak over the first and the second half of the comments: memory does not grow with the input.
            _figures.Set("batch_peak_working_set_first_half_mb", MemorySampler.Mb(sampler.PeakBetween(0, scored / 2.0)));
            _figures.Set("batch_peak_working_set_second_half_mb", MemorySampler.Mb(sampler.PeakBetween(scored / 2.0, double.MaxValue)));
            _figures.Set("batch_memory_samples", (long)sampler.SampleCount);
            _figures.Set("batch_removed_share", (double)removed / Math.Max(1, scored));
        }
    }

    private void RecordEnvironment()
    {
        var optimized = !(typeof(ScoringBenchmark).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
            .OfType<DebuggableAttribute>().FirstOrDefault()?.IsJITOptimizerDisabled ?? false);
        _figures.Set("build", optimized ? "Release" : "Debug");
        _figures.Set("processor_count", (long)Environment.ProcessorCount);
        _figures.Set("runtime", RuntimeInformation.FrameworkDescription);
        _figures.Set("os", RuntimeInformation.OSDescription);
        _figures.Set("server_gc", System.Runtime.GCSettings.IsServerGC);
        _figures.Set("measured_utc", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        if (LoadAverage() is { } load) _figures.Set("load_average_1min_at_start", load);
        if (!optimized) report("warning: this is a Debug build; run with -c Release for meaningful figures.");
    }

    /// <summary>The 1-minute load average on Linux: other processes competing for the cores skew every figure.</summary>
    internal static double? LoadAverage()
    {
        try
        {
            var text = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg") : null;
            return text is not null && double.TryParse(text.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void Progress(string message) => report($"[{_clock.Elapsed:mm\\:ss}] {message}");

    /// <summary>The rules exactly as the scorer runs them: personal information, shouting, redaction when something was found.</summary>
    private sealed class RulesOnly(PersonalInfoDetector detector, ShoutingRule shouting)
    {
        /// <summary>Both results are returned so that neither rule's work can be optimised away.</summary>
        public (string Redacted, bool Shouting) Apply(Comment comment)
        {
            var text = comment.Text ?? string.Empty;
            var findings = detector.Detect(text);
            var redacted = findings.Count > 0 ? Redactor.Redact(text, findings) : text;
            return (redacted, shouting.Evaluate(text).IsShouting);
        }
    }
}
