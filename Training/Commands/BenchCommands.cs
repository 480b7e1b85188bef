using NetiquetteML.Scoring;
using NetiquetteML.Training.Benchmarks;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Training.Commands;

/// <summary>Performance measurements of scoring and training (issue 8).</summary>
public sealed class BenchCommands
{
    /// <summary>
    /// Measure scoring cost: per-comment latency (median, p99), throughput and allocations of a naive ML.NET
    /// baseline, of the full scorer and of the rules, on typical and on 2,000-character comments; then batch
    /// throughput and memory of ScoreMany on all cores. With --training, measure training cost instead.
    /// Run it in Release: dotnet run --project Training -c Release -- bench
    /// </summary>
    /// <param name="model">Bundle folder to measure.</param>
    /// <param name="json">Also write every figure as one JSON object to this file.</param>
    /// <param name="training">Measure training time and peak memory at growing corpus sizes instead of scoring (about a minute and a half with the defaults).</param>
    /// <param name="batchSize">Comments scored by the batch part, generated lazily by repeating Data/comments.csv.</param>
    /// <param name="batchSeconds">Time budget of the batch part; when the batch does not fit, its rate is measured on what was scored and the total time extrapolated (the output says so).</param>
    /// <param name="trainingSizes">With --training: corpus sizes, comma-separated (the corpus repeated with light noise).</param>
    /// <param name="trainingMinutes">With --training: a size whose projected time exceeds this many minutes is skipped (and reported).</param>
    /// <param name="trainingFolds">With --training: cross-validation folds of ModelTrainer.</param>
    /// <param name="trainingLearners">With --training: learners compared by ModelTrainer, comma-separated, or auto as train chooses them.</param>
    /// <param name="trainingTrees">With --training: number of FastTree trees.</param>
    public int Bench(string model = RepoPaths.DefaultModel, string? json = null, bool training = false, long batchSize = 1_000_000,
        double batchSeconds = 40, string trainingSizes = "10000,50000,200000", double trainingMinutes = 20,
        int trainingFolds = TrainingBenchDefaults.Folds, string trainingLearners = TrainingBenchDefaults.Learners,
        int trainingTrees = TrainingBenchDefaults.Trees, CancellationToken cancellationToken = default) => CommandGuard.Run(() =>
    {
        if (batchSize <= 0) throw new InputException("--batch-size doit être positif.", "--batch-size must be positive.");
        if (batchSeconds <= 0) throw new InputException("--batch-seconds doit être positif.", "--batch-seconds must be positive.");
        var dataFile = RepoPaths.Resolve(Path.Combine(RepoPaths.DefaultData, "comments.csv"));
        if (!File.Exists(dataFile)) throw new InputException($"{dataFile} : le corpus d'où le banc d'essai tire ses commentaires est absent.", $"{dataFile}: the corpus the benchmark draws its comments from is missing.");

        if (training)
        {
            RunTraining(dataFile, json, ParseSizes(trainingSizes), trainingMinutes, trainingFolds, trainingLearners, trainingTrees, cancellationToken);
            return ExitCodes.Success;
        }

        var options = new ScoringBenchmarkOptions
        {
            ModelDirectory = RepoPaths.Resolve(model),
            DataFile = dataFile,
            BatchSize = batchSize,
            BatchBudget = TimeSpan.FromSeconds(batchSeconds),
        };
        var figures = new ScoringBenchmark(options, SafeConsole.Out).Run(cancellationToken);
        SafeConsole.Out(BenchReport.Scoring(figures));
        if (json is not null)
        {
            figures.WriteJson(json);
            SafeConsole.Out($"figures written to {json}");
        }
        return ExitCodes.Success;
    });

    private static void RunTraining(string dataFile, string? json, IReadOnlyList<int> sizes, double minutes, int folds, string learners, int trees, CancellationToken ct)
    {
        if (minutes <= 0) throw new InputException("--training-minutes doit être positif.", "--training-minutes must be positive.");
        if (folds < 2) throw new InputException("--training-folds doit valoir au moins 2.", "--training-folds must be at least 2.");
        if (trees < 1) throw new InputException("--training-trees doit être positif.", "--training-trees must be positive.");
        var kinds = Learners.Parse(learners, "--training-learners");
        var options = new TrainingOptions
        {
            Folds = folds,
            Learners = kinds,
            LearnerSettings = new LearnerSettings { FastTreeTrees = trees },
        };
        var configuration = $"{folds} folds, learners " + (kinds is null
            ? $"{Learners.Automatic} as in train (FastTree compared up to {options.FastTreeRowLimit:N0} training rows)"
            : string.Join("+", kinds)) + $", {trees} FastTree trees";
        SafeConsole.Out($"bench --training: ModelTrainer with {configuration}; sizes {string.Join(", ", sizes.Select(s => s.ToString("N0")))}; {Environment.ProcessorCount} cores.");
        var corpus = BenchCorpus.Load(dataFile);
        var runs = new TrainingBenchmark(options, TimeSpan.FromMinutes(minutes), SafeConsole.Out).Run(corpus, sizes, ct);
        SafeConsole.Out(BenchReport.Training(runs, configuration, corpus.Rows.Count));
        if (json is null) return;
        var figures = new BenchFigures();
        figures.Set("training_configuration", configuration);
        figures.Set("processor_count", (long)Environment.ProcessorCount);
        foreach (var run in runs)
        {
            var key = $"training_{run.Comments / 1000}k";
            figures.Set(key + "_learners", run.Learners);
            if (run.Skipped is not null) { figures.Set(key + "_skipped", run.Skipped); continue; }
            figures.Set(key + "_seconds", run.Seconds);
            figures.Set(key + "_peak_working_set_mb", run.PeakWorkingSetMb);
            figures.Set(key + "_allocated_gb", run.AllocatedGb);
        }
        figures.WriteJson(json);
        SafeConsole.Out($"figures written to {json}");
    }

    private static IReadOnlyList<int> ParseSizes(string sizes)
    {
        var result = new List<int>();
        foreach (var part in sizes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part.Replace("_", ""), out var n) || n < 100)
                throw new InputException($"--training-sizes : « {part} » n'est pas une taille d'au moins 100 commentaires.", $"--training-sizes: '{part}' is not a size of at least 100 comments.");
            result.Add(n);
        }
        if (result.Count == 0) throw new InputException("--training-sizes demande au moins une taille.", "--training-sizes needs at least one size.");
        return result.Order().ToList();
    }

}

/// <summary>The configuration `bench --training` uses unless told otherwise: train's own.</summary>
public static class TrainingBenchDefaults
{
    public const int Folds = 4;
    public const string Learners = Learning.Learners.Automatic;
    public const int Trees = LearnerSettings.DefaultFastTreeTrees;
}
