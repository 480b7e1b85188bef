#:project ../Scoring/Scoring.csproj
#:project ../Training/Training.csproj
#:property PublishAot=false

// Evaluator notebook 3 — what the deterministic rules find: personal information and shouting.
//
//   dotnet run notebooks/rules.cs
//   dotnet run notebooks/rules.cs -- --data Data/labels-2026-12.csv --examples 5
//
// Counts per kind of personal information (telephone, e-mail, address, NAS, card, RAMQ, plate,
// date of birth) and of comments written in capitals, then a few redacted examples of each: the
// values found are never shown, only where they were (the placeholders).

using NetiquetteML.Scoring.Policy;
using NetiquetteML.Scoring.Rules;
using NetiquetteML.Training.Commands;
using NetiquetteML.Training.Reports;
using static NetiquetteML.Training.Reports.NotebookSession;

return CommandGuard.Run(() =>
{
    var session = Open(args, "examples");
    var examples = session.IntOption("examples", 3);
    session.PrintHeader("Carnet 3 — Règles : renseignements personnels et majuscules");
    var counts = ReportAnalysis.Rules(session.Scored);

    Section("Renseignements personnels par type (comptes seulement)");
    Print($"  {"Type",-32}  {"Détections",10}  {"Commentaires",12}");
    foreach (var kind in Enum.GetValues<PersonalInfoKind>())
        Print($"  {NetiquetteClauses.KindName(kind),-32}  {Fr.Int(counts.Findings[kind]),10}  {Fr.Int(counts.Comments[kind]),12}");
    Print($"  {"au moins un renseignement",-32}  {Fr.Int(counts.Findings.Values.Sum()),10}  {Fr.Int(counts.CommentsWithPersonalInfo),12}");
    Print($"  Sur {Fr.Int(counts.Rows)} commentaires ({Fr.Percent(counts.Rows == 0 ? 0 : (double)counts.CommentsWithPersonalInfo / counts.Rows)} touchés).");

    Section("Majuscules (cri)");
    Print($"  {Fr.Int(counts.ShoutingComments)} commentaires écrits surtout en majuscules ({Fr.Percent(counts.Rows == 0 ? 0 : (double)counts.ShoutingComments / counts.Rows)}).");

    Section($"Exemples caviardés ({examples} au plus par type)");
    foreach (var kind in Enum.GetValues<PersonalInfoKind>().Where(k => counts.Comments[k] > 0))
    {
        Print($"  {NetiquetteClauses.KindName(kind)} :");
        foreach (var row in session.Scored.Where(s => s.Verdict.PersonalInfo.Any(f => f.Kind == kind)).Take(examples))
            Print($"    [{SafeConsole.Redact(row.Row.Id)}]  « {ReportAnalysis.Shorten(ReportAnalysis.SafeComment(row), 200)} »");
    }
    if (counts.ShoutingComments > 0)
    {
        Print("  majuscules :");
        foreach (var row in session.Scored.Where(s => s.Verdict.Shouting.IsShouting).Take(examples))
            Print($"    [{SafeConsole.Redact(row.Row.Id)}]  « {ReportAnalysis.Shorten(ReportAnalysis.SafeComment(row), 200)} » ({Fr.Percent(row.Verdict.Shouting.CapitalRatio)} de capitales)");
    }
    if (counts.CommentsWithPersonalInfo == 0 && counts.ShoutingComments == 0) Print("  (aucune règle n'a été déclenchée sur ces données)");
    return ExitCodes.Success;
});
