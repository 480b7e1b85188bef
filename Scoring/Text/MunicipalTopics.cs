namespace NetiquetteML.Scoring.Text;

/// <summary>
/// The subjects of municipal life, each a small hand-written list of normalised words and stems,
/// and the subjects the labelling guide puts outside it (provincial and federal politics;
/// conspiracy and preaching). A comment and its post that share no word can still share a subject
/// (« déneigement » and « ma rue est pas grattée »): what the off-topic model needs to read the
/// relation, not just the overlap of words.
/// </summary>
/// <remarks>
/// An entry ending in <c>*</c> is a stem (any word that starts with it, at least as long); the
/// others match whole words. Words are those of <see cref="TextNormalizer.Normalize(string?)"/>:
/// lower case, no accents, elisions split (« l'égout » → « l egout »).
/// </remarks>
internal static class MunicipalTopics
{
    /// <summary>One bit per municipal subject; <see cref="Lexicons.PartisanPolitics"/> and <see cref="OutsideSubjectWords"/> are kept apart.</summary>
    private static readonly string[] SubjectWords =
    [
        // streets, sidewalks, snow, traffic
        "rue rues avenue chemin route routes rang trottoir* asphalt* pavage pave nids trou trous deneig* neige souffleuse* gratte* " +
        "grattage sablage sable sel glace glissant* banc bancs circulation stationn* detour* chantier* travaux signalisation pont " +
        "ponceau* fosse fosses viaduc vitesse dos lampadaire* lumiere lumieres eclairage feux intersection* arret pieton* " +
        "niveleuse* calcium poussiere gravier",
        // water and sewers
        "eau aqueduc egout* ebullition compteur* conduite* bris inondation* refoulement* pluvial* potable pression borne* " +
        "filtration puits drain* robinet* fuite* tuyau*",
        // waste
        "collecte* poubelle* ordure* dechet* recycl* compost* bac bacs ecocentre encombrant* residu* conteneur* vidanges " +
        "cueillette* sapins",
        // taxes and the town's money
        "taxe taxes taxation evaluation* budget* surplus dette emprunt* tarif* hausse* facture* subvention* " +
        "financier* depense* contribuable* fiscal* paiement* versement*",
        // council and town hall
        "conseil seance* maire mairesse conseiller* reglement* proces verbal resolution* directeur directrice dg administration " +
        "hotel mairie elu elus elue consultation* greffier* greffiere* municipal municipale municipaux municipalite* ville " +
        "citoyen* employe* cols",
        // parks, sport and leisure
        "parc parcs piscine* arena patinoire* jeux terrain* soccer baseball balle sentier* piste* plage* camp loisir* " +
        "glissade* module* skatepark tennis pickleball hockey gym* gymnase* aquatique* natation patin* ski raquette*",
        // culture, library and the town's events
        "bibliotheque* livre livres lecture* spectacle* festival* fete fetes activite* exposition* concert* animation* " +
        "inscription* programmation noel carnaval* defile* artifice* celebration* anniversaire* benevole*",
        // fire, police and emergencies
        "pompier* incendie* feu sopfeu urgence* police policier* sq surete alarme* detecteur* evacuation* crue* sinistr* " +
        "alerte* securite civile ambulance* accident*",
        // animals
        "chien chiens chat chats licence* animal animaux fourriere laisse* jappe* errant* spca chenil* crottes",
        // jobs
        "emploi* poste postes candidature* embauche* cv salaire* journalier* operateur* etudiant* recrutement* " +
        "postuler postule entrevue* job jobs",
        // permits, planning and buildings
        "permis zonage urbanisme renovation* construction* cabanon* cloture* lot lots inspecteur* inspectrice* derogation* " +
        "batiment* terrain agrandissement demolition* logement* residentiel*",
        // health, schools and community services
        "clsc cisss hopital clinique* medecin* infirmier* infirmiere* cpe garderie* ecole* aines aine popote transport " +
        "autobus residence* communautaire organisme* sante",
        // the town's care of its trees, shores and mosquitoes (a lake, a river, the weather or a fishing
        // trip is not municipal life: small talk about them is what the guide calls off topic)
        "arbre* plantation* elagage* abattage* moustique* bti quai* berge* descente environnement " +
        "herbicyclage feuilles",
    ];

    /// <summary>
    /// Subjects the guide names as off topic whatever the post: conspiracy theories and religious
    /// preaching. Not « pecheur »: without accents the sinner (pécheur) is the fisherman (pêcheur).
    /// </summary>
    private const string OutsideSubjectWords =
        "vaccin* 5g chemtrail* complot* conspiration* illuminati* nasa reptilien* plandemie pharma endoctrin* " +
        "mondialist* soros gates jesus seigneur repentez repentir bible biblique apocalypse amen evangile* " +
        "prophet* prophetie* eternel* satan antechrist messie";

    public const int SubjectCount = 13;

    private const int OutsidePoliticsBit = 1 << 13;
    private const int OutsideSubjectBit = 1 << 14;
    private const int SubjectMask = (1 << SubjectCount) - 1;

    private const int ShortestStem = 3;   // a shorter stem would take in unrelated words

    /// <summary>
    /// Every entry with its bit: the words and stems of each subject, of partisan politics and of
    /// the outside subjects. The featurizer folds them into its own word table, so that a word of a
    /// comment is looked up once for every signal.
    /// </summary>
    public static IReadOnlyList<(string Entry, int Bits)> Entries { get; } = BuildEntries();

    private static List<(string Entry, int Bits)> BuildEntries()
    {
        if (SubjectWords.Length != SubjectCount) throw new InvalidOperationException($"{SubjectWords.Length} subjects, {SubjectCount} declared");
        var entries = new List<(string, int)>();
        void Add(IEnumerable<string> words, int bit)
        {
            foreach (var entry in words)
            {
                if (entry.EndsWith('*') && entry.Length - 1 < ShortestStem) throw new InvalidOperationException($"stem '{entry}' shorter than {ShortestStem} letters");
                entries.Add((entry, bit));
            }
        }
        for (var i = 0; i < SubjectWords.Length; i++) Add(SubjectWords[i].Split(' ', StringSplitOptions.RemoveEmptyEntries), 1 << i);
        Add(Lexicons.PartisanPolitics, OutsidePoliticsBit);
        Add(OutsideSubjectWords.Split(' ', StringSplitOptions.RemoveEmptyEntries), OutsideSubjectBit);
        return entries;
    }

    // After Entries: static fields are initialised in the order they are written.
    private static readonly WordTrie Trie = WordTrie.Build(Entries.Select(e => (e.Entry, (uint)e.Bits)));

    /// <summary>The subjects (bits) and outside markers one normalised word belongs to; 0 for most words.</summary>
    public static int Of(ReadOnlySpan<char> word) => (int)Trie.Lookup(word);

    /// <summary>The municipal subjects of a whole normalised text, as bits.</summary>
    public static int SubjectsOf(ReadOnlySpan<char> normalizedText)
    {
        var bits = 0;
        foreach (var range in normalizedText.Split(' '))
        {
            var word = normalizedText[range];
            if (word.Length > 0) bits |= Of(word);
        }
        return bits & SubjectMask;
    }

    public static bool IsOutsidePolitics(int bits) => (bits & OutsidePoliticsBit) != 0;

    public static bool IsOutsideSubject(int bits) => (bits & OutsideSubjectBit) != 0;

    public static int Subjects(int bits) => bits & SubjectMask;
}
