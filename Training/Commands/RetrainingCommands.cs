using System.Globalization;
using CsvHelper;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Training.Bundles;
using NetiquetteML.Training.Data;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Training.Commands;

/// <summary>Retraining for analysts: compare a challenger with the bundle in service, promote it, roll back, and pick comments to label next.</summary>
public sealed class RetrainingCommands
{
    /// <summary>Compare a challenger bundle with the champion on the same held-out rows; exit 3 when it regresses.</summary>
    /// <param name="challenger">The newly trained bundle folder.</param>
    /// <param name="champion">The bundle in service.</param>
    /// <param name="data">Labelled CSV to compare on (default: the challenger's held-out rows that the champion did not train on).</param>
    /// <param name="tolerance">Largest drop of average precision or of F1 at the flag threshold, per category, that is not a regression.</param>
    /// <param name="all">List every comment whose action changed (default: the first 30).</param>
    public int Compare(string challenger, string champion = RepoPaths.DefaultModel, string? data = null, double tolerance = 0.02, bool all = false) => CommandGuard.Run(() =>
    {
        var comparison = RunComparison(challenger, champion, data, tolerance);
        foreach (var line in comparison.Describe(all ? null : 30)) SafeConsole.Out(line);
        return comparison.Passes ? ExitCodes.Success : ExitCodes.Regression;
    });

    /// <summary>Put a challenger in service if it does not regress; the previous bundle is archived under Models/archive/.</summary>
    /// <param name="challenger">The newly trained bundle folder.</param>
    /// <param name="champion">The bundle in service.</param>
    /// <param name="data">Labelled CSV to compare on (default: held-out rows).</param>
    /// <param name="tolerance">Largest drop per category that is not a regression.</param>
    /// <param name="force">Promote even if the comparison finds a regression.</param>
    public int Promote(string challenger, string champion = RepoPaths.DefaultModel, string? data = null, double tolerance = 0.02, bool force = false) => CommandGuard.Run(() =>
    {
        var championPath = RepoPaths.Resolve(champion);
        BundleStore.Recover(championPath);
        if (Directory.Exists(championPath))
        {
            var comparison = RunComparison(challenger, champion, data, tolerance);
            foreach (var line in comparison.Describe()) SafeConsole.Out(line);
            if (!comparison.Passes && !force)
            {
                SafeConsole.Error("promotion refusée : le challenger recule (--force pour promouvoir quand même). Le modèle en service est inchangé. / promotion refused: the challenger regresses (use --force to promote anyway); the bundle in service is unchanged.");
                return ExitCodes.Regression;
            }
        }
        var archived = BundleArchive.Promote(RepoPaths.Resolve(challenger), championPath);
        if (archived is null)
        {
            SafeConsole.Out($"{challenger} est déjà le modèle en service ({championPath}) : rien à faire, rien d'archivé.");
            return ExitCodes.Success;
        }
        SafeConsole.Out($"{challenger} promu en service ({championPath})" + (archived.Length > 0 ? $" ; l'ancien modèle est archivé sous {archived} (pour revenir en arrière : rollback)." : "."));
        return ExitCodes.Success;
    });

    /// <summary>Restore the most recently archived bundle (or --to NAME) as the bundle in service.</summary>
    /// <param name="champion">The bundle in service.</param>
    /// <param name="to">Name of the archive folder to restore (default: the latest).</param>
    public int Rollback(string champion = RepoPaths.DefaultModel, string? to = null) => CommandGuard.Run(() =>
    {
        var restored = BundleArchive.Rollback(RepoPaths.Resolve(champion), to);
        SafeConsole.Out($"modèle archivé {restored} remis en service ({champion}).");
        return ExitCodes.Success;
    });

    /// <summary>Rank unlabelled comments by how much labelling them would help, as a CSV ready to label.</summary>
    /// <param name="input">CSV with id and text (post optional).</param>
    /// <param name="model">Bundle folder.</param>
    /// <param name="count">How many comments to suggest.</param>
    /// <param name="output">Output CSV with the comments as written, ready to label (default: standard output, where personal information is redacted like every other console output).</param>
    public int Suggest(string input, string model = RepoPaths.DefaultModel, int count = 200, string? output = null, CancellationToken cancellationToken = default) => CommandGuard.Run(() =>
    {
        var scorer = NetiquetteScorer.Load(RepoPaths.Resolve(model));
        var comments = LabelledCsvLoader.LoadComments(RepoPaths.Resolve(input)).Rows.Select(r => r.ToComment());
        var ranked = LabellingPriority.Rank(scorer, comments, count, cancellationToken);
        WriteSuggestions(ranked, output);
        if (output is not null) SafeConsole.Error($"{ranked.Count} commentaires à étiqueter écrits dans {output}.");
        return ExitCodes.Success;
    });

