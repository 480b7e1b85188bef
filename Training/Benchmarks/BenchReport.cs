using System.Globalization;
using System.Text;

namespace NetiquetteML.Training.Benchmarks;

/// <summary>The figures of a bench run as tables a person reads, with the targets of issue 8.</summary>
public static class BenchReport
{
    public const double TargetRatio = 2.0;
    public const double TargetBatchRate = 100_000;
    public const double TargetTraining50kSeconds = 60;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Scoring(BenchFigures f)
    {
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine($"bench: {S(f, "build")} build, {N(f, "processor_count")} cores, {S(f, "runtime")}, {(B(f, "server_gc") ? "server" : "workstation")} GC");
        sb.AppendLine($"bundle learners: {S(f, "bundle_learners")}");
        if (f.Get("load_average_1min_at_start") is double load)
        {
            var busy = load > D(f, "processor_count") ? " — other processes were competing for the cores: figures are pessimistic, re-run on an idle machine" : "";
            sb.AppendLine($"load average (1 min) at start {load:0.0}, at end {D(f, "load_average_1min_at_end"):0.0}{busy}");
        }
        sb.AppendLine($"comments: {N(f, "typical_samples")} typical ones drawn from {N(f, "corpus_comments")} of Data/comments.csv (median {N(f, "corpus_median_chars")} chars), " +
                      $"{N(f, "long_samples")} long ones ({N(f, "long_chars")} chars, real comments concatenated)");
        sb.AppendLine("single thread, per comment, after warm-up (allocations: bytes allocated by the thread per comment):");
        sb.AppendLine();
        sb.AppendLine($"{"",-34}{"typical comments",-44}{"long comments (2,000 chars)"}");
        sb.AppendLine($"{"part",-34}{Header()}{Header()}");
        Row(sb, f, "1. baseline (FeaturizeText+SDCA)", "baseline");
        Row(sb, f, "2. full scorer (Score)", "scorer");
        Row(sb, f, "3. rules only", "rules");
        sb.AppendLine($"{"ratio full scorer / baseline",-34}{X(D(f, "ratio_scorer_to_baseline")) + " (median)",-44}{X(D(f, "ratio_scorer_to_baseline_long"))} (median)");
        sb.AppendLine();
        sb.AppendLine($"where the scorer's time goes (each stage timed alone, on {N(f, "breakdown_samples")} typical and {N(f, "breakdown_samples_long")} long comments of the same sets):");
        Row(sb, f, "  normalise comment text", "stage_normalize_text");
        Row(sb, f, "  normalise post (when present)", "stage_normalize_post");
        Row(sb, f, "  model input, post prepared anew", "stage_model_input");
        Row(sb, f, "  model input, post cached (scorer)", "stage_model_input_cached_post");
        Row(sb, f, "  model input, post left out", "stage_model_input_without_post");
        Row(sb, f, "  feature vector (n-gram hashes)", "stage_vectorize");
        Row(sb, f, "  feature vector + compiled models", "stage_vectorize_and_compiled_models");
        Row(sb, f, "  four models on ML.NET (replaced)", "stage_mlnet_models");
        Row(sb, f, "  rules", "stage_rules");
        if (f.Get("model_feature_count") is long features) sb.AppendLine($"  (feature vector: {features:N0} dimensions)");
        sb.AppendLine();
        if (f.Get("flagged_samples") is long flagged)
        {
            sb.AppendLine($"explanations, on the flagged comments of the same sets ({flagged:N0} typical, {N(f, "flagged_samples_long")} long; an allowed comment is never explained):");
            Row(sb, f, "  Score, no explanation", "explain_none");
            Row(sb, f, "  Score, flagged explained (default)", "explain_flagged");
            Row(sb, f, "  Score, every category explained", "explain_all");
            sb.AppendLine($"{"  cost of default explanations",-34}{X(D(f, "explanation_cost_ratio")) + " (median)",-44}{(f.Get("explanation_cost_ratio_long") is null ? "" : X(D(f, "explanation_cost_ratio_long")) + " (median)")}");
            Row(sb, f, "  stage: normaliser with its map", "explain_stage_normalize_with_map");
            Row(sb, f, "  stage: vector, models", "explain_stage_vector_models");
            Row(sb, f, "   + contributions (flagged cat.)", "explain_stage_vector_models_contributions");
            sb.AppendLine();
        }
        if (f.Get("ratio_history_to_scorer") is double historyRatio)
        {
            sb.AppendLine($"moderation history (SQLite, WAL; {N(f, "batch_history_comments")} comments already in it, one a minute, {NetiquetteML.Training.Benchmarks.HistoryBenchmark.Authors} authors):");
            Row(sb, f, "2b. scorer + history, per call", "scorer_history");
            Row(sb, f, "    scorer alone, measured beside", "scorer_beside_history");
            Row(sb, f, "    history alone (verdict given)", "history_alone");
            sb.AppendLine($"{"    ratio with / without history",-34}{X(historyRatio)} (median), {X(D(f, "ratio_history_to_scorer_mean"))} (mean)");
            if (f.Get("history_cpu_us_per_call") is double historyCpu)
                sb.AppendLine($"{"    process CPU, writer included",-34}+{historyCpu:0.0} µs a call ({X(D(f, "ratio_history_cpu"))} the CPU of the scorer alone)");
            if (f.Get("ratio_history_write_through_to_scorer") is double writeThrough)
            {
                Row(sb, f, "    written at commit (interval 0)", "scorer_history_write_through");
                sb.AppendLine($"{"    ratio, written at commit",-34}{X(writeThrough)} (median; default: written behind every 10 ms)");
            }
            sb.AppendLine($"{"2c. batch, score --history",-34}{D(f, "batch_history_comments_per_second"):N0} comments/s against {D(f, "batch_plain_comments_per_second"):N0} without: {X(D(f, "ratio_batch_history_time"))} the time; " +
                          $"{D(f, "history_file_bytes_per_comment"):N0} bytes of history file per comment");
            sb.AppendLine();
        }

        var extrapolated = B(f, "batch_extrapolated");
        sb.AppendLine($"4. batch: NetiquetteScorer.ScoreMany on {N(f, "batch_cores")} cores, comments generated lazily (never held in memory)");
        sb.AppendLine($"   scored {L(f, "batch_comments_scored"):N0} comments in {D(f, "batch_seconds"):0.0} s: {D(f, "batch_comments_per_second"):N0} comments/s, " +
                      $"CPU use {D(f, "batch_cpu_utilisation"):P0} of all cores, {D(f, "batch_alloc_bytes_per_comment"):N0} B allocated per comment");
        if (extrapolated)
            sb.AppendLine($"   EXTRAPOLATED: {L(f, "batch_comments_requested"):N0} comments did not fit the time budget; at the measured rate they would take " +
                          $"≈ {D(f, "batch_seconds_for_requested"):N0} s. The rate is measured, the total time is extrapolated.");
        sb.AppendLine($"   working set: {D(f, "batch_working_set_start_mb"):0} MB at start, peak {D(f, "batch_peak_working_set_mb"):0} MB " +
                      $"(peak over the first half of the comments {D(f, "batch_peak_working_set_first_half_mb"):0} MB, second half {D(f, "batch_peak_working_set_second_half_mb"):0} MB); " +
                      $"process peak incl. loading and baseline training {D(f, "process_peak_working_set_mb"):0} MB");
        sb.AppendLine();
        sb.AppendLine("targets:");
        var ratio = D(f, "ratio_scorer_to_baseline");
        sb.AppendLine($"   full scorer median ≤ {TargetRatio:0}× baseline: {X(ratio)} -> {(ratio <= TargetRatio ? "met" : "MISSED")}");
        if (f.Get("ratio_history_to_scorer") is double withHistory)
            sb.AppendLine($"   verdict with history < 2× verdict without (median, one session per call): {X(withHistory)} -> {(withHistory < 2 ? "met" : "MISSED")}");
        var rate = D(f, "batch_comments_per_second");
        var cores = N(f, "batch_cores");
        sb.AppendLine($"   batch ≥ {TargetBatchRate:N0} comments/s on 2 cores: {rate:N0}/s on {cores} cores -> {(rate >= TargetBatchRate ? "met" : "MISSED")}");
        var first = D(f, "batch_peak_working_set_first_half_mb");
        var second = D(f, "batch_peak_working_set_second_half_mb");
        var flat = second <= first * 1.10 + 16;
        sb.AppendLine($"   batch memory independent of input size: peak {first:0} MB then {second:0} MB -> {(flat ? "met" : "MISSED (grows)")}");
        sb.AppendLine($"total {D(f, "total_seconds"):0} s");
        return sb.ToString();
    }

