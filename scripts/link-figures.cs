#:project ../Scoring/Scoring.csproj
#:project ../Training/Training.csproj
#:property PublishAot=false

// The README's link figures (Links, repeated content and repeat offenders), for a bundle: among the
// labelled comments that link outside the allow-list, how many the hyperlink clause removes, and
// where each one's commercial probability stands once its links are blanked (what the clause
// judges), against the commercial remove threshold.
//
//   dotnet run scripts/link-figures.cs                    # the bundle in service
//   dotnet run scripts/link-figures.cs -- Models/challenger

using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Links;
using NetiquetteML.Training.Commands;
using NetiquetteML.Training.Data;

var model = args.Length > 0 ? args[0] : RepoPaths.DefaultModel;
return CommandGuard.Run(() =>
{
    var scorer = NetiquetteScorer.Load(RepoPaths.Resolve(model));
    var commercial = scorer.Bundle.Manifest.Categories[Category.Commercial.Name()].Thresholds;
    Console.WriteLine($"bundle {model}: commercial flag {commercial.Flag:0.000}, remove {commercial.Remove:0.000}");
    var files = Directory.GetFiles(RepoPaths.Resolve("Data"), "*.csv").Order(StringComparer.Ordinal)
        .Append(RepoPaths.Resolve("Evaluation/independent.csv"));
    foreach (var file in files)
    {
        var rows = LabelledCsvLoader.LoadPartlyLabelled(file).Rows;
        var linking = rows.Select(r => (Row: r, Verdict: scorer.Score(new Comment(r.Text, r.Post), Explanations.None)))
            .Where(s => s.Verdict.Links.Any(l => l.Outside)).ToList();
        if (linking.Count == 0) continue;
        foreach (var group in linking.GroupBy(s => s.Row.Commercial).OrderByDescending(g => g.Key))
        {
            var removedByClause = group.Count(s => s.Verdict.Reasons.Any(r => r.StartsWith("Lien commercial", StringComparison.Ordinal)));
            var withoutLinks = group.Select(s => scorer.Score(new Comment(LinkRule.WithoutLinks(s.Row.Text, s.Verdict.Links), s.Row.Post), Explanations.None)[Category.Commercial].Probability).ToList();
            Console.WriteLine($"{Path.GetFileName(file)}: {group.Count()} {(group.Key ? "ads (commercial 1)" : "other comments (commercial 0)")} linking outside; " +
                              $"removed by the hyperlink clause {removedByClause}; without their links at or above the remove threshold {withoutLinks.Count(p => p >= commercial.Remove)}, " +
                              $"probability without links {withoutLinks.Min():0.00} to {withoutLinks.Max():0.00}");
        }
    }
    return 0;
});
