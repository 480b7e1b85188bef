#:project ../Scoring/Scoring.csproj
#:project ../Training/Training.csproj
#:property PublishAot=false

// Evaluator notebook 2 — browsing the errors, category by category.
//
//   dotnet run notebooks/errors.cs
//   dotnet run notebooks/errors.cs -- --data Data/labels-2026-12.csv --category political --count 30
//
// At the bundle's "flag" threshold: the false positives with the highest probability (flagged,
// labelled 0) and the false negatives with the lowest probability (labelled 1, not flagged).
// Every comment and post is redacted: personal information is replaced by [TÉLÉPHONE],
// [COURRIEL], [ADRESSE], [NAS]… An "error" is sometimes a label to fix: note the ids.

using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Training.Commands;
using NetiquetteML.Training.Reports;
using static NetiquetteML.Training.Reports.NotebookSession;

return CommandGuard.Run(() =>
{
    var session = Open(args, "category", "count");
    var count = session.IntOption("count", 10);
    var only = session.Option("category");
    IReadOnlyList<Category> categories = only is null ? Categories.All
        : Categories.TryParse(only, out var chosen) ? [chosen]
        : throw new InputException($"catégorie « {only} » inconnue ; valeurs permises : {string.Join(", ", Categories.All.Select(c => c.Name()))}.", $"unknown category '{only}'; expected {string.Join(", ", Categories.All.Select(c => c.Name()))}.");

    session.PrintHeader("Carnet 2 — Erreurs par catégorie (textes caviardés)");
    foreach (var category in categories)
    {
        var flag = session.Scorer.Bundle.Manifest.For(category).Thresholds.Flag;
        var falsePositives = session.Scored.Count(s => s.Verdict[category].Flagged && !s.Row.Label(category));
        var falseNegatives = session.Scored.Count(s => !s.Verdict[category].Flagged && s.Row.Label(category));
        Section($"{NetiquetteClauses.Label(category)} ({category.Name()}) — seuil « à vérifier » {Fr.N3(flag)}");

        Print($"Faux positifs (signalés à tort) : {Fr.Int(falsePositives)} ; les {Math.Min(count, falsePositives)} plus probables :");
        Show(ReportAnalysis.WorstFalsePositives(session.Scored, category, count));
        Print("");
        Print($"Faux négatifs (manqués) : {Fr.Int(falseNegatives)} ; les {Math.Min(count, falseNegatives)} moins probables :");
        Show(ReportAnalysis.WorstFalseNegatives(session.Scored, category, count));
    }
    return ExitCodes.Success;
});

static void Show(IReadOnlyList<ErrorExample> examples)
{
    if (examples.Count == 0)
    {
        Print("  (aucun)");
        return;
    }
    foreach (var e in examples)
    {
        Print($"  {Fr.N3(e.Probability)}  [{e.Id}]  « {ReportAnalysis.Shorten(e.Text, 220)} »");
        if (e.Post.Length > 0) Print($"         publication : « {ReportAnalysis.Shorten(e.Post, 100)} »");
    }
}
