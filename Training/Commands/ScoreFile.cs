using System.Globalization;
using CsvHelper;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.History;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Training.Commands;

/// <summary>
/// The CSV side of `score`: the whole input is read and checked first by the strict reader every
/// command uses (<see cref="LabelledCsvLoader.LoadComments"/>), so a malformed row, a duplicate
/// id or a file in the wrong encoding stops the run with every problem listed and nothing written;
/// then verdicts are scored in chunks and streamed out. With --output, a temporary file is moved
/// into place only once every verdict is written.
/// </summary>
public static class ScoreFile
{
    public static readonly IReadOnlyList<string> OutputColumns =
    [
        "id", "action", "offensive", "off_topic", "political", "commercial", "personal_info", "shouting",
        "p_offensive", "p_off_topic", "p_political", "p_commercial", "reasons",
        // Added by LABELS.md version 2, after the columns files already rely on.
        "complaint", "p_complaint",
        // Last of the verdict's columns: 1 when the moderation history found the same content before (always 0 without --history).
        "repeated",
    ];

    // The columns of the first version, in their order; complaint comes after the reasons.
    private static readonly Category[] FirstCategories = [Category.Offensive, Category.OffTopic, Category.Political, Category.Commercial];

    /// <summary>The optional last column: the comment as a person may read it, personal information replaced.</summary>
    public const string RedactedTextColumn = "redacted_text";

    /// <summary>The optional last column: the spans of the original text behind each flagged category (<see cref="EvidenceText.Column"/>).</summary>
    public const string EvidenceColumn = "evidence";

    /// <param name="history">With --history: verdicts completed by the moderation history (and recorded in it), in input order.</param>
    public static long Run(NetiquetteScorer scorer, string input, string? output, bool withText, CancellationToken cancellationToken, bool evidence = false,
        HistoryAwareScorer? history = null)
    {
        var path = RepoPaths.Resolve(input);
        var comments = LabelledCsvLoader.LoadComments(path).Rows.Select(r => r.ToComment()).ToList();
        if (output is null)
        {
            using var stdout = CsvWriter.Create(Console.Out, WriterOptions, leaveOpen: true);
            return Write(scorer, history, comments, stdout, withText, evidence, cancellationToken);
        }

        var full = Path.GetFullPath(output);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".tmp-{Guid.NewGuid():N}";
        try
        {
            long count;
            using (var stream = File.Create(temp))
            using (var writer = CsvWriter.Create(stream, WriterOptions, leaveOpen: true))
            {
                count = Write(scorer, history, comments, writer, withText, evidence, cancellationToken);
            }
            File.Move(temp, full, overwrite: true);
            return count;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static readonly CsvWriterOptions WriterOptions = new() { NewLine = "\n" };

    private static long Write(NetiquetteScorer scorer, HistoryAwareScorer? history, IReadOnlyList<Comment> comments, CsvWriter writer, bool withText, bool evidence, CancellationToken cancellationToken)
    {
        foreach (var column in OutputColumns) writer.WriteField(column);
        if (withText) writer.WriteField(RedactedTextColumn);
        if (evidence) writer.WriteField(EvidenceColumn);
        writer.EndRecord();
        long count = 0;
        // Without the column, no explanation is computed: a file of flagged comments scores as fast as before.
        var explanations = evidence ? Explanations.Flagged : Explanations.None;
        var verdicts = history is null
            ? scorer.ScoreMany(comments, explanations, cancellationToken: cancellationToken)
            : history.ScoreMany(comments, explanations, cancellationToken: cancellationToken);
        foreach (var verdict in verdicts)
        {
            WriteVerdict(writer, verdict);
            if (withText) writer.WriteField(verdict.RedactedText);
            if (evidence) writer.WriteField(EvidenceText.Column(verdict));
            writer.EndRecord();
            count++;
        }
        writer.Flush();
        return count;
    }

    private static string Probability(CategoryScore score) => score.Probability.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>The fields of <see cref="OutputColumns"/> for one verdict; the caller ends the record.</summary>
    internal static void WriteVerdict(CsvWriter writer, Verdict verdict)
    {
        writer.WriteField(verdict.Id ?? string.Empty);
        writer.WriteField(verdict.Action.ToString().ToLowerInvariant());
        foreach (var c in FirstCategories) writer.WriteField(verdict[c].Flagged ? "1" : "0");
        writer.WriteField(verdict.HasPersonalInfo ? "1" : "0");
        writer.WriteField(verdict.Shouting.IsShouting ? "1" : "0");
        foreach (var c in FirstCategories) writer.WriteField(Probability(verdict[c]));
        writer.WriteField(string.Join(" | ", verdict.Reasons));
        writer.WriteField(verdict[Category.Complaint].Flagged ? "1" : "0");
        writer.WriteField(Probability(verdict[Category.Complaint]));
        writer.WriteField(verdict.Repeated ? "1" : "0");
    }
}
