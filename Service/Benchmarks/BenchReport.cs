using System.Text.Json.Serialization;

namespace NetiquetteML.Service.Benchmarks;

public sealed record ScorerFigures(double MedianUs, double P99Us, double ScoreManyPerSecond);

public sealed record ScenarioFigures(string Kind, int Concurrency, int CommentsPerRequest, long Requests, long Errors,
    double RequestsPerSecond, double CommentsPerSecond, double P50Us, double P99Us, string? FirstError)
{
    public static ScenarioFigures From(string kind, int concurrency, int perRequest, LoadRun run)
    {
        var latencies = run.LatencyTicks;
        double Percentile(double p) => latencies.Length == 0 ? 0 : LoadBenchmark.ToUs(latencies[Math.Min(latencies.Length - 1, (int)(latencies.Length * p))]);
        var perSecond = run.Requests / run.Elapsed.TotalSeconds;
        return new ScenarioFigures(kind, concurrency, perRequest, run.Requests, run.Errors, perSecond, perSecond * perRequest, Percentile(0.5), Percentile(0.99), run.FirstError);
    }
}

public sealed record SoakFigures(long Requests, long Errors, double Seconds, double RequestsPerSecond,
    double WorkingSetStartMb, double WorkingSetMinMb, double WorkingSetMaxMb, double WorkingSetEndMb, List<double> WorkingSetSamplesMb);

public sealed record BenchReport(int Cores, string Runtime, int Comments, ScorerFigures InProcess, double ScoreManyBeforeBatchesPerSecond, double ScoreManyAtEndPerSecond,
    double ScoreManyReferencePerSecond, List<ScenarioFigures> Scenarios, SoakFigures? Soak,
    double SingleOverheadMedianUs, bool SingleOverheadTargetMet, double BatchShareOfScoreMany, bool BatchShareTargetMet, long Errors);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BenchReport))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
