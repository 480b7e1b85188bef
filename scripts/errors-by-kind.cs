#:project ../Scoring/Scoring.csproj
#:project ../Training/Training.csproj
#:property PublishAot=false

// Errors of a bundle on its held-out rows, by the kind of comment each part of the corpus was
// written to teach (Data/README.md: parts A to H, then I to P for the kinds of issue 14), at the
// flag threshold: false positives and false negatives per category. The README's table comes from it.
//
//   dotnet run scripts/errors-by-kind.cs                    # the bundle in service
//   dotnet run scripts/errors-by-kind.cs -- Models/challenger

using NetiquetteML.Scoring;
using NetiquetteML.Training.Commands;
using NetiquetteML.Training.Learning;

var model = args.Length > 0 ? args[0] : RepoPaths.DefaultModel;
var kinds = new Dictionary<string, string>
{
    ["I"] = "insults without swear words, accusations",
    ["J"] = "discrimination and group hate",
    ["K"] = "false alarms, disguised sacres",
    ["L"] = "off-topic politics, private chat",
    ["M"] = "ads decided by the relation",
    ["N"] = "complaints",
    ["O"] = "arguments between citizens",
    ["P"] = "other registers, threats",
    ["Q"] = "church words, courtesy, town contacts",
    ["R"] = "sacred vessels, lost pets with a phone",
    ["S"] = "short church-word comments, short notices",
    ["T"] = "complaints about roads, water, waste and their hard negatives",
    ["U"] = "complaints about parks, animals, taxes, staff and their hard negatives",
    ["V"] = "short, blunt and angry complaints and their hard negatives",
    ["W"] = "complaints against grievances",
    ["X"] = "off_topic decided by meaning, not shared words",
    ["Y"] = "what is not a complaint: lost and found, neighbours helping, other bodies",
    ["Z"] = "church words in their church sense against sacres, courtesy to the mayor",
    ["AB"] = "ads close to their post against ads under another",
    ["AC"] = "related requests, tags and mentions against private talk and outside politics",
    ["AD"] = "posts on little-covered subjects: leisure and community",
    ["AE"] = "posts on little-covered subjects: water, weather and safety",
    ["AF"] = "posts on little-covered subjects: council and town life",
    ["AG"] = "more posts: culture, health and jobs",
    ["AH"] = "more posts: streets and buildings",
    ["AI"] = "more posts: taxes, by-laws and council",
    ["AJ"] = "off-topic kinds under new posts: infrastructure and environment",
    ["AK"] = "off-topic kinds under new posts: recreation and community",
    ["AL"] = "off-topic kinds under new posts: administration and services",
};
return CommandGuard.Run(() =>
{
    var scorer = NetiquetteScorer.Load(RepoPaths.Resolve(model));
    var rows = NetiquetteCommands.EvaluationRows(scorer.Bundle.Manifest, null);
    var scored = BundleEvaluator.Score(scorer, rows);
    Console.WriteLine($"| kind of comment (part) | held-out rows | {string.Join(" | ", Categories.All.Select(c => c.Name() + " FP/FN"))} |");
    Console.WriteLine($"|---|---|{string.Concat(Categories.All.Select(_ => "---|"))}");
    foreach (var group in scored.GroupBy(s => kinds.ContainsKey(s.Row.Part) ? s.Row.Part : "A").OrderBy(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal))
    {
        var name = group.Key == "A" ? "first corpus (parts A to H)" : $"{kinds[group.Key]} ({group.Key})";
        var cells = Categories.All.Select(c =>
            $"{group.Count(s => s.Verdict[c].Flagged && !s.Row.Label(c))}/{group.Count(s => !s.Verdict[c].Flagged && s.Row.Label(c))}");
        Console.WriteLine($"| {name} | {group.Count()} | {string.Join(" | ", cells)} |");
    }
    return 0;
});
