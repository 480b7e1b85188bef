using System.Text.Json;
using NetiquetteML.Scoring.Bundles;

namespace NetiquetteML.Training.Reports;

/// <summary>
/// metrics.json, the machine-readable side of a report: per category exactly the numbers of
/// <see cref="Learning.BundleEvaluator.Metrics"/> (those <c>evaluate</c> prints), the bundle's
/// thresholds, the bundle's name and the evaluated data's hash and row count. The next report
/// written to the same folder reads it to show what changed.
/// </summary>
public sealed class ReportMetrics
{
    public const string FileName = "metrics.json";
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;
    public DateTimeOffset CreatedUtc { get; set; }
    public string BundleName { get; set; } = "";
    public DateTimeOffset BundleCreatedUtc { get; set; }
    public string ToolVersion { get; set; } = "";
    /// <summary>SHA-256 of the files the bundle was trained on.</summary>
    public string TrainingDataSha256 { get; set; } = "";
    /// <summary>The evaluated file's name, or « held-out » for the bundle's held-out test split.</summary>
    public string DataSource { get; set; } = "";
    /// <summary>SHA-256 of the evaluated file (for the held-out split: the training-data hash that fixes those rows).</summary>
    public string DataSha256 { get; set; } = "";
    public int Rows { get; set; }
    /// <summary>Per category: the same numbers as <c>BundleEvaluator.Metrics</c>, at the flag threshold.</summary>
    public Dictionary<string, CategoryMetrics> Categories { get; set; } = [];
    /// <summary>Per category: the bundle's operating thresholds, from its manifest.</summary>
    public Dictionary<string, Thresholds> Thresholds { get; set; } = [];
    /// <summary>Per category: expected calibration error over ten probability bins.</summary>
    public Dictionary<string, double> CalibrationError { get; set; } = [];
    /// <summary>Number of findings per personal-information kind (counts only).</summary>
    public Dictionary<string, int> PersonalInfoFindings { get; set; } = [];
    public int CommentsWithPersonalInfo { get; set; }
    public int ShoutingComments { get; set; }

    public string ToJson() => JsonSerializer.Serialize(this, BundleManifest.JsonOptions);

    public static ReportMetrics FromJson(string json) =>
        JsonSerializer.Deserialize<ReportMetrics>(json, BundleManifest.JsonOptions) ?? throw new JsonException("metrics.json is empty (null).");

    /// <summary>Reads the previous report's metrics in <paramref name="folder"/>; null when there is none or it cannot be read (<paramref name="problem"/> says why).</summary>
    public static ReportMetrics? TryRead(string folder, out string? problem)
    {
        problem = null;
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var previous = FromJson(File.ReadAllText(path));
            if (previous.SchemaVersion > CurrentSchemaVersion)
            {
                problem = $"{FileName} du rapport précédent est d'une version plus récente ({previous.SchemaVersion}).";
                return null;
            }
            return previous;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            problem = $"{FileName} du rapport précédent est illisible ({e.GetType().Name}).";
            return null;
        }
    }
}
