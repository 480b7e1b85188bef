namespace NetiquetteML.Training.Commands.Help;

/// <summary>The French words of the help (<see cref="CommandHelp"/>); a test checks that every option has its own.</summary>
public static class HelpTexts
{
    public static readonly string[] Order = ["score", "train", "evaluate", "suggest", "compare", "promote", "rollback", "confirm", "report", "bench", "history"];

    private static readonly Dictionary<string, string> Summaries = new()
    {
        ["score"] = "juger des commentaires : un fichier CSV (id, text, post facultatif) vers un CSV de décisions, ou un seul --text lisible à l'écran",
        ["train"] = "entraîner les cinq modèles sur les fichiers étiquetés et écrire un nouveau modèle vérifié",
        ["evaluate"] = "mesurer un modèle sur des commentaires étiquetés (précision, rappel, F1, AP par catégorie)",
        ["suggest"] = "choisir, dans un export de la page, les commentaires les plus utiles à étiqueter",
        ["compare"] = "comparer un modèle candidat à celui en service sur les mêmes commentaires; code 3 s'il régresse",
        ["promote"] = "mettre un modèle candidat en service s'il ne régresse pas; l'ancien est archivé",
        ["rollback"] = "remettre en service le dernier modèle archivé (ou celui nommé par --to)",
        ["confirm"] = "mesurer la précision du retrait automatique sur des commentaires de la page et écrire la politique qui ne le permet que là où il est confirmé",
        ["report"] = "écrire un rapport de précision en français (HTML, Markdown, JSON, graphiques) pour les évaluateurs",
        ["bench"] = "mesurer la vitesse et la mémoire du jugement (ou de l'entraînement avec --training)",
        ["history"] = "l'historique de modération : le dossier d'un auteur, les comptes de la page par semaine, catégorie et décision, la purge de ce qui dépasse la conservation",
    };

    private static readonly Dictionary<string, string> Options = new()
    {
        ["score/--input"] = "fichier CSV des commentaires à juger (colonnes id et text, post facultative)",
        ["score/--text"] = "un seul commentaire à juger, affiché en français",
        ["score/--post"] = "avec --text : le texte de la publication à laquelle le commentaire répond",
        ["score/--model"] = "dossier du modèle à utiliser",
        ["score/--output"] = "fichier CSV des décisions à écrire (sinon : à l'écran)",
        ["score/--policy"] = "fichier JSON de la politique de modération (retraits confirmés, seuils, termes de la Ville)",
        ["score/--with-text"] = "ajouter une colonne redacted_text : le commentaire, renseignements personnels masqués",
        ["score/--evidence"] = "ajouter une dernière colonne evidence : pour chaque catégorie signalée, les passages du texte (début-fin) qui ont fait monter le score, du plus fort au plus faible",
        ["score/--explain-all"] = "avec --text : montrer les indices de toutes les catégories, pas seulement des catégories signalées",
        ["score/--history"] = "fichier de l'historique de modération (créé au premier usage) : contenu répété, campagnes, récidives; chaque décision y est gardée, sans texte ni nom en clair",
        ["score/--history-key"] = "avec --history : fichier de la clé secrète de l'historique",
        ["score/--author"] = "avec --text : l'auteur du commentaire (pour l'historique)",
        ["history/--history"] = "fichier de l'historique de modération",
        ["history/--author"] = "l'auteur tel que la plateforme le nomme : son dossier, sous un pseudonyme (le nom n'est jamais conservé)",
        ["history/--summary"] = "les comptes de la page par semaine, par catégorie et constat, par décision",
        ["history/--purge"] = "supprimer ce qui dépasse la durée de conservation",
        ["history/--retention-days"] = "avec --purge : nombre de jours d'historique à garder",
        ["history/--policy"] = "fichier JSON de la politique (section history : fenêtre et nombre de retraits d'une récidive)",
        ["history/--history-key"] = "fichier de la clé secrète de l'historique",
        ["train/--data"] = "fichiers CSV étiquetés, séparés par des virgules",
        ["train/--output"] = "dossier du nouveau modèle (remplacé seulement s'il est complet et vérifié)",
        ["train/--seed"] = "graine du partage apprentissage/test et des modèles (même graine, même résultat)",
        ["train/--folds"] = "nombre de plis de la validation croisée",
        ["train/--test-fraction"] = "part des publications gardées de côté pour le test",
        ["train/--learners"] = "algorithmes comparés : auto, ou SdcaLogisticRegression,FastTree",
        ["train/--fast-tree-trees"] = "nombre d'arbres de FastTree",
        ["train/--ngrams-per-category"] = "n-grammes gardés par catégorie (les plus révélateurs)",
        ["train/--prefer-latest"] = "quand deux fichiers étiquettent différemment le même commentaire, garder le plus récent au lieu de s'arrêter",
        ["train/--lexicons"] = "dossier des lexiques (voir Data/lexicons/NOTICE.md)",
        ["train/--repaired-off-topic-share"] = "exemples hors sujet fabriqués en déplaçant des commentaires sous d'autres publications, par ligne (0 : aucun)",
        ["evaluate/--model"] = "dossier du modèle à mesurer",
        ["evaluate/--data"] = "fichier CSV étiqueté; il peut n'étiqueter que certaines catégories",
        ["suggest/--input"] = "fichier CSV des commentaires non étiquetés (id, text, post facultative)",
        ["suggest/--model"] = "dossier du modèle à utiliser",
        ["suggest/--count"] = "nombre de commentaires à proposer",
        ["suggest/--output"] = "fichier CSV prêt à étiqueter (garde le texte tel qu'écrit; à l'écran, il est masqué)",
        ["compare/--challenger"] = "dossier du modèle candidat",
        ["compare/--champion"] = "dossier du modèle en service",
        ["compare/--data"] = "fichier CSV étiqueté sur lequel comparer",
        ["compare/--tolerance"] = "perte permise de précision moyenne ou de F1 avant de parler de régression",
        ["compare/--all"] = "lister tous les commentaires dont la décision change (sinon : les 30 premiers)",
        ["promote/--challenger"] = "dossier du modèle candidat",
        ["promote/--champion"] = "dossier du modèle en service",
        ["promote/--data"] = "fichier CSV étiqueté sur lequel comparer",
        ["promote/--tolerance"] = "perte permise avant de refuser",
        ["promote/--force"] = "mettre en service même si la comparaison trouve une régression",
        ["rollback/--champion"] = "dossier du modèle en service",
        ["rollback/--to"] = "nom de l'archive à restaurer (voir Models/archive/)",
        ["confirm/--data"] = "commentaires de la page étiquetés par la Ville (jamais vus à l'entraînement)",
        ["confirm/--output"] = "fichier JSON de la politique à écrire (ses autres réglages sont gardés)",
        ["confirm/--model"] = "dossier du modèle dont les seuils de retrait sont mesurés",
        ["confirm/--min-precision"] = "part des retraits qui doivent être justes pour permettre le retrait automatique",
        ["confirm/--min-removed"] = "nombre minimal de commentaires au-dessus du seuil pour que la mesure compte",
        ["report/--model"] = "dossier du modèle à mesurer",
        ["report/--data"] = "fichier CSV étiqueté",
        ["report/--output"] = "dossier du rapport",
        ["bench/--model"] = "dossier du modèle à mesurer",
        ["bench/--json"] = "écrire aussi tous les chiffres dans ce fichier JSON",
        ["bench/--training"] = "mesurer l'entraînement au lieu du jugement",
        ["bench/--batch-size"] = "commentaires jugés par la mesure en lot",
        ["bench/--batch-seconds"] = "durée maximale de la mesure en lot, en secondes",
        ["bench/--training-sizes"] = "avec --training : tailles de corpus, séparées par des virgules",
        ["bench/--training-minutes"] = "avec --training : une taille dont la durée prévue dépasse ces minutes est sautée",
        ["bench/--training-folds"] = "avec --training : plis de la validation croisée",
        ["bench/--training-learners"] = "avec --training : algorithmes comparés",
        ["bench/--training-trees"] = "avec --training : arbres de FastTree",
    };

