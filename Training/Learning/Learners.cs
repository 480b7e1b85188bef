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
    public int FastTreeTrees { get; init; } = 100;
    public int FastTreeLeaves { get; init; } = 16;
    public int FastTreeMinimumExamplesPerLeaf { get; init; } = 5;
    public double FastTreeLearningRate { get; init; } = 0.15;
    public int SdcaMaximumIterations { get; init; } = 60;
}

public static class Learners
{
    /// <summary>Parses a comma-separated list of learner names, as the commands' options take it.</summary>
    public static IReadOnlyList<LearnerKind> Parse(string learners, string option)
    {
        var result = new List<LearnerKind>();
        foreach (var name in learners.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<LearnerKind>(name, ignoreCase: true, out var kind))
                throw new ArgumentException($"{option}: unknown learner '{name}'; expected {string.Join(" or ", Enum.GetNames<LearnerKind>())}.");
            result.Add(kind);
        }
        if (result.Count == 0) throw new ArgumentException($"{option} needs at least one learner.");
        return result;
    }

    public static IEstimator<ITransformer> Create(MLContext ml, LearnerKind kind, string labelColumn, LearnerSettings settings, int seed) => kind switch
    {
        // One thread keeps SDCA deterministic: the same data and seed give the same bundle.
        LearnerKind.SdcaLogisticRegression => ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = labelColumn,
            FeatureColumnName = FeatureRow.FeatureColumn,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = settings.SdcaMaximumIterations,
            L2Regularization = 1e-4f,
            Shuffle = false,
        }),
        LearnerKind.FastTree => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = labelColumn,
            FeatureColumnName = FeatureRow.FeatureColumn,
            NumberOfTrees = settings.FastTreeTrees,
            NumberOfLeaves = settings.FastTreeLeaves,
            MinimumExampleCountPerLeaf = settings.FastTreeMinimumExamplesPerLeaf,
            LearningRate = settings.FastTreeLearningRate,
            Seed = seed,
            NumberOfThreads = 1,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
