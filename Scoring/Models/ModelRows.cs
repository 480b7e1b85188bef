using Microsoft.ML;
using Microsoft.ML.Data;

namespace NetiquetteML.Scoring.Models;

/// <summary>What the bundle's ML.NET chain reads: one comment's feature vector (see <see cref="Features.FeatureSpace"/>).</summary>
public sealed class FeatureRow
{
    public const string FeatureColumn = "Features";

    [ColumnName(FeatureColumn)]
    public VBuffer<float> Features { get; set; }

    /// <summary>The schema of <typeparamref name="TRow"/> with its feature vector sized to <paramref name="featureCount"/> (ML.NET needs a known size).</summary>
    public static SchemaDefinition Schema<TRow>(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(TRow));
        schema[FeatureColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }
}

/// <summary>The raw (uncalibrated) score of each category's model, as one prediction of the chain.</summary>
public sealed class ModelOutput
{
    [ColumnName("offensive_score")] public float Offensive { get; set; }
    [ColumnName("off_topic_score")] public float OffTopic { get; set; }
    [ColumnName("political_score")] public float Political { get; set; }
    [ColumnName("commercial_score")] public float Commercial { get; set; }
    [ColumnName("complaint_score")] public float Complaint { get; set; }

    public float Get(Category category) => category switch
    {
        Category.Offensive => Offensive,
        Category.OffTopic => OffTopic,
        Category.Political => Political,
        Category.Commercial => Commercial,
        Category.Complaint => Complaint,
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };
}
