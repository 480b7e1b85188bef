using Microsoft.ML;
using Microsoft.ML.Data;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Features;
using NetiquetteML.Scoring.Models;
using NetiquetteML.Scoring.Text;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Training.Learning;

/// <summary>One labelled comment as ML.NET trains on it: the feature vector, the labels and the weight of the optional one.</summary>
public sealed class TrainingRow
{
    [ColumnName(FeatureRow.FeatureColumn)]
    public VBuffer<float> Features { get; set; }

    public bool Offensive { get; set; }
    public bool OffTopic { get; set; }
    public bool Political { get; set; }
    public bool Commercial { get; set; }
    public bool Complaint { get; set; }

    /// <summary>0 when the row's file has no complaint column: the row must not teach that model either way.</summary>
    public float ComplaintWeight { get; set; }

    /// <summary>The column of these rows that holds <paramref name="category"/>'s label, for the learners.</summary>
    public static string LabelColumn(Category category) => category switch
    {
        Category.Offensive => nameof(Offensive),
        Category.OffTopic => nameof(OffTopic),
        Category.Political => nameof(Political),
        Category.Commercial => nameof(Commercial),
        Category.Complaint => nameof(Complaint),
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>The weight column of an optional category, null for the required ones (every row teaches them).</summary>
    public static string? WeightColumn(Category category) => category == Category.Complaint ? nameof(ComplaintWeight) : null;

    /// <summary>
    /// Vectorises <paramref name="inputs"/> with <paramref name="space"/> (the scorer's own code) into
    /// an in-memory data view labelled from <paramref name="rows"/>.
    /// </summary>
    public static IDataView Load(MLContext ml, FeatureSpace space, IReadOnlyList<ModelInput> inputs, IReadOnlyList<LabelledComment> rows)
    {
        var buffer = new FeatureBuffer();
        var data = new TrainingRow[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            space.Vectorize(inputs[i], buffer);
            data[i] = new TrainingRow
            {
                Features = buffer.ToVBuffer(),
                Offensive = rows[i].Offensive,
                OffTopic = rows[i].OffTopic,
                Political = rows[i].Political,
                Commercial = rows[i].Commercial,
                Complaint = rows[i].Label(Category.Complaint),
                ComplaintWeight = rows[i].HasLabel(Category.Complaint) ? 1f : 0f,
            };
        }
        return ml.Data.LoadFromEnumerable(data, FeatureRow.Schema<TrainingRow>(space.Count));
    }
}
