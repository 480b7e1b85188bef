using NetiquetteML.Scoring.Text;
using NetiquetteML.Training.Commands;

namespace NetiquetteML.Training.Data;

/// <summary>
/// Builds the models' <see cref="Lexicon"/> from the files of <c>Data/lexicons/</c> (see its NOTICE):
/// the project's own categorised terms (<see cref="OwnFile"/>), and the single words of the vendored
/// outside lists (<see cref="OutsideFiles"/>), minus the curated false friends, each categorised by
/// the longest root of <see cref="CategoryRootsFile"/> that starts it (an Insult otherwise).
/// Everything is compared after <see cref="TextNormalizer"/>, the normaliser the models see.
/// </summary>
public static class LexiconFiles
{
    public const string OwnFile = "netiquette-fr.tsv";
    public const string FalseFriendsFile = "false-friends.txt";
    public const string CategoryRootsFile = "outside-categories.tsv";
    public static readonly IReadOnlyList<string> OutsideFiles = ["ldnoobw-fr.txt", "french-badwords-list.txt"];

    /// <summary>Every file the lexicon is built from, for the manifest's record of what a bundle was trained on.</summary>
    public static IEnumerable<string> Files(string directory) =>
        new[] { OwnFile, FalseFriendsFile, CategoryRootsFile }.Concat(OutsideFiles).Select(f => Path.Combine(directory, f));

    public static Lexicon Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new InputException($"{directory} : le dossier des lexiques est absent (il doit contenir {OwnFile} et les listes externes).", $"{directory}: the lexicon folder is missing (expected {OwnFile} and the outside lists there).");
        var problems = new List<CsvProblem>();
        var own = ReadOwn(Path.Combine(directory, OwnFile), problems);
        var roots = ReadRoots(Path.Combine(directory, CategoryRootsFile), problems);
        if (problems.Count > 0) throw new DataValidationException(problems);

        var falseFriends = Lines(Path.Combine(directory, FalseFriendsFile)).Select(l => TextNormalizer.Normalize(l.Text)).ToHashSet(StringComparer.Ordinal);
        var ownTerms = own.Select(e => TextNormalizer.Normalize(e.Term)).ToHashSet(StringComparer.Ordinal);
        var outside = OutsideFiles
            .SelectMany(f => Lines(Path.Combine(directory, f)))
            .Select(l => TextNormalizer.Normalize(l.Text))
            .Where(IsUsableOutsideWord)
            .Where(w => !falseFriends.Contains(w) && !ownTerms.Contains(w))
            .Distinct(StringComparer.Ordinal)
            .Select(w => new LexiconEntry(w, CategoryOf(w, roots)));
        return Lexicon.Create(own.Concat(outside));
    }

    /// <summary>
    /// Only single words of letters are taken from the outside lists: their phrases are mostly
    /// built on words the lists already hold, and entries whose leetspeak the normaliser reads
    /// differently (« c@xxnombre ») or that are two letters long would count noise.
    /// </summary>
    internal static bool IsUsableOutsideWord(string normalized) =>
        normalized.Length >= 3 && !normalized.StartsWith("xx", StringComparison.Ordinal) && normalized.All(char.IsAsciiLetterLower);

    internal static LexiconCategory CategoryOf(string word, IReadOnlyList<(string Root, LexiconCategory Category)> roots)
    {
        var best = roots.Where(r => word.StartsWith(r.Root, StringComparison.Ordinal)).OrderByDescending(r => r.Root.Length).FirstOrDefault();
        return best.Root is null ? LexiconCategory.Insult : best.Category;
    }

    private static List<LexiconEntry> ReadOwn(string path, List<CsvProblem> problems) =>
        ReadTable(path, problems).Select(r => new LexiconEntry(r.Key, r.Category)).ToList();

    private static List<(string Root, LexiconCategory Category)> ReadRoots(string path, List<CsvProblem> problems) =>
        ReadTable(path, problems).Select(r => (TextNormalizer.Normalize(r.Key), r.Category)).ToList();

    private static IEnumerable<(string Key, LexiconCategory Category)> ReadTable(string path, List<CsvProblem> problems)
    {
        foreach (var (text, line) in Lines(path))
        {
            var fields = text.Split('\t');
            if (fields.Length != 2 || fields[0].Trim().Length == 0)
            {
                problems.Add(new CsvProblem(path, line, null, "", "expected a term, a tab and a category.", "attendu : un terme, une tabulation et une catégorie."));
                continue;
            }
            if (!Enum.TryParse<LexiconCategory>(fields[1].Trim(), ignoreCase: false, out var category) || !Enum.IsDefined(category))
            {
                problems.Add(new CsvProblem(path, line, 2, "category",
                    $"unknown category '{fields[1].Trim()}'; expected one of {string.Join(", ", Lexicon.Categories)}.",
                    $"catégorie « {fields[1].Trim()} » inconnue ; valeurs permises : {string.Join(", ", Lexicon.Categories)}."));
                continue;
            }
            yield return (fields[0].Trim(), category);
        }
    }

    /// <summary>Non-blank lines that are not comments (« # »), with their line numbers.</summary>
    private static IEnumerable<(string Text, long Line)> Lines(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path} : fichier de lexique absent.", $"{path}: lexicon file missing.");
        long number = 0;
        foreach (var line in File.ReadLines(path, System.Text.Encoding.UTF8))
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            yield return (text, number);
        }
    }
}
