using NetiquetteML.Scoring;

namespace NetiquetteML.Training.Data;

/// <summary>One row of a labelled file that follows the data contract (shared/LABELS.md).</summary>
public sealed record LabelledComment(
    string Id,
    string Post,
    string Text,
    bool Offensive,
    bool OffTopic,
    bool Political,
    bool Commercial,
    string SourceFile,
    long Line)
{
    /// <summary>
    /// The split group when it is not the post's: a comment re-paired with another post
    /// (<see cref="Learning.OffTopicPairs"/>) stays with the comment it was made from, on the same
    /// side of every split, so its words are never on both sides.
    /// </summary>
    public string? Group { get; init; }

    /// <summary>True for a training example made by re-pairing a real comment with an unrelated post; never evaluated, never calibrated on.</summary>
    public bool Repaired { get; init; }

    /// <summary>The part of the corpus the row belongs to: its id's prefix before the dash (« X-0012 » is X, « AB-0040 » AB; Data/README.md).</summary>
    public string Part => Id.IndexOf('-') is > 0 and var dash ? Id[..dash] : Id;

    /// <summary>
    /// The optional complaint label (LABELS.md version 2): null when the row's file has no
    /// <c>complaint</c> column, and then the row neither teaches the complaint model nor counts for or against it.
    /// </summary>
    public bool? Complaint { get; init; }

    /// <summary>False only for a category the row's file does not label (an optional column it lacks).</summary>
    public bool HasLabel(Category category) => category != Category.Complaint || Complaint.HasValue;
    /// <summary>The optional <c>author</c> column: who wrote it (for the history only, never for the models).</summary>
    public string? Author { get; init; }

    /// <summary>The optional <c>created</c> column (ISO 8601; without an offset, UTC).</summary>
    public DateTimeOffset? Created { get; init; }

    public bool Label(Category category) => category switch
    {
        Category.Offensive => Offensive,
        Category.OffTopic => OffTopic,
        Category.Political => Political,
        Category.Commercial => Commercial,
        Category.Complaint => Complaint == true,
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public Comment ToComment() => new(Text, string.IsNullOrEmpty(Post) ? null : Post, Id, Author, Created);
}

/// <summary>
/// A problem found in an input file, located precisely enough to fix it: <paramref name="French"/>
/// for the staff who read it, <paramref name="Message"/> in English for logs and developers.
/// </summary>
public sealed record CsvProblem(string File, long Line, int? Column, string ColumnName, string Message, string French)
{
    public override string ToString() =>
        Column is { } c
            ? $"{File}:{Line}, column {c} ({ColumnName}): {Message}"
            : $"{File}:{Line}: {Message}";

    public string ToFrench() =>
        Column is { } c
            ? $"{File}:{Line}, colonne {c} ({ColumnName}) : {French}"
            : $"{File}:{Line} : {French}";
}

/// <summary>Thrown when a file breaks the data contract; carries every problem found, not only the first.</summary>
public sealed class DataValidationException(IReadOnlyList<CsvProblem> problems)
    : Exception(Describe(problems, p => p.ToString(),
        "{0} problem(s) in the input; nothing was done (no model trained, no file written):",
        "\n  ... and {0} more problem(s)."))
{
    public IReadOnlyList<CsvProblem> Problems { get; } = problems;

    /// <summary>The same problems in French, as the staff read them.</summary>
    public string French { get; } = Describe(problems, p => p.ToFrench(),
        "erreur : {0} problème(s) dans le fichier (fichier:ligne, colonne) ; rien n'a été fait (aucun modèle entraîné, aucun fichier écrit). Voir docs/labelling-guide.md.",
        "\n  … et {0} autre(s) problème(s).");

    public const int MaxShown = 50;

    private static string Describe(IReadOnlyList<CsvProblem> problems, Func<CsvProblem, string> show, string header, string more)
    {
        var lines = problems.Take(MaxShown).Select(p => "  " + show(p));
        var rest = problems.Count > MaxShown ? string.Format(more, problems.Count - MaxShown) : "";
        return $"{string.Format(header, problems.Count)}\n{string.Join('\n', lines)}{rest}";
    }
}
