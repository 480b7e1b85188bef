using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Scoring.Rules;
using NetiquetteML.Training.Commands;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Training.Reports;

/// <summary>What <see cref="PrecisionReport.Write"/> produced.</summary>
/// <param name="Folder">The report folder.</param>
/// <param name="Files">The files written, by name.</param>
/// <param name="Metrics">The content of metrics.json.</param>
/// <param name="Previous">The previous report's metrics that were compared, if any.</param>
public sealed record ReportResult(string Folder, IReadOnlyList<string> Files, ReportMetrics Metrics, ReportMetrics? Previous);

/// <summary>
/// The evaluators' precision report of a bundle on labelled rows: report.html (self-contained),
/// report.md, metrics.json and the PNG charts, written to a temporary folder and moved into place
/// at the end. Scores through <see cref="BundleEvaluator"/>, so its numbers are those of <c>evaluate</c>.
/// No comment, post or id is written without redaction.
/// </summary>
public static class PrecisionReport
{
    public const string HtmlFile = "report.html";
    public const string MarkdownFile = "report.md";
    public const int WorstErrors = 20;

    public static string PrecisionRecallFile(Category category) => $"precision-rappel-{category.Name()}.png";

    public static string CalibrationFile(Category category) => $"calibration-{category.Name()}.png";

    /// <summary>Scores <paramref name="data"/> with <paramref name="scorer"/> and writes the report into <paramref name="outputFolder"/>.</summary>
    public static ReportResult Write(NetiquetteScorer scorer, EvaluationData data, string outputFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rows.Count == 0) throw new InputException("aucun commentaire étiqueté à évaluer ; le rapport demande au moins une ligne.", "no labelled comment to evaluate; the report needs at least one row.");

        var folder = Path.GetFullPath(outputFolder);
        if (File.Exists(folder)) throw new InputException($"{outputFolder} est un fichier ; --output doit être un dossier.", $"{outputFolder} is a file; --output must be a folder.");
        var previous = ReportMetrics.TryRead(folder, out var previousProblem);

        cancellationToken.ThrowIfCancellationRequested();
        var scored = BundleEvaluator.Score(scorer, data.Rows);
        var metrics = BundleEvaluator.Metrics(scored);
        cancellationToken.ThrowIfCancellationRequested();

