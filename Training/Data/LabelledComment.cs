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
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public Comment ToComment() => new(Text, string.IsNullOrEmpty(Post) ? null : Post, Id, Author, Created);
}

/// <summary>A problem found in an input file, located precisely enough to fix it.</summary>
public sealed record CsvProblem(string File, long Line, int? Column, string ColumnName, string Message)
{
    public override string ToString() =>
        Column is { } c
            ? $"{File}:{Line}, column {c} ({ColumnName}): {Message}"
            : $"{File}:{Line}: {Message}";
}

/// <summary>Thrown when a file breaks the data contract; carries every problem found, not only the first.</summary>
public sealed class DataValidationException(IReadOnlyList<CsvProblem> problems)
    : Exception(Describe(problems))
{
    public IReadOnlyList<CsvProblem> Problems { get; } = problems;

    public const int MaxShown = 50;

    private static string Describe(IReadOnlyList<CsvProblem> problems)
    {
        var lines = problems.Take(MaxShown).Select(p => "  " + p);
        var more = problems.Count > MaxShown ? $"\n  ... and {problems.Count - MaxShown} more problem(s)." : "";
        return $"{problems.Count} problem(s) in the input; nothing was done (no model trained, no file written):\n{string.Join('\n', lines)}{more}";
    }
}
