using System.Globalization;
using NetiquetteML.Scoring;
using NetiquetteML.Training.Commands;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Training.Reports;

/// <summary>
/// What every evaluator notebook (notebooks/*.cs) starts with: read --model and --data, load the
/// bundle, read the labelled rows (default: the bundle's held-out rows, as <c>evaluate</c>) and
/// score them once through <see cref="BundleEvaluator"/>.
/// </summary>
public sealed class NotebookSession
{
    private readonly Dictionary<string, string> _options;

    private NotebookSession(NetiquetteScorer scorer, EvaluationData data, IReadOnlyList<ScoredRow> scored, Dictionary<string, string> options)
    {
        Scorer = scorer;
        Data = data;
        Scored = scored;
        _options = options;
    }

    public NetiquetteScorer Scorer { get; }
    public EvaluationData Data { get; }
    public IReadOnlyList<ScoredRow> Scored { get; }

    /// <summary>Parses <c>--model DIR</c>, <c>--data FILE</c> and the notebook's own <paramref name="extraOptions"/>, then loads and scores.</summary>
    /// <exception cref="InputException">An unknown option, or an option without its value.</exception>
    public static NotebookSession Open(string[] args, params string[] extraOptions)
    {
        var known = new HashSet<string>(["model", "data", .. extraOptions], StringComparer.Ordinal);
        if (args.Any(a => a is "--help" or "-h" or "-?")) throw new HelpShownException(Usage(extraOptions));
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !known.Contains(name))
                throw new InputException($"argument « {args[i]} » inconnu ; attendu : {string.Join(" ", known.Select(k => $"[--{k} VALEUR]"))}.", $"unknown argument '{args[i]}'; expected {string.Join(" ", known.Select(k => $"[--{k} VALUE]"))}.");
            if (i + 1 >= args.Length) throw new InputException($"--{name} demande une valeur.", $"--{name} needs a value.");
            options[name] = args[++i];
        }
        var model = options.GetValueOrDefault("model", RepoPaths.DefaultModel);
        var scorer = NetiquetteScorer.Load(RepoPaths.Resolve(model));
        var data = ReportInputs.Load(scorer.Bundle.Manifest, options.GetValueOrDefault("data"));
        if (data.Rows.Count == 0) throw new InputException("aucun commentaire étiqueté à examiner.", "no labelled comment to examine.");
        return new NotebookSession(scorer, data, BundleEvaluator.Score(scorer, data.Rows), options);
    }

    /// <summary>What a notebook accepts, in French: the shared options and its own.</summary>
    public static string Usage(IEnumerable<string> extraOptions) =>
        "Options du carnet :\n" +
        "  --model DOSSIER   modèle à examiner (par défaut : Models/netiquette)\n" +
        "  --data FICHIER    commentaires étiquetés (par défaut : les commentaires de test du modèle)\n" +
        string.Concat(extraOptions.Select(o => $"  --{o} VALEUR\n")) +
        "Exemple : dotnet run notebooks/errors.cs -- --data Evaluation/independent.csv";

    /// <summary>The value of one of the notebook's own options, or <paramref name="fallback"/>.</summary>
    public string? Option(string name, string? fallback = null) => _options.TryGetValue(name, out var value) ? value : fallback;

    /// <summary>An integer option, or <paramref name="fallback"/>.</summary>
    public int IntOption(string name, int fallback) =>
        _options.TryGetValue(name, out var s)
            ? int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new InputException($"--{name} attend un entier positif, pas « {s} ».", $"--{name} expects a positive integer, not '{s}'.")
            : fallback;

    /// <summary>Prints the notebook's title, the bundle and the data examined, in French.</summary>
    public void PrintHeader(string title)
    {
        var m = Scorer.Bundle.Manifest;
        Print(title);
        Print(new string('=', title.Length));
        Print($"Modèle : « {m.Name} », entraîné le {m.CreatedUtc.ToUniversalTime():yyyy-MM-dd HH:mm} UTC");
        Print(Data.HeldOut
            ? $"Données : les {Fr.Int(Scored.Count)} commentaires réservés au test du modèle (jamais vus à l'entraînement)"
            : $"Données : {Fr.Int(Scored.Count)} commentaires du fichier « {Data.Source} »");
        Print("");
    }

    /// <summary>Prints a line through <see cref="SafeConsole"/>, so no personal information is ever shown in clear.</summary>
    public static void Print(string line) => SafeConsole.Out(line);

    /// <summary>Prints a section heading.</summary>
    public static void Section(string title)
    {
        Print("");
        Print(title);
        Print(new string('-', title.Length));
    }
}
