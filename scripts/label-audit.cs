#:project ../Scoring/Scoring.csproj
#:project ../Training/Training.csproj
#:property PublishAot=false

// Label audit against shared/LABELS.md (version 2): lists the rows whose labels a rule finds
// suspect, for a person to decide row by row. It changes nothing: decisions are recorded in
// Data/audit/ (id, column, old, new, rule, reason) and applied to the corpus by hand.
//
//   dotnet run scripts/label-audit.cs                       # every CSV of Data/, to the console
//   dotnet run scripts/label-audit.cs -- Data/comments.csv suspects.csv
//
// Words are matched on the normalised text (TextNormalizer), so spellings and obfuscations meet.

using System.Text;
using NetiquetteML.Scoring.Text;
using NetiquetteML.Training.Data;

var inputs = args.Length > 0 ? [args[0]] : Directory.GetFiles("Data", "*.csv").Order().ToArray();
var output = args.Length > 1 ? args[1] : null;
var rows = LabelledCsvLoader.LoadAll(inputs).SelectMany(f => f.Rows).ToList();

string[] partisan = ["caq", "pq", "plq", "qs", "pcq", "pcc", "npd", "plc", "bloc", "caquiste", "caquistes", "pequiste",
    "pequistes", "legault", "trudeau", "poilievre", "carney", "plamondon", "pspp", "duhaime", "referendum", "souverainete",
    "independance", "ottawa", "federal", "federaux", "provincial", "provinciale", "liberaux", "conservateurs", "solidaire"];
// The second reading (December 2026, Data/audit/label-audit-2026-12b.csv) took every on-topic row
// naming a party or leader, or labelled political and naming a government, minister or MP, whatever its post.
string[] parties = ["caq", "pq", "plq", "qs", "pcq", "pcc", "npd", "plc", "bloc quebecois", "caquiste", "caquistes", "pequiste", "pequistes",
    "legault", "trudeau", "poilievre", "carney", "couillard", "plamondon", "pspp", "duhaime", "liberal", "liberale", "liberaux", "conservateurs",
    "conservateur", "solidaire", "solidaires", "bloquiste", "bloquistes", "referendum"];
string[] government = ["gouvernement", "ministre", "ministere", "depute", "deputee", "ottawa", "federal", "federaux", "federale",
    "provincial", "provinciale", "provinciaux", "quebec", "souverainete", "independance"];
string[] courtesy = ["merci", "bravo", "felicitations", "chapeau", "remercie"];
string[] officials = ["maire", "mairesse", "conseiller", "conseillere", "conseillers", "dg", "directeur"];
string[] electoral = ["vote", "votez", "voter", "election", "elections", "dehors", "mandat", "candidat", "reelire", "reelu",
    "incompetent", "demission", "honte", "menteur", "meilleur"];
string[] sacres = ["tabarnak", "tabarnac", "calisse", "crisse", "criss", "ostie", "osti", "estie", "esti", "ciboire",
    "sacrament", "viarge", "calvaire", "hostie", "calice", "tabernacle"];
string[] greetings = ["joyeux", "bonne annee", "joyeuses", "merci", "felicitations", "bravo", "bonne journee", "meilleurs voeux"];
string[] lostPet = ["perdu", "perdue", "trouve", "trouvee", "disparu", "disparue", "recompense", "chien", "chat", "chienne", "chaton"];
string[] groups = ["immigrant", "immigrants", "etrangers", "autochtones", "indiens", "amerindiens", "musulmans", "juifs", "gais",
    "homosexuels", "trans", "bs", "assistes", "itinerants", "drogues", "vieux", "femmes", "femme", "noirs", "arabes", "anglais"];
string[] generalising = ["tous des", "toutes des", "sont des", "sont toutes", "sont tous", "deteste", "dehors", "chez eux", "chez vous",
    "retourne", "retournez", "parasite", "parasites", "vermine", "pas leur place", "veut pas de"];

var suspects = new List<(string Rule, LabelledComment Row, string Column, string Proposed)>();
foreach (var row in rows)
{
    var text = " " + TextNormalizer.Normalize(row.Text) + " ";
    var post = " " + TextNormalizer.Normalize(row.Post) + " ";
    bool Has(string s, string[] words) => words.Any(w => s.Contains(" " + w + " ", StringComparison.Ordinal));

    if (row.Political && !row.OffTopic && Has(text, partisan) && !Has(post, partisan))
        suspects.Add(("partisan-politics-not-off-topic", row, "off_topic", "1"));
    if (!row.OffTopic && (Has(text, parties) || row.Political && Has(text, government)))
        suspects.Add(("partisan-politics-under-another-subject", row, "off_topic", "1"));
    if (row.Political && !row.Offensive && Has(text, courtesy) && Has(text, officials) && !Has(text, electoral))
        suspects.Add(("courtesy-to-official-political", row, "political", "0"));
    if (!row.Offensive && Has(text, sacres))
        suspects.Add(("sacre-not-offensive", row, "offensive", "1"));
    if (row.OffTopic && Has(text, greetings) && row.Text.Length < 80 && !row.Commercial && !row.Political)
        suspects.Add(("greeting-off-topic", row, "off_topic", "0"));
    if (row.Commercial && Has(text, lostPet) && !Has(text, ["vend", "vends", "vendre", "prix", "xxmontant"]))
        suspects.Add(("lost-pet-commercial", row, "commercial", "0"));
    if (!row.Offensive && Has(text, groups) && Has(text, generalising))
        suspects.Add(("group-generalisation-not-offensive", row, "offensive", "1"));
}

var csv = new StringBuilder("rule,id,column,current,proposed,post,text\n");
string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
foreach (var (rule, row, column, proposed) in suspects)
{
    var current = proposed == "1" ? "0" : "1";
    csv.Append($"{rule},{row.Id},{column},{current},{proposed},{Quote(row.Post)},{Quote(row.Text)}\n");
}
if (output is null) Console.Write(csv);
else File.WriteAllText(output, csv.ToString(), new UTF8Encoding(false));
foreach (var g in suspects.GroupBy(s => s.Rule))
    Console.Error.WriteLine($"{g.Key}: {g.Count()} suspect row(s)");
return 0;