    private static readonly Dictionary<string, string[]> ExampleLines = new()
    {
        ["score"] = ["score --text \"Gang de caves au conseil\"", "score --input export-page.csv --history moderation.db --output decisions.csv", "score --input export-page.csv --output decisions.csv --with-text", "score --input export-page.csv --policy politique.json"],
        ["train"] = ["train --output Models/candidat", "train --data Data/comments.csv,Data/labels-2026-12.csv --output Models/candidat"],
        ["evaluate"] = ["evaluate", "evaluate --data Evaluation/independent.csv"],
        ["suggest"] = ["suggest --input export-page.csv --count 100 --output a-etiqueter.csv"],
        ["compare"] = ["compare --challenger Models/candidat"],
        ["promote"] = ["promote --challenger Models/candidat"],
        ["rollback"] = ["rollback", "rollback --to 20261202-101500"],
        ["confirm"] = ["confirm --data page-etiquetee.csv --output politique.json"],
        ["report"] = ["report", "report --data Evaluation/independent.csv --output reports/independant"],
        ["bench"] = ["bench", "bench --training"],
        ["history"] = ["history --history moderation.db --summary", "history --history moderation.db --author \"Julie Tremblay\"", "history --history moderation.db --purge --retention-days 180"],
    };

    private static readonly Dictionary<string, string> ValueNames = new()
    {
        ["--model"] = "DOSSIER", ["--champion"] = "DOSSIER", ["--challenger"] = "DOSSIER", ["--lexicons"] = "DOSSIER",
        ["--text"] = "\"TEXTE\"", ["--post"] = "\"TEXTE\"", ["--to"] = "NOM", ["--learners"] = "LISTE",
        ["--training-learners"] = "LISTE", ["--training-sizes"] = "LISTE", ["--author"] = "ID",
    };

    private static readonly Dictionary<string, string> EmptyDefaults = new()
    {
        ["--data"] = "par défaut : selon la commande, tous les CSV de Data/ ou les commentaires de test du modèle",
        ["--output"] = "par défaut : à l'écran, ou le dossier habituel",
        ["--text"] = "facultatif",
        ["--input"] = "facultatif",
        ["--post"] = "facultatif",
        ["--policy"] = "par défaut : la politique prudente (aucun retrait automatique par les modèles)",
        ["--json"] = "facultatif",
        ["--history"] = "facultatif : sans lui, aucun historique",
        ["--history-key"] = "par défaut : le fichier de l'historique suivi de .key",
        ["--author"] = "facultatif",
        ["--to"] = "par défaut : la plus récente",
    };

    public static string Summary(string command) => Summaries.GetValueOrDefault(command, "");

    public static string Option(string command, string option) => Options.GetValueOrDefault($"{command}/{option}", "");

    public static bool HasOption(string command, string option) => Options.ContainsKey($"{command}/{option}");

    public static IReadOnlyList<string> Examples(string command) => ExampleLines.GetValueOrDefault(command, []);

    public static string ValueName(string option) => ValueNames.GetValueOrDefault(option, option.Contains("output") || option.Contains("json") ? "CHEMIN" : "FICHIER");

    public static string? EmptyDefault(string option) => EmptyDefaults.GetValueOrDefault(option);
}
