using System.Collections.Frozen;

namespace NetiquetteML.Scoring.Text;

/// <summary>
/// Small word lists, in normalised form (lower case, no accents), that the normaliser uses to
/// read masked spellings and that give every model a few features which hold beyond the corpus.
/// </summary>
internal static class Lexicons
{
    /// <summary>Quebec sacres and the vulgar or insulting words a resident may type.</summary>
    public static readonly FrozenSet<string> Offensive = new[]
    {
        "tabarnak", "tabarnac", "tabarnaque", "tabernak", "tabarnack", "tbk",
        "calisse", "caliss", "calice", "calisser", "kaliss", "kalisse", "caliboire",
        "crisse", "criss", "crisser", "crissement",
        "ostie", "osti", "hostie", "estie", "esti", "sti", "ostifie", "estifie", "ostique",
        "ciboire", "ciboere", "sacrament", "sacrement", "viarge", "calvaire", "bordel", "merde", "marde", "chier", "chiant", "chiante", "fuck", "fucking", "fucke", "shit",
        "bitch", "salope", "salaud", "pute", "putain", "connard", "connasse", "conne", "cons", "con",
        "idiot", "idiote", "idiots", "imbecile", "imbeciles", "debile", "debiles", "cave", "caves", "epais", "epaisse",
        "innocent", "innocents", "niaiseux", "niaiseuse", "tarla", "twit", "mongol", "mongole", "retarde", "retardee",
        "tapette", "fif", "fifi", "gouine", "negre", "negres", "bougnoule", "sauvage", "sauvages", "chienne",
        "vache", "truie", "cochon", "porc", "incompetent", "incompetents", "voleur", "voleurs", "escroc", "crosseur",
        "crosseurs", "menteur", "menteurs", "menteuse", "cul", "degueulasse", "ecoeurant", "ecoeurants",
        "colon", "colons", "bs", "parasite", "parasites", "vidange", "clown", "clowns", "dinde",
    }.ToFrozenSet();

    /// <summary>
    /// Sacres that are also church vocabulary (« le calice de l'église a été restauré »). The
    /// normaliser still reads their masked spellings, but they are not counted as offensive words:
    /// the bundle's lexicon counts them apart, with the words of church life around them.
    /// </summary>
    public static readonly FrozenSet<string> ChurchWords = new[]
    {
        "calice", "hostie", "ciboire", "tabernacle", "sacrement", "sacrament", "calvaire", "christ", "bapteme", "viarge",
    }.ToFrozenSet();

    /// <summary>
    /// Minced oaths: mild on their own (the labelling guide puts a lone « maudit » at 0). A count
    /// of their own lets the models tell them from real sacres instead of lumping them together.
    /// </summary>
    public static readonly FrozenSet<string> MildOaths = new[]
    {
        "maudit", "maudite", "maudits", "maudites", "mautadit", "mautadine", "tabarouette", "tabarnouche", "sapristi",
        "mosus", "torrieux", "ciarge", "cibole", "bonyenne", "batince", "calvince", "caline", "titi", "crime", "misere",
        "sacrifice", "ostination", "puree", "zut", "mince", "verrat",
    }.ToFrozenSet();

    /// <summary>
    /// Provincial and federal partisan politics: parties, their leaders, the two governments and
    /// their institutions. The labelling guide puts it off topic under a municipal post, so the
    /// off-topic model counts it apart from politics in general (<see cref="GeneralPolitics"/>);
    /// the political model counts both. An entry ending in <c>*</c> is a stem (any word that starts
    /// with it, at least as long), as in <see cref="MunicipalTopics"/>.
    /// </summary>
    public static readonly string[] PartisanPolitics =
    [
        "caq", "pq", "plq", "qs", "pcq", "pcc", "npd", "plc", "bloc", "liberal", "liberaux", "conservateur*", "caquiste*",
        "pequiste*", "solidaire*", "legault", "trudeau", "poilievre", "carney", "pspp", "plamondon", "duhaime", "anglade",
        "ottawa", "federal", "federale", "federaux", "provincial", "provinciale", "provinciaux", "referendum",
        "souverainete", "independance", "parlement", "ministre*", "depute*", "gouvernement*",
    ];

    /// <summary>
    /// Politics in general and the town's own elections: voting, candidates, the mayor and the
    /// council members by name, mandates. Whole words. « parti » (also « gone ») and « quebec »
    /// (also the town's province in « la plus belle ville du Québec ») are here, not in
    /// <see cref="PartisanPolitics"/>: too common outside politics to mark a change of subject.
    /// </summary>
    public static readonly FrozenSet<string> GeneralPolitics = new[]
    {
        "election", "elections", "electoral", "voter", "votez", "vote", "votes", "candidat", "candidate", "campagne",
        "maire", "mairesse", "conseiller", "conseillere", "conseillers", "trottier", "gauthier", "belanger", "ouellet",
        "pelletier", "boucher", "cyr", "demission", "dehors", "mandat", "parti", "partis", "quebec", "politicien",
        "politiciens", "politique",
    }.ToFrozenSet();

    /// <summary>Words of selling, buying, promotion and scams.</summary>
    public static readonly FrozenSet<string> Commercial = new[]
    {
        "vendre", "vend", "vends", "vente", "ventes", "prix", "achat", "acheter", "achete", "promo", "promotion",
        "rabais", "solde", "soldes", "special", "gratuit", "gratuite", "livraison", "commande", "commander",
        "boutique", "magasin", "inbox", "mp", "dm", "prive", "contactez", "ecrivez", "texto", "crypto", "bitcoin",
        "investissement", "investir", "profit", "revenu", "domicile", "gagner", "gagne", "concours", "code",
        "lien", "abonnez", "inscrivez", "billets", "billet", "spectacle", "bingo", "soiree", "garage", "negociable",
        "neuf", "usage", "kijiji", "marketplace", "entreprise", "service", "services", "soumission", "estimation",
        "engage", "embauche", "emploi", "salaire", "forfait", "offre", "offert", "disponible", "rendez", "rdv",
    }.ToFrozenSet();

    /// <summary>
    /// Words of the town's own affairs that name no subject of <see cref="MunicipalTopics"/> (its
    /// name, its notices, opening hours, its districts): with every word of a municipal subject
    /// they make the municipal-words signal, which argues against off_topic. The subjects' words are
    /// not repeated here: one list per word.
    /// </summary>
    public static readonly FrozenSet<string> TownWords = new[]
    {
        "senneterre", "avis", "horaire", "ouvert", "ferme", "fermee", "jour", "compte", "quartier", "secteur",
        "riviere", "hydro", "panne", "train", "gare",
    }.ToFrozenSet();
}
