using NetiquetteML.Scoring;
using NetiquetteML.Training.Learning;
using NetiquetteML.Training.Reports;

namespace NetiquetteML.Training.Commands;

/// <summary>Reports for evaluators: precision, thresholds, charts and redacted errors of a bundle.</summary>
public sealed class ReportCommands
{
    /// <summary>Write a precision report (report.html, report.md, metrics.json and charts, in French) of a bundle on labelled comments.</summary>
    /// <param name="model">Bundle folder.</param>
    /// <param name="data">Labelled CSV file (default: the bundle's held-out test rows, as evaluate uses).</param>
    /// <param name="output">Report folder (default: reports/&lt;bundle name&gt;/); a metrics.json already there is compared with the new one, then replaced.</param>
    public int Report(string model = RepoPaths.DefaultModel, string? data = null, string? output = null,
        CancellationToken cancellationToken = default) => CommandGuard.Run(() =>
    {
        var scorer = NetiquetteScorer.Load(RepoPaths.Resolve(model));
        var manifest = scorer.Bundle.Manifest;
        var input = ReportInputs.Load(manifest, data);
        var folder = output ?? ReportInputs.DefaultOutput(manifest);
        var result = PrecisionReport.Write(scorer, input, folder, cancellationToken);

        SafeConsole.Out($"{input.Rows.Count} commentaires{(input.HeldOut ? " (le jeu de test mis de côté du modèle)" : $" de {data}")}, au seuil de signalement :");
        SafeConsole.Out(BundleEvaluator.Table(result.Metrics.Categories, manifest));
        if (result.Previous is not null)
            SafeConsole.Out($"Comparé au rapport précédent du {result.Previous.CreatedUtc:yyyy-MM-dd HH:mm} UTC (voir la section de comparaison du rapport).");
        var images = result.Files.Count(f => f.EndsWith(".png", StringComparison.Ordinal));
        SafeConsole.Out($"Rapport écrit dans {result.Folder}{Path.DirectorySeparatorChar} : {PrecisionReport.HtmlFile}, {PrecisionReport.MarkdownFile}, {ReportMetrics.FileName} et {images} graphiques.");
        return ExitCodes.Success;
    });
}
