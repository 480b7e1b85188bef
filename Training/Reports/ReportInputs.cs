using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Training.Commands;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Training.Reports;

/// <summary>The labelled rows a report or a notebook evaluates, with where they come from.</summary>
/// <param name="Rows">The rows, as <c>evaluate</c> reads them.</param>
/// <param name="Source">The file name, or « held-out » for the bundle's held-out test split.</param>
/// <param name="Sha256">SHA-256 of the file; for the held-out split, the bundle's training-data hash (which fixes those rows).</param>
/// <param name="HeldOut">True when the rows are the bundle's held-out test split.</param>
public sealed record EvaluationData(IReadOnlyList<LabelledComment> Rows, string Source, string Sha256, bool HeldOut);

/// <summary>Resolves what a report or a notebook evaluates, with the same defaults as <c>evaluate</c>.</summary>
public static class ReportInputs
{
    public const string HeldOutSource = "held-out";

    /// <summary>The rows of <paramref name="data"/>, or the bundle's held-out rows when it is null (the rows <c>evaluate</c> uses).</summary>
    public static EvaluationData Load(BundleManifest manifest, string? data)
    {
        if (data is null) return new EvaluationData(NetiquetteCommands.EvaluationRows(manifest, null), HeldOutSource, manifest.TrainingData.Sha256, HeldOut: true);
        // The loader hashed the file's bytes as it read them: no second read.
        var file = LabelledCsvLoader.LoadOne(RepoPaths.Resolve(data));
        return new EvaluationData(file.Rows, Path.GetFileName(file.Path), file.Sha256, HeldOut: false);
    }

    /// <summary>reports/&lt;bundle name&gt;/ at the repository root (or under the current folder outside the repository).</summary>
    public static string DefaultOutput(BundleManifest manifest) =>
        Path.Combine(RepoPaths.FindRoot() ?? Directory.GetCurrentDirectory(), "reports", SafeFolderName(manifest.Name));

    private static string SafeFolderName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var cleaned = new string(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray()).Trim();
        return cleaned.Trim('.').Length == 0 ? "bundle" : cleaned;
    }
}
