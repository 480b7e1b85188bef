using System.Text.Json;
using NetiquetteML.Service.Benchmarks;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Service;

/// <summary>`bench` (Service) runs end to end on loopback in a short configuration and writes its figures as JSON.</summary>
public sealed class LoadBenchmarkTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_short_bench_measures_every_scenario_without_errors_and_writes_json()
    {
        var json = _dir.File("bench.json");

        var exit = await LoadBenchmark.RunAsync(["--seconds", "0.3", "--soak", "300", "--concurrency", "1,4", "--batch", "10", "--score-many", "20000", "--json", json]);

        Assert.Equal(0, exit);
        var report = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.Equal(0, report.GetProperty("errors").GetInt64());
        var scenarios = report.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(["single/1", "single/4", "batch/1", "batch/4"], scenarios.Select(s => $"{s.GetProperty("kind").GetString()}/{s.GetProperty("concurrency").GetInt32()}"));
        Assert.All(scenarios, s => Assert.True(s.GetProperty("requests").GetInt64() > 0 && s.GetProperty("p50Us").GetDouble() > 0));
        Assert.Equal(300, report.GetProperty("soak").GetProperty("requests").GetInt64());
        Assert.True(report.GetProperty("inProcess").GetProperty("scoreManyPerSecond").GetDouble() > 0);
    }

    [Fact]
    public async Task Help_and_bad_options_are_answered_without_running()
    {
        Assert.Equal(0, await LoadBenchmark.RunAsync(["--help"]));
        Assert.Equal(1, await LoadBenchmark.RunAsync(["--nonsense"]));
    }

    public void Dispose() => _dir.Dispose();
}
