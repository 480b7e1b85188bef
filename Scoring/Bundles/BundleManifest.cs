using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetiquetteML.Scoring.Bundles;

/// <summary>
/// The manifest.json of a model bundle: what was trained, on what, how well, and the hashes
/// that let the scorer refuse a file that was changed after training.
/// </summary>
public sealed class BundleManifest
{
    /// <summary>The schema this code writes and reads. Version 1 bundles carried ML.NET's text featuriser, which this scorer no longer runs.</summary>
    public const int CurrentSchemaVersion = 2;

    public const string FileName = "manifest.json";

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;
    public string Name { get; set; } = "netiquette";
    public DateTimeOffset CreatedUtc { get; set; }
    public string ToolVersion { get; set; } = "";
    public int NormalizerVersion { get; set; }
    public List<string> Labels { get; set; } = [];
    public string ModelFile { get; set; } = "model.zip";
    public string FeatureFile { get; set; } = NetiquetteML.Scoring.Features.FeatureSpace.FileName;
    public FeatureInfo Features { get; set; } = new();
    public List<BundleFile> Files { get; set; } = [];
    public TrainingDataInfo TrainingData { get; set; } = new();
    public SplitInfo Split { get; set; } = new();
    public Dictionary<string, CategoryManifest> Categories { get; set; } = [];

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static BundleManifest FromJson(string json) =>
        JsonSerializer.Deserialize<BundleManifest>(json, JsonOptions) ?? throw new JsonException("manifest.json is empty (null).");

    public CategoryManifest For(Category category) =>
        Categories.TryGetValue(category.Name(), out var c)
            ? c
            : throw new BundleException($"manifest.json has no entry for the category '{category.Name()}'.");
}

/// <summary>The size of the feature vector the models read (see features.json).</summary>
public sealed class FeatureInfo
{
    public int WordNgrams { get; set; }
    public int CharNgrams { get; set; }
    public int Signals { get; set; }
    public int MinimumDocuments { get; set; }
}

public sealed class BundleFile
{
    public string Name { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public long Bytes { get; set; }
}

public sealed class TrainingDataInfo
{
    /// <summary>SHA-256 over the files' own hashes in name order: one value to compare with Data/.</summary>
    public string Sha256 { get; set; } = "";
    public List<DataFileInfo> Files { get; set; } = [];

    /// <summary>True when the files disagreed and the later file's labels were kept (`train --prefer-latest`): reading them back for evaluation must resolve them the same way.</summary>
    public bool PreferLatest { get; set; }
}

public sealed class DataFileInfo
{
    public string Name { get; set; } = "";
    public int Rows { get; set; }
    public string Sha256 { get; set; } = "";
}

public sealed class SplitInfo
{
    public int Seed { get; set; }
    public double TestFraction { get; set; }
    public int TrainRows { get; set; }
    public int TestRows { get; set; }
    public int TrainPosts { get; set; }
    public int TestPosts { get; set; }
    /// <summary>Ids of the held-out rows, so evaluate, report and compare can use the same rows.</summary>
    public List<string> TestIds { get; set; } = [];
}

public sealed class CategoryManifest
{
    public string Learner { get; set; } = "";
    public PlattCalibration Calibration { get; set; } = new();
    public Thresholds Thresholds { get; set; } = new();
    public Dictionary<string, double> CrossValidatedAveragePrecision { get; set; } = [];
    public CategoryMetrics? Test { get; set; }
}

/// <summary>p = 1 / (1 + exp(A·score + B)), fitted on out-of-fold scores.</summary>
public sealed class PlattCalibration
{
    public double A { get; set; } = -1;
    public double B { get; set; }

    public double Probability(double score)
    {
        var z = A * score + B;
        if (double.IsNaN(z)) return 0;
        return 1.0 / (1.0 + Math.Exp(Math.Clamp(z, -50, 50)));
    }
}

/// <summary>What a category's « à vérifier » threshold was chosen for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FlagObjective>))]
public enum FlagObjective
{
    /// <summary>The lowest threshold whose validation precision reaches <see cref="Thresholds.FlagPrecisionTarget"/> with 95 % confidence.</summary>
    Precision,

    /// <summary>The threshold of best validation F1: a missed comment and a needless review weigh alike.</summary>
    BestF1,
}

public sealed class Thresholds
{
    public double Flag { get; set; } = 0.5;
    /// <summary>Absent from bundles written before 2026-12-03, which all chose their flag for precision.</summary>
    public FlagObjective FlagObjective { get; set; } = FlagObjective.Precision;
    public double Remove { get; set; } = 1.01;
    public double FlagPrecisionTarget { get; set; } = 0.90;
    public double RemovePrecisionTarget { get; set; } = 0.97;
    public bool FlagTargetReached { get; set; }
    public bool RemoveTargetReached { get; set; }
    /// <summary>Precision and recall measured on validation data at each threshold.</summary>
    public double FlagValidationPrecision { get; set; }
    public double FlagValidationRecall { get; set; }
    public double RemoveValidationPrecision { get; set; }
    public double RemoveValidationRecall { get; set; }
}

public sealed class CategoryMetrics
{
    public int Support { get; set; }
    public int Rows { get; set; }
    public double Precision { get; set; }
    public double Recall { get; set; }
    public double F1 { get; set; }
    public double AveragePrecision { get; set; }
    /// <summary>Area under the ROC curve (0 when the rows hold only one class).</summary>
    public double RocAuc { get; set; }
    public int TruePositives { get; set; }
    public int FalsePositives { get; set; }
    public int FalseNegatives { get; set; }
    public int TrueNegatives { get; set; }
    /// <summary>Precision and recall of the comments at or above the remove threshold.</summary>
    public double RemovePrecision { get; set; }
    public double RemoveRecall { get; set; }
}
