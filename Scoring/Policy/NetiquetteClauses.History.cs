using System.Globalization;
using NetiquetteML.Scoring.History;

namespace NetiquetteML.Scoring.Policy;

/// <summary>The clauses on links, repeated content and repeat offenders, and their reasons.</summary>
public static partial class NetiquetteClauses
{
    public const string HyperlinkClause = "La publication d'hyperliens de nature commerciale et/ou publicitaire n'est pas autorisée.";
    public const string RepeatedContentClause = "Évitez de publier le même contenu à répétition.";
    public const string RepeatOffenderClause = "L'usager qui n'en serait pas à sa première récidive pourrait voir son accès bloqué à la page.";
    public const string RepeatOffenderRecommendation = "récidive : envisager de bloquer l'accès à la page";

    public static string CommercialLinkReason(IEnumerable<string> domains) =>
        $"Lien commercial vers un site extérieur ({string.Join(", ", domains)}) : {HyperlinkClause}";

    public static string ShortenedLinkReason(IEnumerable<string> domains) =>
        $"Lien raccourci ({string.Join(", ", domains)}) : sa destination est inconnue ; à vérifier.";

    public static string RepetitionReason(Repetition repetition, TimeSpan window)
    {
        var earlier = repetition.EarlierIds.Count == 0 ? "" : $" ; commentaires précédents : {string.Join(", ", repetition.EarlierIds.Take(10))}"
            + (repetition.EarlierCount > 10 ? $" et {repetition.EarlierCount - 10} autre(s)" : "");
        var what = repetition.Kind == RepetitionKind.Campaign
            ? $"campagne, le même texte publié par {repetition.Authors} comptes en moins de {Duration(window)}"
            : $"le même texte publié {repetition.EarlierCount + 1} fois par le même auteur en moins de {Duration(window)}";
        return $"Contenu répété ({what}{earlier}) : {RepeatedContentClause}";
    }

    public static string RepeatOffenderReason(int removals, int days) =>
        $"Récidive : envisager de bloquer l'accès à la page ({removals} commentaire(s) de cet auteur retiré(s) dans les {days} derniers jours ; décision d'un modérateur, jamais automatique). {RepeatOffenderClause}";

    internal static string Duration(TimeSpan span) => span switch
    {
        { TotalDays: >= 2 } when span.TotalDays == Math.Floor(span.TotalDays) => $"{span.TotalDays:0} jours",
        { TotalHours: >= 1 } => string.Create(CultureInfo.GetCultureInfo("fr-CA"), $"{span.TotalHours:0.#} h"),
        _ => $"{span.TotalMinutes:0} min",
    };
}
