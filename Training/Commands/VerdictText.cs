using System.Globalization;
using System.Text;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Policy;

using NetiquetteML.Training.Reports;

namespace NetiquetteML.Training.Commands;

/// <summary>A verdict as a person at a terminal reads it, in French.</summary>
public static class VerdictText
{
    public static string Describe(Verdict verdict) => Describe(verdict, null);

    /// <summary>The verdict; with the comment's <paramref name="text"/>, its evidence too (brackets around the words that weighed, personal information redacted).</summary>
    public static string Describe(Verdict verdict, string? text)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Décision : {ActionName(verdict.Action)}");
        sb.AppendLine("Probabilités :");
        foreach (var c in verdict.Categories)
        {
            var mark = c.AboveRemove ? "  ← retrait" : c.Flagged ? "  ← à vérifier" : "";
            sb.AppendLine(string.Create(Fr.Culture, $"  {NetiquetteClauses.Label(c.Category),-30} {c.Probability,6:0.00}{mark}"));
        }
        sb.AppendLine($"Renseignements personnels : {(verdict.HasPersonalInfo ? string.Join(", ", verdict.PersonalInfo.Select(f => $"{NetiquetteClauses.KindName(f.Kind)} (caractères {f.Start}–{f.Start + f.Length})")) : "aucun")}");
        sb.AppendLine($"Majuscules (cri) : {Fr.YesNo(verdict.Shouting.IsShouting)}");
        sb.AppendLine($"Liens : {(verdict.Links.Count == 0 ? "aucun" : string.Join(", ", verdict.Links.Select(LinkText)))}");
        if (verdict.History is { } history)
        {
            sb.AppendLine($"Historique : {history.Author} ; contenu répété : {(history.Repetition is { } r ? (r.Kind == NetiquetteML.Scoring.History.RepetitionKind.Campaign ? $"oui, campagne de {r.Authors} comptes" : $"oui, {r.EarlierCount} fois avant") : "non")} ; " +
                $"retraits dans les {history.RemovalWindowDays} derniers jours : {history.RecentRemovals}{(history.Recommendation is { } advice ? " → " + advice : "")}");
        }
        if (verdict.Reasons.Count > 0)
        {
            sb.AppendLine("Motifs :");
            foreach (var r in verdict.Reasons) sb.AppendLine("  - " + r);
        }
        if (text is not null) EvidenceText.Describe(sb, verdict, text);
        sb.Append($"Texte caviardé : {verdict.RedactedText}");
        return sb.ToString();
    }

    private static string LinkText(NetiquetteML.Scoring.Links.LinkFinding link) =>
        $"{link.Domain} (caractères {link.Start}–{link.End}{(link.Shortened ? ", lien raccourci" : link.Allowed ? ", permis" : ", extérieur")})";

    public static string ActionName(ModerationAction action) => action switch
    {
        ModerationAction.Allow => "publier (allow)",
        ModerationAction.Review => "à faire vérifier par un modérateur (review)",
        ModerationAction.Remove => "retirer (remove)",
        _ => action.ToString(),
    };
}