    internal static BundleComparison RunComparison(string challenger, string champion, string? data, double tolerance)
    {
        var challengerScorer = NetiquetteScorer.Load(RepoPaths.Resolve(challenger));
        var championScorer = NetiquetteScorer.Load(RepoPaths.Resolve(champion));
        var rows = data is not null
            ? LabelledCsvLoader.LoadOne(RepoPaths.Resolve(data)).Rows
            : UnseenByBoth(championScorer.Bundle.Manifest, challengerScorer.Bundle.Manifest);
        return BundleComparison.Run(championScorer, challengerScorer, rows, tolerance);
    }

    /// <summary>The challenger's held-out rows minus any row the champion was trained on.</summary>
    private static IReadOnlyList<LabelledComment> UnseenByBoth(BundleManifest champion, BundleManifest challenger)
    {
        var challengerRows = NetiquetteCommands.TrainingRows(challenger);
        var rows = NetiquetteCommands.HeldOutRows(challenger, challengerRows);
        var folder = RepoPaths.Resolve(RepoPaths.DefaultData);
        var championTest = champion.Split.TestIds.ToHashSet(StringComparer.Ordinal);
        var championFiles = champion.TrainingData.Files.Select(f => Path.Combine(folder, f.Name)).Where(File.Exists).ToList();
        // Usually both were trained on the same files: those rows are read once, not twice. (They
        // loaded without conflict for the challenger, so reading them again preferring the latest
        // labels would give the same rows.)
        var sameFiles = champion.TrainingData.Files.Select(f => f.Name).SequenceEqual(challenger.TrainingData.Files.Select(f => f.Name));
        var championRows = sameFiles ? challengerRows
            : championFiles.Count == 0 ? [] : LabelledCsvLoader.LoadAll(championFiles, preferLatest: true).SelectMany(f => f.Rows).ToList();
        var championTrained = championRows.Select(r => r.Id).Where(id => !championTest.Contains(id)).ToHashSet(StringComparer.Ordinal);
        var unseen = rows.Where(r => !championTrained.Contains(r.Id)).ToList();
        if (unseen.Count == 0) throw new InputException("le modèle en service a été entraîné sur toutes les lignes de test du challenger ; indiquez --data FICHIER.csv avec des lignes qu'aucun des deux n'a vues.", "the champion was trained on every held-out row of the challenger; pass --data FILE.csv with rows neither has seen.");
        return unseen;
    }

    private static void WriteSuggestions(IReadOnlyList<(Comment Comment, double Priority)> ranked, string? output)
    {
        var options = new CsvWriterOptions { NewLine = "\n" };
        var temp = output is null ? null : Path.GetFullPath(output) + $".tmp-{Guid.NewGuid():N}";
        // The file is the labeller's copy and keeps the text; the console is a log and does not.
        string Shown(string value) => temp is null ? SafeConsole.Redact(value) : value;
        try
        {
            using (var writer = temp is null ? CsvWriter.Create(Console.Out, options, leaveOpen: true) : CsvWriter.ToFile(temp, options))
            {
                // Every label column, the optional complaint one included: the staff label complaints too.
                foreach (var column in Categories.All.Select(c => c.Name()).Prepend("text").Prepend("post").Prepend("id").Append("priority")) writer.WriteField(column);
                writer.EndRecord();
                foreach (var (comment, priority) in ranked)
                {
                    writer.WriteField(Shown(comment.Id ?? ""));
                    writer.WriteField(Shown(comment.Post ?? ""));
                    writer.WriteField(Shown(comment.Text));
                    for (var i = 0; i < Categories.All.Count; i++) writer.WriteField("");
                    writer.WriteField(priority.ToString("0.0000", CultureInfo.InvariantCulture));
                    writer.EndRecord();
                }
            }
            if (temp is not null) File.Move(temp, Path.GetFullPath(output!), overwrite: true);
        }
        finally
        {
            if (temp is not null && File.Exists(temp)) File.Delete(temp);
        }
    }
}
