using Microsoft.ML.Data;

namespace NetiquetteML.Scoring.Text;

/// <summary>
/// What the models read: normalised text plus a few dense signals. Built by
/// <see cref="CommentFeaturizer"/> only, for training rows and for comments to score alike.
/// </summary>
public sealed class ModelInput
{
    public string Text { get; set; } = string.Empty;

    [VectorType(CommentFeaturizer.SignalCount)]
    public float[] Signals { get; set; } = new float[CommentFeaturizer.SignalCount];

    // Labels: set from the CSV in training, false when scoring.
    public bool Offensive { get; set; }
    public bool OffTopic { get; set; }
    public bool Political { get; set; }
    public bool Commercial { get; set; }
}

/// <summary>The raw (uncalibrated) score of each category's model, as one prediction.</summary>
public sealed class ModelOutput
{
    [ColumnName("offensive_score")] public float Offensive { get; set; }
    [ColumnName("off_topic_score")] public float OffTopic { get; set; }
    [ColumnName("political_score")] public float Political { get; set; }
    [ColumnName("commercial_score")] public float Commercial { get; set; }

    public float Get(Category category) => category switch
    {
        Category.Offensive => Offensive,
        Category.OffTopic => OffTopic,
        Category.Political => Political,
        Category.Commercial => Commercial,
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };
}