    public static string Training(IReadOnlyList<TrainingRun> runs, string configuration, int corpusRows)
    {
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine($"training cost (ModelTrainer: split, cross-validation, calibration, thresholds and final fit of all four categories; {configuration}):");
        sb.AppendLine($"{"comments",10}{"seconds",10}{"s per 1k",10}{"peak WS MB",12}{"alloc GB",10}  {"learners",-34}growth vs previous size (same learners)");
        TrainingRun? previous = null;
        foreach (var run in runs)
        {
            var growth = previous is null || previous.Learners != run.Learners ? "" :
                $"x{run.Seconds / previous.Seconds:0.0} time for x{(double)run.Comments / previous.Comments:0.0} comments " +
                $"(exponent {Math.Log(run.Seconds / previous.Seconds) / Math.Log((double)run.Comments / previous.Comments):0.00})";
            if (run.Skipped is not null)
            {
                sb.AppendLine($"{run.Comments,10:N0}  skipped ({run.Learners}): {run.Skipped}");
                continue;
            }
            sb.AppendLine($"{run.Comments,10:N0}{run.Seconds,10:0.0}{run.Seconds / run.Comments * 1000,10:0.00}{run.PeakWorkingSetMb,12:0}{run.AllocatedGb,10:0.0}  {run.Learners,-34}{growth}");
            previous = run;
        }
        var at50k = runs.FirstOrDefault(r => r.Comments == 50_000 && r.Skipped is null);
        if (at50k is not null)
        {
            var verdict = at50k.Seconds < TargetTraining50kSeconds ? "met" : "MISSED";
            sb.AppendLine($"target: 50k comments in under {TargetTraining50kSeconds:0} s: {at50k.Seconds:0} s -> {verdict} with this configuration ({at50k.Learners} at 50k)");
        }
        sb.AppendLine($"note: the repeats are noisy copies of {corpusRows:N0} comments, easier for SDCA to converge on than 200k distinct comments would be.");
        return sb.ToString();
    }

