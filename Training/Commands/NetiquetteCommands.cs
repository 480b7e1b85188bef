using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Scoring.Text;
using NetiquetteML.Training.Bundles;
using NetiquetteML.Training.Data;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Training.Commands;

/// <summary>NetiquetteML: train, evaluate and run the French comment moderation models.</summary>
public sealed class NetiquetteCommands
{
    /// <summary>Train the offensive, off_topic, political and commercial models and write a verified bundle.</summary>
    /// <param name="data">Labelled CSV files, comma-separated (default: every *.csv in Data/).</param>
    /// <param name="output">Bundle folder to write; replaced only when the new bundle is complete and verified.</param>
    /// <param name="seed">Seed of the grouped split, the folds and the learners.</param>
    /// <param name="folds">Number of grouped cross-validation folds used to compare learners and calibrate.</param>
    /// <param name="testFraction">Share of posts held out for the test split.</param>
    /// <param name="learners">Learners to compare, comma-separated (SdcaLogisticRegression,FastTree), or auto: SDCA, plus FastTree while the training split has at most 10,000 rows.</param>
    /// <param name="fastTreeTrees">Number of trees of FastTree.</param>
    /// <param name="ngramsPerCategory">Word and character n-grams kept per category (the most telling by χ²); the models read their union.</param>
    /// <param name="preferLatest">When files disagree on the labels of the same id or text, keep the later file's labels instead of stopping.</param>
    /// <param name="lexicons">Folder of the lexicon files counted into the models' features (see Data/lexicons/NOTICE.md).</param>
    /// <param name="repairedOffTopicShare">Off-topic examples made by re-pairing comments with unrelated posts, at most this many per training row (0, the default, makes none: see the README).</param>
    public int Train(string[]? data = null, string output = RepoPaths.DefaultModel, int seed = 42, int folds = 4,
        double testFraction = 0.2, string learners = Learners.Automatic, int fastTreeTrees = LearnerSettings.DefaultFastTreeTrees,
        int ngramsPerCategory = 1_500, bool preferLatest = false, string lexicons = RepoPaths.DefaultLexicons,
        double repairedOffTopicShare = 0, CancellationToken cancellationToken = default) => CommandGuard.Run(() =>
    {
        if (repairedOffTopicShare is < 0 or > 1) throw new InputException("--repaired-off-topic-share doit être entre 0 et 1.", "--repaired-off-topic-share must be between 0 and 1.");
        // Options first: a typo in --learners should not wait for every file to load.
        var learnerKinds = Learners.Parse(learners, "--learners");
        var files = ResolveData(data);
        SafeConsole.Out($"Lecture de {files.Count} fichier(s) étiqueté(s) : {string.Join(", ", files.Select(Path.GetFileName))}");
        var loaded = LabelledCsvLoader.LoadAll(files, preferLatest);
        var rows = loaded.SelectMany(f => f.Rows).ToList();
        SafeConsole.Out($"{rows.Count} commentaires ; positifs : {string.Join(", ", Categories.All.Select(c => $"{c.Name()} {rows.Count(r => r.Label(c))}"))}");
        var lexicon = LexiconFiles.Load(RepoPaths.Resolve(lexicons));
        SafeConsole.Out($"Lexique : {lexicon.Entries.Count} termes ({string.Join(", ", Lexicon.Categories.Select(c => $"{c} {lexicon.Entries.Count(e => e.Category == c)}"))})");

        var options = new TrainingOptions
        {
            Seed = seed,
            Folds = folds,
            TestFraction = testFraction,
            Learners = learnerKinds,
            LearnerSettings = new LearnerSettings { FastTreeTrees = fastTreeTrees },
            Features = new FeatureOptions { NgramsPerCategory = ngramsPerCategory, Lexicon = lexicon },
            RepairedOffTopicShare = repairedOffTopicShare,
        };
        var trained = new ModelTrainer(options, SafeConsole.Out).Train(rows, cancellationToken);
        var destination = RepoPaths.Resolve(output);
        var (manifest, metrics, archived) = BundleWriter.WriteArchiving(trained, loaded, destination, Path.GetFileName(Path.GetFullPath(destination)), cancellationToken, preferLatest);
        if (archived is not null) SafeConsole.Out($"\nLe modèle qui était dans {destination} est archivé sous {archived} (pour revenir en arrière : rollback).");

        SafeConsole.Out($"\nModèle écrit dans {destination} (SHA-256 des données {manifest.TrainingData.Sha256[..12]}…).");
        SafeConsole.Out($"Jeu de test mis de côté ({manifest.Split.TestRows} commentaires sous {manifest.Split.TestPosts} publications jamais vues à l'entraînement), au seuil de signalement :");
        SafeConsole.Out(BundleEvaluator.Table(metrics, manifest));
        ReportUnreachedTargets(manifest);
        return ExitCodes.Success;
    });

