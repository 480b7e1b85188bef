using Microsoft.ML;
using Microsoft.ML.Trainers;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Training.Benchmarks;

/// <summary>
/// What a developer writes first: ML.NET's default <c>FeaturizeText("Features", "Text")</c> on the
/// raw comment and an SDCA logistic regression on the <c>offensive</c> label, used through one
/// <see cref="PredictionEngine{TSrc,TDst}"/>. No normalisation, no post, no rules, one category:
/// the reference the full scorer's cost is compared with.
/// </summary>
public sealed class BaselineModel
{
    public sealed class Input
    {
        public string Text { get; set; } = string.Empty;
        public bool Label { get; set; }
    }

    public sealed class Output
    {
        public bool PredictedLabel { get; set; }
        public float Probability { get; set; }
        public float Score { get; set; }
    }

    private readonly PredictionEngine<Input, Output> _engine;

    private BaselineModel(PredictionEngine<Input, Output> engine, TimeSpan trainingTime)
    {
        _engine = engine;
        TrainingTime = trainingTime;
    }

    public TimeSpan TrainingTime { get; }

    /// <summary>Trains quickly (few SDCA passes) on all rows; the baseline's accuracy is not what is measured.</summary>
    public static BaselineModel Train(IReadOnlyList<LabelledComment> rows)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new Input { Text = r.Text, Label = r.Offensive }));
        var pipeline = ml.Transforms.Text.FeaturizeText("Features", nameof(Input.Text))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(Input.Label),
                FeatureColumnName = "Features",
                MaximumNumberOfIterations = 10,
                NumberOfThreads = 1,
            }));
        var model = pipeline.Fit(data);
        return new BaselineModel(ml.Model.CreatePredictionEngine<Input, Output>(model), clock.Elapsed);
    }

    /// <summary>One prediction, as the naive app would call it: a new input object per comment.</summary>
    public Output Predict(string text) => _engine.Predict(new Input { Text = text });
}
