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
    public bool Label(Category category) => category switch
    {
        Category.Offensive => Offensive,
        Category.OffTopic => OffTopic,
        Category.Political => Political,
        Category.Commercial => Commercial,
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public Comment ToComment() => new(Text, string.IsNullOrEmpty(Post) ? null : Post, Id);
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
        return $"{problems.Count} problem(s) in the input; nothing was trained or written:\n{string.Join('\n', lines)}{more}";
    }
}
