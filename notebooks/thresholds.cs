#:project ../Scoring/Scoring.csproj
#:project ../Training/Training.csproj
#:property PublishAot=false

// Evaluator notebook 1 — threshold trade-offs.
//
//   dotnet run notebooks/thresholds.cs
//   dotnet run notebooks/thresholds.cs -- --model Models/netiquette --data Data/labels-2026-12.csv
//
// For each category: precision, recall and share of comments flagged at thresholds 0.05 … 0.95,
// with the bundle's own "flag" (à vérifier) and "remove" (retrait) thresholds inserted where they
// fall. Without --data, the bundle's held-out test rows are used (the rows `evaluate` uses).
// Change the grid or the targets below and run again.

using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Training.Commands;
using NetiquetteML.Training.Reports;
using static NetiquetteML.Training.Reports.NotebookSession;

double[] precisionTargets = [0.90, 0.97];

return CommandGuard.Run(() =>
{
    var session = Open(args);
    session.PrintHeader("Carnet 1 — Compromis des seuils (précision, rappel, taux de signalement)");
    Print("Un commentaire est signalé quand sa probabilité atteint le seuil. Précision : part des signalés qui enfreignent");
    Print("vraiment la nétiquette. Rappel : part des infractions signalées. Taux : part de tous les commentaires signalés.");

    foreach (var category in Categories.All)
    {
        var manifest = session.Scorer.Bundle.Manifest.For(category);
        var thresholds = manifest.Thresholds;
        var probabilities = ReportAnalysis.Probabilities(session.Scored, category);
        var labels = ReportAnalysis.Labels(session.Scored, category);
        var positives = labels.Count(l => l);
        Section($"{NetiquetteClauses.Label(category)} ({category.Name()}) — {Fr.Int(positives)} exemples positifs sur {Fr.Int(labels.Length)}");

        // The grid, plus the bundle's chosen thresholds, marked.
        var rows = ReportAnalysis.StandardThresholds.Select(t => (Threshold: t, Mark: "")).ToList();
        rows.Add((thresholds.Flag, "← seuil « à vérifier » du modèle"));
        var reviewOnly = session.Scorer.Policy.IsReviewOnly(category);
        // As in the report: a category the policy keeps at review has no removal threshold to mark.
        if (thresholds.RemoveTargetReached && thresholds.Remove <= 1 && !reviewOnly) rows.Add((thresholds.Remove, "← seuil « retrait » du modèle"));
        rows = rows.OrderBy(r => r.Threshold).ThenBy(r => r.Mark.Length).ToList();
        Print($"  {"Seuil",6}  {"Précision",9}  {"Rappel",6}  {"Signalés",8}  {"Taux",7}");
        foreach (var (threshold, mark) in rows)
        {
            var p = ReportAnalysis.Point(probabilities, labels, threshold);
            var precision = p.Flagged == 0 ? "—" : Fr.N3(p.Precision);
            Print($"  {Fr.N3(threshold),6}  {precision,9}  {Fr.N3(p.Recall),6}  {Fr.Int(p.Flagged),8}  {Fr.Percent(p.FlagRate),7}  {mark}".TrimEnd());
        }

        Print("");
        Print(thresholds.FlagObjective == FlagObjective.BestF1
            ? $"  Seuil « à vérifier » : {Fr.N3(thresholds.Flag)} (meilleur F1 en validation : la catégorie ne retire jamais un commentaire)."
            : $"  Seuil « à vérifier » : {Fr.N3(thresholds.Flag)} (précision visée {Fr.N2(thresholds.FlagPrecisionTarget)}, " +
              $"{(thresholds.FlagTargetReached ? "atteinte" : "non atteinte : repli sur le meilleur F1")} en validation).");
        Print(thresholds.RemoveTargetReached
            ? $"  Seuil « retrait » : {Fr.N3(thresholds.Remove)} (précision visée {Fr.N2(thresholds.RemovePrecisionTarget)}, atteinte en validation)."
            : $"  Seuil « retrait » : désactivé (précision visée {Fr.N2(thresholds.RemovePrecisionTarget)} non atteinte en validation).");
        if (reviewOnly)
            Print("  Politique : cette catégorie ne va jamais au-delà de « à vérifier ».");
        foreach (var target in precisionTargets)
        {
            var lowest = ReportAnalysis.StandardThresholds
                .Select(t => ReportAnalysis.Point(probabilities, labels, t))
                .FirstOrDefault(p => p.Flagged > 0 && p.Precision >= target);
            Print(lowest is null
                ? $"  Sur ces données, aucun seuil de la grille n'atteint une précision de {Fr.N2(target)}."
                : $"  Sur ces données, plus bas seuil de la grille avec une précision ≥ {Fr.N2(target)} : {Fr.N2(lowest.Threshold)} (rappel {Fr.N3(lowest.Recall)}, {Fr.Percent(lowest.FlagRate)} signalés).");
        }
    }
    return ExitCodes.Success;
});