    private static string Header() => $"{"median µs",10}{"p99 µs",10}{"comments/s",12}{"alloc B",12}";

    private static void Row(StringBuilder sb, BenchFigures f, string label, string key)
    {
        if (f.Get(key + "_us_median") is null) return;
        sb.Append($"{label,-34}");
        foreach (var suffix in new[] { "", "_long" })
        {
            if (f.Get(key + suffix + "_us_median") is null) { sb.Append($"{"",44}"); continue; }
            sb.Append($"{Us(D(f, key + suffix + "_us_median")),10}{Us(D(f, key + suffix + "_us_p99")),10}" +
                      $"{D(f, key + suffix + "_comments_per_second"),12:N0}{D(f, key + suffix + "_alloc_bytes_per_comment"),12:N0}");
        }
        sb.AppendLine();
    }

    private static string Us(double us) => us >= 100 ? us.ToString("N0", Invariant) : us.ToString("0.0", Invariant);

    private static string X(double ratio) => ratio.ToString("0.00", Invariant) + "×";

    private static double D(BenchFigures f, string key) => f.Get(key) switch { double d => d, long l => l, _ => double.NaN };

    private static long L(BenchFigures f, string key) => f.Get(key) is long l ? l : 0;

    private static string N(BenchFigures f, string key) => f.Get(key)?.ToString() ?? "?";

    private static string S(BenchFigures f, string key) => f.Get(key)?.ToString() ?? "?";

    private static bool B(BenchFigures f, string key) => f.Get(key) is true;
}
