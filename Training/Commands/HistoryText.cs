using System.Text;
using NetiquetteML.History;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Training.Reports;

namespace NetiquetteML.Training.Commands;

/// <summary>The history's records and counts as a person at a terminal reads them, in French.</summary>
public static class HistoryText
{
    public static string Author(AuthorRecord record, int offenderRemovals)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Auteur : {record.Author} (pseudonyme ; le nom n'est pas conservé dans l'historique)");
        sb.AppendLine(record.Rows.Count == 0
            ? "Aucun commentaire de cet auteur dans l'historique."
            : $"Commentaires conservés : {record.Rows.Count} (du {Day(record.Rows[0].Created)} au {Day(record.Rows[^1].Created)})");
        sb.Append($"Retraits dans les {record.RemovalWindowDays} derniers jours : {record.RecentRemovals}");
        sb.AppendLine(record.RecentRemovals >= offenderRemovals
            ? $" → {NetiquetteClauses.RepeatOffenderRecommendation} (décision d'un modérateur, jamais automatique)"
            : "");
        foreach (var row in record.Rows)
        {
            sb.AppendLine($"  {row.Created.UtcDateTime:yyyy-MM-dd HH:mm} UTC  {ActionWord(row.Action),-9} {row.CommentId ?? "(sans id)",-14} " +
                $"catégories : {List(row.Categories, "aucune")} ; constats : {List(row.Findings, "aucun")}");
        }
        return sb.ToString().TrimEnd();
    }

    public static string Summary(string path, HistorySummary summary)
    {
        var sb = new StringBuilder();
        sb.AppendLine(summary.Total == 0
            ? $"Historique {path} : vide."
            : $"Historique {path} : {Fr.Int(summary.Total)} commentaire(s), du {Day(summary.First!.Value)} au {Day(summary.Last!.Value)}.");
        if (summary.Total == 0) return sb.ToString().TrimEnd();
        sb.AppendLine();
        sb.AppendLine($"{"Semaine",-10} {"publier",8} {"vérifier",9} {"retirer",8} {"total",7}");
        foreach (var (week, allow, review, remove) in summary.Weeks)
            sb.AppendLine($"{week,-10} {Fr.Int(allow),8} {Fr.Int(review),9} {Fr.Int(remove),8} {Fr.Int(allow + review + remove),7}");
        sb.AppendLine();
        sb.AppendLine("Par décision : " + string.Join(", ",
            new[] { ModerationAction.Allow, ModerationAction.Review, ModerationAction.Remove }.Select(a =>
                $"{ActionWord(a)} {Fr.Int(summary.Weeks.Sum(w => a == ModerationAction.Allow ? w.Allow : a == ModerationAction.Review ? w.Review : w.Remove))}")));
        sb.AppendLine("Par catégorie : " + (summary.Categories.Count == 0 ? "aucune" : string.Join(", ", summary.Categories.Select(c => $"{c.Category} {Fr.Int(c.Count)}"))));
        sb.AppendLine("Par constat : " + (summary.Findings.Count == 0 ? "aucun" : string.Join(", ", summary.Findings.Select(f => $"{f.Finding} {Fr.Int(f.Count)}"))));
        return sb.ToString().TrimEnd();
    }

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd");

    private static string List(IReadOnlyList<string> items, string none) => items.Count == 0 ? none : string.Join(", ", items);

    private static string ActionWord(ModerationAction action) => action switch
    {
        ModerationAction.Allow => "publier",
        ModerationAction.Review => "vérifier",
        ModerationAction.Remove => "retirer",
        _ => action.ToString(),
    };
}
