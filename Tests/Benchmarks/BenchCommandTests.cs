using System.Text.Json;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Benchmarks;

/// <summary>
/// `bench` runs end to end on the shared small bundle and writes every required figure. Timings are
/// machine-dependent: nothing here asserts on a duration or a rate, only that the figures exist.
/// </summary>
[Collection(CliCollection.Name)]
public class BenchCommandTests
{
    private static readonly string[] RequiredKeys =
    [
        "baseline_us_median", "scorer_us_median", "scorer_us_p99", "rules_us_median", "ratio_scorer_to_baseline",
        "batch_comments_per_second", "batch_peak_working_set_mb",
        "baseline_long_us_median", "scorer_long_us_median", "scorer_long_us_p99", "rules_long_us_median", "ratio_scorer_to_baseline_long",
        "baseline_alloc_bytes_per_comment", "scorer_alloc_bytes_per_comment", "rules_alloc_bytes_per_comment",
        "scorer_long_alloc_bytes_per_comment", "scorer_comments_per_second",
    ];

    [Fact]
    public void Bench_writes_every_required_figure_as_a_positive_number()
    {
        using var dir = new TempDirectory();
        var json = dir.File("bench/figures.json");

        var result = CliRunner.Run("bench", "--model", TrainedBundle.Shared.Directory, "--json", json, "--batch-size", "20000");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.True(File.Exists(json), result.All);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        foreach (var key in RequiredKeys)
        {
            Assert.True(root.TryGetProperty(key, out var value), $"missing '{key}' in {json}");
            Assert.Equal(JsonValueKind.Number, value.ValueKind);
            Assert.True(value.GetDouble() > 0, $"'{key}' is {value.GetDouble()}, expected a positive number");
        }
        Assert.Equal(20000, root.GetProperty("batch_comments_requested").GetInt64());
        Assert.Contains("full scorer", result.Out);
        Assert.Contains("comments/s", result.Out);
    }

    [Fact]
    public void Invalid_options_are_user_errors()
    {
        var result = CliRunner.Run("bench", "--model", Repo.ShippedBundle, "--batch-size", "0");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--batch-size", result.Error);
    }

    [Fact]
    public void A_missing_bundle_is_an_invalid_bundle()
    {
        using var dir = new TempDirectory();
        var result = CliRunner.Run("bench", "--model", dir.File("nothing-here"), "--batch-size", "1000");
        Assert.Equal(2, result.ExitCode);
    }
}
