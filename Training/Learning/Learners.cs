using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using NetiquetteML.Scoring.Models;

namespace NetiquetteML.Training.Learning;

/// <summary>The learners compared per category on the same folds.</summary>
public enum LearnerKind
{
    SdcaLogisticRegression,
    FastTree,
}

public sealed class LearnerSettings
{
    // Trees of 16 leaves at rate 0.25 on features cut into 8 bins: on the first corpus 60 of them
    // matched or beat 100 trees on 255 bins in cross-validated AP (coarse bins regularise). On the
    // widened corpus (9,373 comments) 120 trees beat 60 in cross-validated AP on every category
    // (+0.002 to +0.005), 3,000 n-grams per category did worse than 1,500 (off_topic 0.815 vs 0.831).
    public const int DefaultFastTreeTrees = 120;

    public int FastTreeTrees { get; init; } = DefaultFastTreeTrees;
    public int FastTreeLeaves { get; init; } = 16;
    // 10 examples per leaf, not 5: with parts AJ to AL one political fold model gave short comments
    // opening on a sacre raw scores of 75 to 112 (others stay within ±25), which put FastTree's
    // cross-validated political AP at 0.928 under SDCA's 0.939 although its held-out AP was 0.961.
    // At 10, cross-validated AP rose in every category (political 0.928 → 0.962, complaint 0.891 →
    // 0.902, off_topic 0.887 → 0.888, commercial 0.980 → 0.982, offensive 0.919 → 0.919).
    public int FastTreeMinimumExamplesPerLeaf { get; init; } = 10;
    public double FastTreeLearningRate { get; init; } = 0.25;
    public int FastTreeMaximumBins { get; init; } = 8;
    public int SdcaMaximumIterations { get; init; } = 60;
}

public static class Learners
{
    public const string Automatic = "auto";

    /// <summary>
    /// Parses a comma-separated list of learner names, as the commands' options take it;
    /// <see cref="Automatic"/> gives null, the trainer's own choice (<see cref="ModelTrainer.LearnersFor"/>).
    /// </summary>
    public static IReadOnlyList<LearnerKind>? Parse(string learners, string option)
    {
        if (learners.Trim().Equals(Automatic, StringComparison.OrdinalIgnoreCase)) return null;
        var result = new List<LearnerKind>();
        foreach (var name in learners.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<LearnerKind>(name, ignoreCase: true, out var kind))
                throw new ArgumentException($"{option}: unknown learner '{name}'; expected {Automatic}, or {string.Join(" or ", Enum.GetNames<LearnerKind>())} (comma-separated).");
            result.Add(kind);
        }
        if (result.Count == 0) throw new ArgumentException($"{option} needs at least one learner.");
        return result;
    }

    /// <param name="weightColumn">Example weights (0 for a row that does not label the category), or null when every row teaches.</param>
    public static IEstimator<ITransformer> Create(MLContext ml, LearnerKind kind, string labelColumn, LearnerSettings settings, int seed,
        string? weightColumn = null) => kind switch
    {
        // One thread keeps SDCA deterministic: the same data and seed give the same bundle.
        LearnerKind.SdcaLogisticRegression => ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = labelColumn,
            FeatureColumnName = FeatureRow.FeatureColumn,
            ExampleWeightColumnName = weightColumn,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = settings.SdcaMaximumIterations,
            L2Regularization = 1e-4f,
            Shuffle = false,
        }),
        LearnerKind.FastTree => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = labelColumn,
            FeatureColumnName = FeatureRow.FeatureColumn,
            ExampleWeightColumnName = weightColumn,
            NumberOfTrees = settings.FastTreeTrees,
            NumberOfLeaves = settings.FastTreeLeaves,
            MinimumExampleCountPerLeaf = settings.FastTreeMinimumExamplesPerLeaf,
            LearningRate = settings.FastTreeLearningRate,
            MaximumBinCountPerFeature = settings.FastTreeMaximumBins,
            Seed = seed,
            NumberOfThreads = 1,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
