using System.Globalization;
using CsvHelper;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Policy;

namespace NetiquetteML.Training.Commands;

/// <summary>
/// The CSV side of `score`: streams rows in, verdicts out, in chunks, so memory stays flat
/// whatever the input size. With --output, writes a temporary file and moves it into place only
/// when every row was read, so a malformed row never leaves a half-written file.
/// </summary>
public static class ScoreFile
{
    public static readonly IReadOnlyList<string> OutputColumns =
    [
        "id", "action", "offensive", "off_topic", "political", "commercial", "personal_info", "shouting",
        "p_offensive", "p_off_topic", "p_political", "p_commercial", "reasons",
    ];

    public static long Run(NetiquetteScorer scorer, string input, string? output, CancellationToken cancellationToken)
    {
        var path = RepoPaths.Resolve(input);
        if (!File.Exists(path)) throw new InputException($"{input}: file not found.");
        // Check the header before writing anything, so a wrong file prints an error and nothing else.
        using (var header = ReadComments(path).GetEnumerator()) header.MoveNext();
        if (output is null)
        {
            using var stdout = CsvWriter.Create(Console.Out, WriterOptions, leaveOpen: true);
            return Write(scorer, path, stdout, cancellationToken);
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
                count = Write(scorer, path, writer, cancellationToken);
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

    private static long Write(NetiquetteScorer scorer, string path, CsvWriter writer, CancellationToken cancellationToken)
    {
        foreach (var column in OutputColumns) writer.WriteField(column);
        writer.EndRecord();
        long count = 0;
        foreach (var verdict in scorer.ScoreMany(ReadComments(path), cancellationToken: cancellationToken))
        {
            WriteVerdict(writer, verdict);
            count++;
        }
        writer.Flush();
        return count;
    }

    internal static void WriteVerdict(CsvWriter writer, Verdict verdict)
    {
        writer.WriteField(verdict.Id ?? string.Empty);
        writer.WriteField(verdict.Action.ToString().ToLowerInvariant());
        foreach (var c in Categories.All) writer.WriteField(verdict[c].Flagged ? "1" : "0");
        writer.WriteField(verdict.HasPersonalInfo ? "1" : "0");
        writer.WriteField(verdict.Shouting.IsShouting ? "1" : "0");
        foreach (var c in Categories.All) writer.WriteField(verdict[c].Probability.ToString("0.0000", CultureInfo.InvariantCulture));
        writer.WriteField(string.Join(" | ", verdict.Reasons));
        writer.EndRecord();
    }

    /// <summary>Reads id, text and optional post lazily; a malformed row stops the run with its line.</summary>
    internal static IEnumerable<Comment> ReadComments(string path)
    {
        using var reader = CsvReader.FromFile(path, new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            IncludeValuesInExceptions = false,
        });
        int idIndex, textIndex, postIndex;
        try
        {
            reader.ReadHeader();
            if (reader.Headers.Count == 0) throw new InputException($"{path}:1: the file is empty; expected a header with at least id,text.");
            var headers = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
            idIndex = headers.IndexOf("id");
            textIndex = headers.IndexOf("text");
            postIndex = headers.IndexOf("post");
            if (idIndex < 0 || textIndex < 0)
                throw new InputException($"{path}:1: missing column '{(idIndex < 0 ? "id" : "text")}'; the input needs at least id,text (post optional). Found: {string.Join(',', headers)}.");
        }
        catch (CsvFormatException e)
        {
            throw new InputException($"{path}:{e.LineNumber}: malformed CSV header ({e.Message}).");
        }

        while (true)
        {
            Comment comment;
            try
            {
                if (!reader.Read()) yield break;
                comment = new Comment(
                    Field(reader, textIndex),
                    postIndex >= 0 ? NullIfEmpty(Field(reader, postIndex)) : null,
                    Field(reader, idIndex));
            }
            catch (CsvFormatException e)
            {
                throw new InputException($"{path}:{(e.LineNumber > 0 ? e.LineNumber : e.RecordNumber)}: malformed CSV row ({e.Message}); nothing was written to the output file.");
            }
            yield return comment;
        }
    }

    private static string Field(CsvReader reader, int index) => index < reader.FieldCount ? reader.GetString(index) ?? string.Empty : string.Empty;

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