    /// <summary>Evaluate a bundle on a labelled file and print the per-category table.</summary>
    /// <param name="model">Bundle folder.</param>
    /// <param name="data">Labelled CSV file (default: the bundle's held-out test rows, read from the files it was trained on in Data/). It may label only some categories (e.g. only offensive): the others are shown as absent.</param>
    public int Evaluate(string model = RepoPaths.DefaultModel, string? data = null) => CommandGuard.Run(() =>
    {
        var scorer = NetiquetteScorer.Load(RepoPaths.Resolve(model));
        var file = data is null ? null : LabelledCsvLoader.LoadPartlyLabelled(RepoPaths.Resolve(data));
        var rows = file?.Rows ?? EvaluationRows(scorer.Bundle.Manifest, null);
        var metrics = BundleEvaluator.Metrics(BundleEvaluator.Score(scorer, rows), file?.LabelColumns);
        SafeConsole.Out($"{rows.Count} commentaires{(data is null ? " (le jeu de test mis de côté du modèle)" : $" de {data}")}, au seuil de signalement :");
        SafeConsole.Out(BundleEvaluator.Table(metrics, scorer.Bundle.Manifest));
        return ExitCodes.Success;
    });

    /// <summary>Score comments: a CSV file (id,text[,post]) to CSV, or one --text for a person at a terminal.</summary>
    /// <param name="input">CSV file with at least the columns id and text (post optional; other columns ignored).</param>
    /// <param name="text">One comment to judge, printed as a readable French verdict.</param>
    /// <param name="post">With --text: the post the comment answers.</param>
    /// <param name="model">Bundle folder.</param>
    /// <param name="output">Output CSV (default: standard output). Written to a temporary file, then moved.</param>
    /// <param name="policy">JSON file overriding the moderation policy.</param>
    /// <param name="withText">With --input: add a column redacted_text, the comment with personal information replaced, so a person can read the verdicts without the input beside them.</param>
    /// <param name="evidence">With --input: add a last column evidence, for each flagged category « category=start-end[,start-end…] » (offsets into the original text, UTF-16 code units, end exclusive, strongest first), categories separated by « ; ».</param>
    /// <param name="explainAll">With --text: explain every category, not only the flagged ones.</param>
    /// <param name="history">Moderation history file (SQLite, created on first use): repeated content, campaigns and repeat offenders are looked up in it and every verdict is recorded (no text, no author in clear).</param>
    /// <param name="historyKey">With --history: the history's key file (default: the history file followed by .key).</param>
    /// <param name="author">With --text: who wrote the comment (for the history).</param>
    public int Score(string? input = null, string? text = null, string? post = null, string model = RepoPaths.DefaultModel,
        string? output = null, string? policy = null, bool withText = false, bool evidence = false, bool explainAll = false,
        string? history = null, string? historyKey = null, string? author = null,
        CancellationToken cancellationToken = default) => CommandGuard.Run(() =>
    {
        if ((input is null) == (text is null)) throw new InputException("donnez soit --input FICHIER.csv, soit --text \"commentaire\" (un des deux).", "give either --input FILE.csv or --text \"comment\".");
        var moderation = policy is null ? null : ModerationPolicy.FromJsonFile(policy);
        var scorer = NetiquetteScorer.Load(RepoPaths.Resolve(model), moderation);
        using var store = history is null ? null : NetiquetteML.History.SqliteModerationHistory.Open(HistoryCommands.Options(RepoPaths.Resolve(history), historyKey));
        var remembering = store is null ? null : new NetiquetteML.Scoring.History.HistoryAwareScorer(scorer, store);
        if (text is not null)
        {
            var comment = new Comment(text, post, Author: author);
            var explanations = explainAll ? Explanations.All : Explanations.Flagged;
            var verdict = remembering is null ? scorer.Score(comment, explanations) : remembering.Score(comment, explanations);
            SafeConsole.Out(VerdictText.Describe(verdict, text));
            return ExitCodes.Success;
        }
        var count = ScoreFile.Run(scorer, input!, output, withText, cancellationToken, evidence, remembering);
        if (output is not null) SafeConsole.Error($"{count} commentaires évalués dans {output}.");
        return ExitCodes.Success;
    });

