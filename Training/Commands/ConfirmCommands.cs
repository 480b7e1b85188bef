using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Training.Data;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Training.Commands;

/// <summary>
/// The step that lets a model remove comments without a person: its remove threshold is measured
/// on comments of the page itself, labelled by the town, and a category is confirmed only when
/// enough of them were above it and nearly all were rightly removed.
/// </summary>
public sealed class ConfirmCommands
{
    /// <summary>
    /// Measure, on comments of the town's page labelled by its staff, how precise each category's
    /// automatic removal would be, and write the policy that allows it only where it is confirmed.
    /// Example: confirm --data Data/page-labelled.csv --output policy.json, then score --policy policy.json.
    /// </summary>
    /// <param name="data">Labelled comments of the page itself (the data contract's columns; not the training corpus).</param>
    /// <param name="model">Bundle folder whose remove thresholds are measured.</param>
    /// <param name="output">Policy file to write (JSON); a policy already there keeps its other settings.</param>
    /// <param name="minPrecision">Share of the comments above the remove threshold that must truly belong to the category.</param>
    /// <param name="minRemoved">Fewest comments above the remove threshold for a precision to mean anything.</param>
    public int Confirm(string data, string output, string model = RepoPaths.DefaultModel, double minPrecision = 0.97, int minRemoved = 20) => CommandGuard.Run(() =>
    {
        if (minPrecision is <= 0 or > 1) throw new InputException("--min-precision doit être entre 0 (exclu) et 1.", "--min-precision must be in (0, 1].");
        if (minRemoved < 1) throw new InputException("--min-removed doit valoir au moins 1.", "--min-removed must be at least 1.");
        var scorer = NetiquetteScorer.Load(RepoPaths.Resolve(model));
        var file = LabelledCsvLoader.LoadOne(RepoPaths.Resolve(data));
        var trainedOn = scorer.Bundle.Manifest.TrainingData.Files.Select(f => f.Sha256).ToHashSet();
        if (trainedOn.Contains(file.Sha256))
            throw new InputException($"{data} est l'un des fichiers sur lesquels le modèle a été entraîné ; confirmez sur des commentaires de la page qu'il n'a jamais vus.", $"{data} is one of the files the bundle was trained on; confirm on comments of the page it has never seen.");

        var scored = BundleEvaluator.Score(scorer, file.Rows);
        var results = Categories.All.ToDictionary(c => c.Name(), c => Measure(scored, c, minPrecision, minRemoved));
        var existing = File.Exists(output) ? ModerationPolicy.FromJsonFile(output) : ModerationPolicy.Default;
        var policy = new ModerationPolicy
        {
            PersonalInfoAction = existing.PersonalInfoAction,
            ShoutingAction = existing.ShoutingAction,
            FlagAction = existing.FlagAction,
            RemoveThresholdAction = existing.RemoveThresholdAction,
            ThresholdOverrides = existing.ThresholdOverrides,
            Terms = existing.Terms,
            AutoRemoveCategories = results.Where(r => r.Value.Confirmed).Select(r => r.Key).ToList(),
            Confirmation = new RemovalConfirmation
            {
                Bundle = scorer.Bundle.Manifest.Name,
                BundleCreatedUtc = scorer.Bundle.Manifest.CreatedUtc,
                DataFile = Path.GetFileName(data),
                DataSha256 = file.Sha256,
                ConfirmedUtc = DateTimeOffset.UtcNow,
                MinimumPrecision = minPrecision,
                MinimumRemoved = minRemoved,
                Categories = results,
            },
        };
        AtomicFile.WriteAllText(output, policy.ToJson());

        SafeConsole.Out($"{file.Rows.Count} commentaires de la page ({Path.GetFileName(data)}), seuil de retrait du modèle « {scorer.Bundle.Manifest.Name} » :");
        SafeConsole.Out($"{"catégorie",-11}{"retirés",9}{"à raison",10}{"précision",11}  retrait automatique");
        foreach (var (name, r) in results)
        {
            var why = r.Confirmed ? "confirmé"
                : ModerationPolicy.NeverAutoRemoved.Any(c => c.Name() == name) ? (name == Category.Complaint.Name() ? "jamais (une plainte est redirigée, pas retirée)" : "jamais (hors sujet : toujours un humain)")
                : r.Removed < minRemoved ? $"non : moins de {minRemoved} commentaires au-dessus du seuil"
                : $"non : précision sous {minPrecision:0.00}";
            SafeConsole.Out($"{name,-11}{r.Removed,9}{r.Correct,10}{(r.Precision is { } p ? p.ToString("0.000") : "n/d"),11}  {why}");
        }
        SafeConsole.Out($"Politique écrite dans {output} : retrait automatique pour {(policy.AutoRemoveCategories.Count == 0 ? "aucune catégorie (tout va en révision)" : string.Join(", ", policy.AutoRemoveCategories))}.");
        return ExitCodes.Success;
    });

    internal static CategoryConfirmation Measure(IReadOnlyList<ScoredRow> scored, Category category, double minPrecision, int minRemoved)
    {
        var above = scored.Where(s => s.AboveBundleRemove(category)).ToList();
        var correct = above.Count(s => s.Row.Label(category));
        double? precision = above.Count == 0 ? null : (double)correct / above.Count;
        var confirmed = !ModerationPolicy.NeverAutoRemoved.Contains(category) && above.Count >= minRemoved && precision >= minPrecision;
        return new CategoryConfirmation { Removed = above.Count, Correct = correct, Precision = precision is { } p ? Math.Round(p, 4) : null, Confirmed = confirmed };
    }
}

/// <summary>Writes a whole file or nothing: a temporary file beside it, then a move.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string contents)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".tmp-{Guid.NewGuid():N}";
        try
        {
            File.WriteAllText(temp, contents, new System.Text.UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
