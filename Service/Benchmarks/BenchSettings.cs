using System.Globalization;

namespace NetiquetteML.Service.Benchmarks;

/// <summary>The options of <c>bench</c>, read from its command line.</summary>
public sealed record BenchSettings
{
    public TimeSpan ScenarioDuration { get; init; } = TimeSpan.FromSeconds(5);
    public long SoakRequests { get; init; } = 1_000_000;
    public int SoakConcurrency { get; init; } = 16;
    public int BatchSize { get; init; } = 100;
    public int ScoreManyComments { get; init; } = 300_000;
    public int[] Concurrencies { get; init; } = [1, 16, 64];
    public string? JsonPath { get; init; }
    public string Model { get; init; } = "Models/netiquette";
    public string Data { get; init; } = "Data/comments.csv";

    public const string Help = """
        dotnet run --project Service -c Release -- bench [options]

        Measures the service on loopback (Kestrel on 127.0.0.1, a random port, in this process)
        against the in-process scorer, in the same run:
          - the scorer alone: Score() per comment on one thread (median, p99), ScoreMany on all cores;
          - POST /v1/moderate and /v1/moderate:batch at each concurrency: requests/s, comments/s, p50, p99;
          - a soak of --soak single requests: errors and the working set, sampled every second.

          --seconds N        seconds per scenario (default 5)
          --soak N           requests of the soak (default 1000000; 0 skips it)
          --soak-concurrency N   (default 16)
          --batch N          comments per batch request (default 100)
          --score-many N     comments given to ScoreMany for the in-process reference (default 300000)
          --concurrency 1,16,64
          --model DIR        bundle (default Models/netiquette)
          --data FILE        comments to send, a labels CSV with a text column (default Data/comments.csv)
          --json FILE        also write every figure as JSON
        """;

    public static BenchSettings? Parse(string[] args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--help" or "-h" => null,
                "--seconds" => settings with { ScenarioDuration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--soak" => settings with { SoakRequests = long.Parse(Next(), CultureInfo.InvariantCulture) },
                "--soak-concurrency" => settings with { SoakConcurrency = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--score-many" => settings with { ScoreManyComments = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--batch" => settings with { BatchSize = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--concurrency" => settings with { Concurrencies = Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray() },
                "--model" => settings with { Model = Next() },
                "--data" => settings with { Data = Next() },
                "--json" => settings with { JsonPath = Next() },
                _ => throw new ArgumentException($"unknown option '{args[i]}'. See bench --help."),
            };
            if (settings is null) return null;
        }
        return settings;
    }
}