        var parent = Path.GetDirectoryName(folder.TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar))}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var context = new Context(scorer, data, scored, metrics, previous, previousProblem, DateTimeOffset.UtcNow);
            DrawCharts(context, temp, cancellationToken);
            var reportMetrics = BuildMetrics(context);
            var document = BuildDocument(context);

            File.WriteAllText(Path.Combine(temp, MarkdownFile), MarkdownReportRenderer.Render(document));
            File.WriteAllText(Path.Combine(temp, HtmlFile), HtmlReportRenderer.Render(document, temp));
            File.WriteAllText(Path.Combine(temp, ReportMetrics.FileName), reportMetrics.ToJson());
            cancellationToken.ThrowIfCancellationRequested();

            // Charts first, metrics.json last: an interrupted move never leaves new metrics next to old pages.
            var files = Directory.GetFiles(temp).Select(Path.GetFileName).OfType<string>()
                .OrderBy(f => f == ReportMetrics.FileName ? 3 : f == HtmlFile ? 2 : f == MarkdownFile ? 1 : 0)
                .ThenBy(f => f, StringComparer.Ordinal).ToList();
            Directory.CreateDirectory(folder);
            foreach (var file in files) File.Move(Path.Combine(temp, file), Path.Combine(folder, file), overwrite: true);
            return new ReportResult(folder, files, reportMetrics, previous);
        }
        finally
        {
            try
            {
                if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private sealed record Context(
        NetiquetteScorer Scorer,
        EvaluationData Data,
        IReadOnlyList<ScoredRow> Scored,
        Dictionary<string, CategoryMetrics> Metrics,
        ReportMetrics? Previous,
        string? PreviousProblem,
        DateTimeOffset Now)
    {
        public BundleManifest Manifest => Scorer.Bundle.Manifest;

        public Dictionary<Category, IReadOnlyList<CalibrationBin>> Calibration { get; } =
            Categories.All.ToDictionary(c => c, c => ReportAnalysis.Calibration(Scored, c));

        public RuleCounts Rules { get; } = ReportAnalysis.Rules(Scored);

        public bool ReviewOnly(Category c) => Scorer.Policy.IsReviewOnly(c);

        public int FlaggedCount(Category c) => Scored.Count(s => s.Verdict[c].Flagged);

        public int RemovedCount(Category c) => Scored.Count(s => s.Verdict[c].AboveRemove);
    }

    private static void DrawCharts(Context context, string folder, CancellationToken cancellationToken)
    {
        foreach (var category in Categories.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var probabilities = ReportAnalysis.Probabilities(context.Scored, category);
            var labels = ReportAnalysis.Labels(context.Scored, category);
            var thresholds = context.Manifest.For(category).Thresholds;
            var flag = ReportAnalysis.Point(probabilities, labels, thresholds.Flag);
            var remove = thresholds.RemoveTargetReached && !context.ReviewOnly(category) ? ReportAnalysis.Point(probabilities, labels, thresholds.Remove) : null;
            var label = NetiquetteClauses.Label(category);
            try
            {
                ReportCharts.PrecisionRecall(Path.Combine(folder, PrecisionRecallFile(category)), $"{label} — précision et rappel",
                    BinaryMetrics.Curve(probabilities, labels), flag, remove, labels.Count(l => l));
                ReportCharts.Calibration(Path.Combine(folder, CalibrationFile(category)), $"{label} — calibration",
                    context.Calibration[category]);
            }
            catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                throw new InvalidOperationException($"could not draw the report's charts ({e.GetType().Name}: {e.Message}); ScottPlot needs SkiaSharp's native library for this platform.", e);
            }
        }
    }

    private static ReportMetrics BuildMetrics(Context context) => new()
    {
        CreatedUtc = context.Now,
        // Redacted as in the HTML and Markdown: a file or bundle name can be anything a user typed.
        BundleName = SafeConsole.Redact(context.Manifest.Name),
        BundleCreatedUtc = context.Manifest.CreatedUtc,
        ToolVersion = SafeConsole.Redact(context.Manifest.ToolVersion),
        TrainingDataSha256 = context.Manifest.TrainingData.Sha256,
        DataSource = SafeConsole.Redact(context.Data.Source),
        DataSha256 = context.Data.Sha256,
        Rows = context.Scored.Count,
        Categories = Categories.All.ToDictionary(c => c.Name(), c => context.Metrics[c.Name()]),
        Thresholds = Categories.All.ToDictionary(c => c.Name(), c => context.Manifest.For(c).Thresholds),
        CalibrationError = Categories.All.ToDictionary(c => c.Name(), c => ReportAnalysis.CalibrationError(context.Calibration[c])),
        PersonalInfoFindings = context.Rules.Findings.ToDictionary(kv => KindKey(kv.Key), kv => kv.Value),
        CommentsWithPersonalInfo = context.Rules.CommentsWithPersonalInfo,
        ShoutingComments = context.Rules.ShoutingComments,
    };

    /// <summary>camelCase name of a kind, as the JSON files of the project write enum names.</summary>
    public static string KindKey(PersonalInfoKind kind) => char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];

    private static string Title(Category c) => $"{NetiquetteClauses.Label(c)} ({c.Name()})";

    private static string Date(DateTimeOffset d) => d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", Fr.Culture);

    private static ReportDocument BuildDocument(Context x)
    {
        var m = x.Manifest;
        var doc = new ReportDocument($"Rapport de précision — modèle « {SafeConsole.Redact(m.Name)} »");

        // --- Data and model -----------------------------------------------------------------
        doc.Heading(2, "Modèle et données évaluées");
        doc.Bullets(
            $"Modèle : « {SafeConsole.Redact(m.Name)} », entraîné le {Date(m.CreatedUtc)} (outil {SafeConsole.Redact(m.ToolVersion)}) à partir de {Fr.Int(m.TrainingData.Files.Sum(f => f.Rows))} commentaires étiquetés, dont {Fr.Int(m.Split.TestRows)} réservés au test (empreinte SHA-256 des données : {Short(m.TrainingData.Sha256)}).",
            x.Data.HeldOut
                ? $"Données évaluées : les {Fr.Int(x.Scored.Count)} commentaires réservés au test lors de l'entraînement (publications jamais vues par le modèle), relus dans les fichiers d'entraînement."
                : $"Données évaluées : {Fr.Int(x.Scored.Count)} commentaires du fichier « {SafeConsole.Redact(x.Data.Source)} » (SHA-256 {Short(x.Data.Sha256)}).",
            $"Rapport produit le {Date(x.Now)}.");
        doc.Paragraph("Chaque commentaire est jugé par le même code que la commande « evaluate » : les chiffres de ce rapport sont ceux qu'elle affiche. " +
            "Un commentaire est « signalé » dans une catégorie quand sa probabilité atteint le seuil « à vérifier » de cette catégorie.");

        // --- Per-category metrics -----------------------------------------------------------
        doc.Heading(2, "Résultats par catégorie");
        doc.Table("lrrrrrr",
            ["Catégorie", "Exemples positifs", "Précision", "Rappel", "F1", "Précision moyenne (AP)", "Écart de calibration"],
            Categories.All.Select(c =>
            {
                var cm = x.Metrics[c.Name()];
                return (IReadOnlyList<string>)[Title(c), Fr.Int(cm.Support), Fr.N3(cm.Precision), Fr.N3(cm.Recall), Fr.N3(cm.F1), Fr.N3(cm.AveragePrecision),
                    Fr.N3(ReportAnalysis.CalibrationError(x.Calibration[c]))];
            }));
        doc.Bullets(
            "Précision : parmi les commentaires signalés, la part qui enfreint vraiment la nétiquette. C'est la mesure qui protège les citoyens d'une modération abusive.",
            "Rappel : parmi les commentaires qui enfreignent la nétiquette, la part signalée.",
            "F1 : moyenne harmonique de la précision et du rappel.",
            "Précision moyenne (AP) : qualité du classement par probabilité, indépendamment de tout seuil ; 1 est parfait, et la proportion d'exemples positifs correspond au hasard.",
            "Écart de calibration : écart moyen entre la probabilité annoncée et la proportion réellement positive (0 est parfait ; voir les courbes de calibration).",
            "Exemples positifs : nombre de commentaires étiquetés 1 dans la catégorie ; sous une trentaine, les mesures sont très incertaines.");

        // --- Thresholds ---------------------------------------------------------------------
        doc.Heading(2, "Seuils de fonctionnement");
        doc.Paragraph("Les seuils sont choisis à l'entraînement, sur des probabilités hors échantillon (validation croisée) : « à vérifier » est le plus bas seuil dont la précision atteint la cible avec 95 % de confiance " +
            "(borne inférieure de Wilson), « retrait » le plus bas dont la précision atteint de même sa cible, plus exigeante. Quand la cible « à vérifier » n'est pas atteignable, ce seuil se replie sur le meilleur F1 ; " +
            "quand la cible « retrait » ne l'est pas, le retrait automatique est désactivé pour la catégorie. Une catégorie marquée « meilleur F1 » n'a pas de précision visée : elle ne retire jamais un commentaire, " +
            "et son seuil « à vérifier » est celui du meilleur F1, où un commentaire manqué et une vérification inutile pèsent autant. Les colonnes « ici » disent ce que donnent ces seuils sur les données de ce rapport.");
        doc.Heading(3, "Seuil « à vérifier » (un modérateur examine le commentaire)");
        doc.Table("lrrlrrrrr",
            ["Catégorie", "Seuil", "Précision visée", "Atteinte", "Précision (validation)", "Rappel (validation)", "Signalés ici", "Précision ici", "Rappel ici"],
            Categories.All.Select(c =>
            {
                var t = m.For(c).Thresholds;
                var cm = x.Metrics[c.Name()];
                var flagged = x.FlaggedCount(c);
                var bestF1 = t.FlagObjective == FlagObjective.BestF1;
                return (IReadOnlyList<string>)[Title(c), Fr.N3(t.Flag), bestF1 ? "—" : Fr.N2(t.FlagPrecisionTarget),
                    bestF1 ? "meilleur F1 visé" : t.FlagTargetReached ? "oui" : "non (meilleur F1)", Fr.N3(t.FlagValidationPrecision), Fr.N3(t.FlagValidationRecall),
                    $"{Fr.Int(flagged)} ({Fr.Percent((double)flagged / x.Scored.Count)})", flagged == 0 ? "—" : Fr.N3(cm.Precision), Fr.N3(cm.Recall)];
            }));
        doc.Heading(3, "Seuil « retrait » (le commentaire est retiré automatiquement)");
        doc.Table("lrrlrrrrr",
            ["Catégorie", "Seuil", "Précision visée", "Atteinte", "Précision (validation)", "Rappel (validation)", "Retirés ici", "Précision ici", "Rappel ici"],
            Categories.All.Select(c =>
            {
                var t = m.For(c).Thresholds;
                var cm = x.Metrics[c.Name()];
                var removed = x.RemovedCount(c);
                var threshold = x.ReviewOnly(c) ? "aucun (politique)" : t.RemoveTargetReached ? Fr.N3(t.Remove) : "désactivé";
                return (IReadOnlyList<string>)[Title(c), threshold, Fr.N2(t.RemovePrecisionTarget), Fr.YesNo(t.RemoveTargetReached),
                    t.RemoveTargetReached ? Fr.N3(t.RemoveValidationPrecision) : "—", t.RemoveTargetReached ? Fr.N3(t.RemoveValidationRecall) : "—",
                    $"{Fr.Int(removed)} ({Fr.Percent((double)removed / x.Scored.Count)})", removed == 0 ? "—" : Fr.N3(cm.RemovePrecision), Fr.N3(cm.RemoveRecall)];
            }));
        var reviewOnly = Categories.All.Where(c => x.ReviewOnly(c) && !ModerationPolicy.NeverActedOn.Contains(c)).Select(Title).ToList();
        if (reviewOnly.Count > 0)
            doc.Paragraph($"Selon la politique de modération, {string.Join(", ", reviewOnly)} ne va jamais au-delà de « à vérifier » : aucun retrait automatique pour cette catégorie.");
        foreach (var c in ModerationPolicy.NeverActedOn)
            doc.Paragraph($"{Title(c)} ne change jamais la décision : le commentaire reçoit la réponse suggérée qui renvoie vers le bureau municipal, et n'est vérifié ou retiré que pour une autre raison.");
        doc.Heading(3, "Décisions sur ces données (modèles et règles ensemble)");
        doc.Table("lrr", ["Décision", "Commentaires", "Part"],
            new[] { ModerationAction.Allow, ModerationAction.Review, ModerationAction.Remove }.Select(a =>
            {
                var n = x.Scored.Count(s => s.Verdict.Action == a);
                return (IReadOnlyList<string>)[VerdictText.ActionName(a), Fr.Int(n), Fr.Percent((double)n / x.Scored.Count)];
            }));

        // --- Confusion ----------------------------------------------------------------------
        doc.Heading(2, "Matrices de confusion (au seuil « à vérifier »)");
        doc.Table("lrrrrr", ["Catégorie", "Vrais positifs", "Faux positifs", "Faux négatifs", "Vrais négatifs", "Total"],
            Categories.All.Select(c =>
            {
                var cm = x.Metrics[c.Name()];
                return (IReadOnlyList<string>)[Title(c), Fr.Int(cm.TruePositives), Fr.Int(cm.FalsePositives), Fr.Int(cm.FalseNegatives), Fr.Int(cm.TrueNegatives), Fr.Int(cm.Rows)];
            }));
        doc.Bullets(
            "Vrais positifs : signalés et étiquetés 1. Faux positifs : signalés à tort (étiquetés 0).",
            "Faux négatifs : étiquetés 1 mais non signalés. Vrais négatifs : ni signalés ni étiquetés.");

        // --- Comparison ---------------------------------------------------------------------
        doc.Heading(2, "Comparaison avec le rapport précédent");
        AddComparison(doc, x);

        // --- Charts -------------------------------------------------------------------------
        doc.Heading(2, "Courbes précision–rappel et calibration");
        doc.Bullets(
            "Courbe précision–rappel : chaque point est un seuil possible ; plus la courbe reste haute vers la droite, mieux le modèle sépare les cas. Les marqueurs montrent les seuils « à vérifier » et « retrait » du modèle.",
            "Calibration : les commentaires sont groupés par tranche de probabilité (0–0,1, 0,1–0,2, …) ; un point sous la diagonale veut dire que le modèle surestime le risque, au-dessus qu'il le sous-estime. Le tableau sous chaque paire de courbes donne les tranches ; une tranche de quelques commentaires seulement est peu fiable.");
        foreach (var c in Categories.All)
        {
            doc.Heading(3, Title(c));
            doc.Figure(
                new ReportDocument.ImageRef(PrecisionRecallFile(c), $"Courbe précision–rappel : {NetiquetteClauses.Label(c)}"),
                new ReportDocument.ImageRef(CalibrationFile(c), $"Courbe de calibration : {NetiquetteClauses.Label(c)}"));
            doc.Table("lrrr", ["Tranche de probabilité", "Commentaires", "Probabilité moyenne", "Proportion positive"],
                x.Calibration[c].Select(b => (IReadOnlyList<string>)[$"{Fr.N2(b.Low)} – {Fr.N2(b.High)}", Fr.Int(b.Count), Fr.N3(b.MeanProbability), Fr.Percent(b.ObservedRate)]));
        }

        // --- Worst errors -------------------------------------------------------------------
        doc.Heading(2, "Erreurs les plus marquées");
        doc.Paragraph($"Pour chaque catégorie, les {WorstErrors} faux positifs de plus forte probabilité et les {WorstErrors} faux négatifs de plus faible probabilité. " +
            "Les renseignements personnels y sont remplacés par des marqueurs ([TÉLÉPHONE], [COURRIEL], [ADRESSE], [NAS]…). Une « erreur » est parfois une étiquette à corriger : " +
            "ces listes servent autant à relire l'étiquetage qu'à voir ce que le modèle ne comprend pas. " +
            "La colonne « Passages trompeurs » donne les mots qui ont égaré le modèle, avec leur part du score brut : pour un faux positif, ceux qui l'ont fait monter ; " +
            "pour un faux négatif, ceux qui l'ont retenu sous le seuil.");
        foreach (var c in Categories.All)
        {
            var cm = x.Metrics[c.Name()];
            doc.Heading(3, Title(c));
            AddErrors(doc, $"Faux positifs (signalés à tort) — {Math.Min(WorstErrors, cm.FalsePositives)} sur {Fr.Int(cm.FalsePositives)}",
                ReportAnalysis.WorstFalsePositives(x.Scored, c, WorstErrors, x.Scorer));
            AddErrors(doc, $"Faux négatifs (manqués) — {Math.Min(WorstErrors, cm.FalseNegatives)} sur {Fr.Int(cm.FalseNegatives)}",
                ReportAnalysis.WorstFalseNegatives(x.Scored, c, WorstErrors, x.Scorer));
        }

        // --- Rules --------------------------------------------------------------------------
        doc.Heading(2, "Règles déterministes : renseignements personnels et majuscules");
        doc.Paragraph("Ces règles ne dépendent pas des modèles. Ce tableau ne donne que des comptes : les valeurs trouvées ne sont jamais reproduites. " +
            "Les coordonnées publiques de la Ville (téléphone, courriels @ville.senneterre.qc.ca, adresse de l'hôtel de ville) ne sont pas comptées.");
        var rules = x.Rules;
        var ruleRows = Enum.GetValues<PersonalInfoKind>()
            .Select(k => (IReadOnlyList<string>)[Capitalise(NetiquetteClauses.KindName(k)), Fr.Int(rules.Findings[k]), Fr.Int(rules.Comments[k])])
            .Append(["Au moins un renseignement personnel", Fr.Int(rules.Findings.Values.Sum()), Fr.Int(rules.CommentsWithPersonalInfo)])
            .Append(["Texte en majuscules (cri)", "—", Fr.Int(rules.ShoutingComments)]);
        doc.Table("lrr", ["Règle", "Détections", "Commentaires touchés"], ruleRows);
        doc.Paragraph($"Sur {Fr.Int(rules.Rows)} commentaires. Un commentaire avec un renseignement personnel est retiré selon la politique par défaut ; un texte en majuscules est envoyé « à vérifier ».");

        doc.Heading(2, "Fichiers du rapport");
        doc.Bullets(
            $"{HtmlFile} : cette page, autonome (images incluses).",
            $"{MarkdownFile} : le même contenu en Markdown, les images étant les fichiers PNG du dossier.",
            $"{ReportMetrics.FileName} : les mesures lisibles par programme (celles de « evaluate »), les seuils, le nom du modèle, l'empreinte et le nombre de lignes des données ; le prochain rapport écrit dans ce dossier s'en sert pour la comparaison.",
            "precision-rappel-*.png et calibration-*.png : les courbes.");
        return doc;
    }

    private static void AddComparison(ReportDocument doc, Context x)
    {
        var p = x.Previous;
        if (p is null)
        {
            doc.Paragraph(x.PreviousProblem is null
                ? "Aucun rapport précédent dans ce dossier : la prochaine exécution dans le même dossier montrera les écarts avec celui-ci."
                : $"Le rapport précédent n'a pas pu être comparé : {x.PreviousProblem}");
            return;
        }
        var sameData = p.DataSource == x.Data.Source && p.DataSha256 == x.Data.Sha256 && p.Rows == x.Scored.Count;
        var sameBundle = p.BundleName == x.Manifest.Name && p.BundleCreatedUtc == x.Manifest.CreatedUtc && p.TrainingDataSha256 == x.Manifest.TrainingData.Sha256;
        doc.Paragraph($"Rapport précédent du {Date(p.CreatedUtc)} : modèle « {SafeConsole.Redact(p.BundleName)} » entraîné le {Date(p.BundleCreatedUtc)}, " +
            (p.DataSource == ReportInputs.HeldOutSource ? "données réservées au test du modèle" : $"données « {SafeConsole.Redact(p.DataSource)} »") +
            $" ({Fr.Int(p.Rows)} commentaires, SHA-256 {Short(p.DataSha256)}). " +
            "Chaque cellule donne la valeur précédente, la valeur actuelle et l'écart.");
        if (!sameData)
            doc.Paragraph("Attention : les données évaluées ne sont pas les mêmes que celles du rapport précédent ; les écarts mêlent l'effet du modèle et celui des données.");
        if (sameBundle && sameData)
            doc.Paragraph("Même modèle et mêmes données que le rapport précédent : les écarts devraient être nuls.");
        else if (sameData)
            doc.Paragraph("Mêmes données, autre modèle : les écarts mesurent l'effet du changement de modèle.");
        doc.Table("lrrrrrr", ["Catégorie", "Précision", "Rappel", "F1", "Précision moyenne (AP)", "Exemples positifs", "Seuil « à vérifier »"],
            Categories.All.Select(c =>
            {
                var now = x.Metrics[c.Name()];
                if (!p.Categories.TryGetValue(c.Name(), out var before)) return (IReadOnlyList<string>)[Title(c), "—", "—", "—", "—", "—", "—"];
                var flagNow = x.Manifest.For(c).Thresholds.Flag;
                var flagBefore = p.Thresholds.TryGetValue(c.Name(), out var t) ? t.Flag : double.NaN;
                return (IReadOnlyList<string>)[Title(c),
                    Change(before.Precision, now.Precision), Change(before.Recall, now.Recall), Change(before.F1, now.F1),
                    Change(before.AveragePrecision, now.AveragePrecision),
                    $"{Fr.Int(before.Support)} → {Fr.Int(now.Support)} ({Fr.DeltaInt(now.Support - before.Support)})",
                    double.IsNaN(flagBefore) ? Fr.N3(flagNow) : Change(flagBefore, flagNow)];
            }));
    }

    private static string Change(double before, double now) => $"{Fr.N3(before)} → {Fr.N3(now)} ({Fr.Delta(now - before)})";

    private static void AddErrors(ReportDocument doc, string heading, IReadOnlyList<ErrorExample> examples)
    {
        doc.Heading(4, heading);
        if (examples.Count == 0)
        {
            doc.Paragraph("Aucun.");
            return;
        }
        doc.Table("rrllll", ["#", "Probabilité", "Identifiant", "Commentaire (caviardé)", "Passages trompeurs", "Publication (début, caviardée)"],
            examples.Select((e, i) => (IReadOnlyList<string>)[(i + 1).ToString(Fr.Culture), Fr.N3(e.Probability), e.Id,
                ReportAnalysis.Shorten(e.Text, 400), e.Misleading.Length == 0 ? "—" : e.Misleading, e.Post.Length == 0 ? "—" : ReportAnalysis.Shorten(e.Post, 120)]));
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] + "…" : sha;

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpper(s[0], Fr.Culture) + s[1..];
}