    internal static IReadOnlyList<string> ResolveData(string[]? data)
    {
        if (data is { Length: > 0 }) return data.Select(RepoPaths.Resolve).ToList();
        var folder = RepoPaths.Resolve(RepoPaths.DefaultData);
        var files = DataHash.DefaultFiles(folder);
        if (files.Count == 0) throw new InputException($"aucun fichier CSV étiqueté dans « {folder} » ; indiquez --data FICHIER.csv.", $"no labelled CSV file in '{folder}'; pass --data FILE.csv.");
        return files;
    }

    /// <summary>The rows to evaluate: a given file, or the held-out ids of the bundle found in its training files.</summary>
    public static IReadOnlyList<LabelledComment> EvaluationRows(BundleManifest manifest, string? data) =>
        data is not null ? LabelledCsvLoader.LoadOne(RepoPaths.Resolve(data)).Rows : HeldOutRows(manifest, TrainingRows(manifest));

    /// <summary>Every row of the files the bundle was trained on, read from Data/ as the bundle read them.</summary>
    internal static IReadOnlyList<LabelledComment> TrainingRows(BundleManifest manifest)
    {
        var folder = RepoPaths.Resolve(RepoPaths.DefaultData);
        var files = manifest.TrainingData.Files.Select(f => Path.Combine(folder, f.Name)).ToList();
        var missing = files.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0) throw new InputException($"les fichiers d'entraînement du modèle ne sont pas dans {folder} ({string.Join(", ", missing.Select(Path.GetFileName))}) ; indiquez --data FICHIER.csv.", $"the bundle's training files are not in {folder} ({string.Join(", ", missing.Select(Path.GetFileName))}); pass --data FILE.csv.");
        return LabelledCsvLoader.LoadAll(files, manifest.TrainingData.PreferLatest).SelectMany(f => f.Rows).ToList();
    }

    /// <summary>The bundle's held-out rows among <paramref name="trainingRows"/> (<see cref="TrainingRows"/>).</summary>
    internal static IReadOnlyList<LabelledComment> HeldOutRows(BundleManifest manifest, IReadOnlyList<LabelledComment> trainingRows)
    {
        var ids = manifest.Split.TestIds.ToHashSet(StringComparer.Ordinal);
        var rows = trainingRows.Where(r => ids.Contains(r.Id)).ToList();
        if (rows.Count != ids.Count)
            throw new InputException($"seulement {rows.Count} des {ids.Count} lignes de test du modèle sont dans {RepoPaths.Resolve(RepoPaths.DefaultData)} : les données ont changé depuis l'entraînement. Réentraînez, ou indiquez --data FICHIER.csv.", $"only {rows.Count} of the bundle's {ids.Count} held-out rows are in {RepoPaths.Resolve(RepoPaths.DefaultData)}: the data changed since training. Retrain, or pass --data FILE.csv.");
        return rows;
    }

    private static void ReportUnreachedTargets(BundleManifest manifest)
    {
        foreach (var category in Categories.All)
        {
            var t = manifest.For(category).Thresholds;
            if (!t.FlagTargetReached)
                SafeConsole.Out($"note : {category.Name()} : la précision visée pour le signalement ({t.FlagPrecisionTarget:0.00}) n'est pas atteignable sur les données de validation ; seuil placé au meilleur F1 ({t.Flag:0.000}).");
            if (!t.RemoveTargetReached)
                SafeConsole.Out($"note : {category.Name()} : la précision visée pour le retrait ({t.RemovePrecisionTarget:0.00}) n'est pas atteignable sur les données de validation ; aucun retrait automatique pour cette catégorie.");
        }
    }
}
