using Microsoft.ML;
using Microsoft.ML.Data;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Features;
using NetiquetteML.Scoring.Models;
using NetiquetteML.Scoring.Text;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Training.Learning;

/// <summary>One labelled comment as ML.NET trains on it: the feature vector and the four labels.</summary>
public sealed class TrainingRow
{
    [ColumnName(FeatureRow.FeatureColumn)]
    public VBuffer<float> Features { get; set; }

    public bool Offensive { get; set; }
    public bool OffTopic { get; set; }
    public bool Political { get; set; }
    public bool Commercial { get; set; }

    /// <summary>The column of these rows that holds <paramref name="category"/>'s label, for the learners.</summary>
    public static string LabelColumn(Category category) => category switch
    {
        Category.Offensive => nameof(Offensive),
        Category.OffTopic => nameof(OffTopic),
        Category.Political => nameof(Political),
        Category.Commercial => nameof(Commercial),
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

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
            };
        }
        return ml.Data.LoadFromEnumerable(data, FeatureRow.Schema<TrainingRow>(space.Count));
    }
}
