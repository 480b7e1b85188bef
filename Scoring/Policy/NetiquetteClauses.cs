using System.Globalization;
using NetiquetteML.Scoring.Rules;

namespace NetiquetteML.Scoring.Policy;

/// <summary>
/// The reasons shown to moderators and authors, in French, each quoting the clause of the
/// town's netiquette (Politique de gestion des réseaux sociaux, résolution 2019-176) it applies.
/// </summary>
public static partial class NetiquetteClauses
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-CA");

    public static string For(Category category) => category switch
    {
        Category.Offensive => "Les grossièretés, obscénités, insultes, attaques personnelles et propos sexistes, discriminatoires, diffamatoires ou haineux sont interdits.",
        Category.OffTopic => "Évitez de vous éloigner du sujet de la publication.",
        Category.Political => "Aucune promotion ou aucun discrédit d'un parti politique, de ses représentants ou des autorités de la Ville n'est permis.",
        Category.Commercial => "Les hyperliens de nature commerciale ou publicitaire, les publicités extérieures et la promotion d'événements non partenaires sont interdits.",
        Category.Complaint => "Les réseaux sociaux de la Ville ne sont pas un espace de plainte.",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public static string Label(Category category) => category switch
    {
        Category.Offensive => "Propos offensants",
        Category.OffTopic => "Hors sujet",
        Category.Political => "Propos politiques",
        Category.Commercial => "Contenu commercial",
        Category.Complaint => "Plainte ou demande de service",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public const string PersonalInfoClause = "Il est interdit de publier des renseignements personnels.";
    public const string ShoutingClause = "L'usage des majuscules est considéré comme un cri.";

    public static string CategoryReason(Category category, double probability, bool aboveRemove) =>
        string.Create(French, $"{Label(category)} ({(aboveRemove ? "retrait" : "à vérifier")}, probabilité {probability:0.00}) : {For(category)}");

    /// <summary>A complaint is not a fault: the reason says where to send it, with the reply to post.</summary>
    public static string ComplaintReason(double probability, string reply) =>
        string.Create(French, $"{Label(Category.Complaint)} (probabilité {probability:0.00}) : {For(Category.Complaint)} Réponse suggérée : « {reply} »");

    public static string TownTermReason(string phrase, string? note) =>
        $"Terme à vérifier selon la liste de la Ville (« {phrase} »){(string.IsNullOrWhiteSpace(note) ? "" : " : " + note)}";

    public static string PersonalInfoReason(IEnumerable<PersonalInfoKind> kinds) =>
        $"Renseignements personnels détectés ({string.Join(", ", kinds.Distinct().Select(KindName))}) : {PersonalInfoClause}";

    public static string ShoutingReason(double capitalRatio) =>
        string.Create(French, $"Texte écrit en majuscules ({capitalRatio:P0} des lettres) : {ShoutingClause}");

    public static string KindName(PersonalInfoKind kind) => kind switch
    {
        PersonalInfoKind.Phone => "numéro de téléphone",
        PersonalInfoKind.Email => "adresse courriel",
        PersonalInfoKind.Address => "adresse civique",
        PersonalInfoKind.PostalCode => "code postal",
        PersonalInfoKind.SocialInsuranceNumber => "numéro d'assurance sociale",
        PersonalInfoKind.PaymentCard => "numéro de carte de paiement",
        PersonalInfoKind.HealthInsuranceNumber => "numéro d'assurance maladie",
        PersonalInfoKind.LicencePlate => "plaque d'immatriculation",
        PersonalInfoKind.DateOfBirth => "date de naissance",
        _ => kind.ToString(),
    };
}
