using System.Text;

namespace NetiquetteML.Service.Feedback;

/// <summary>
/// The small part of RFC 4180 the correction files need: write a record (fields quoted when they
/// hold a comma, a quote, a line break or edge spaces; quotes doubled) and read a whole file back.
/// The service keeps no CSV library: Scoring must not have one, and the trainer's (CsvHelper) is
/// Training's concern; the trainer's loader is what checks these files in the tests.
/// </summary>
public static class Rfc4180
{
    public static void AppendRecord(StringBuilder output, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) output.Append(',');
            var field = fields[i];
            if (NeedsQuotes(field)) output.Append('"').Append(field.Replace("\"", "\"\"")).Append('"');
            else output.Append(field);
        }
        output.Append('\n');
    }

    private static bool NeedsQuotes(string field) =>
        field.Length > 0 && (field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1]));

    /// <summary>Reads every record; throws <see cref="FormatException"/> on a quote left open or text after a closing quote.</summary>
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF') i = 1;
        var atRecordStart = true;
        while (i < text.Length)
        {
            atRecordStart = false;
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("a quoted field is never closed.");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
                if (i < text.Length && text[i] is not (',' or '\r' or '\n')) throw new FormatException("text after a closing quote.");
            }
            while (i < text.Length && text[i] is not (',' or '\r' or '\n')) field.Append(text[i++]);
            fields.Add(field.ToString());
            field.Clear();
            if (i >= text.Length) break;
            if (text[i] == ',') { i++; continue; }
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            i++;
            records.Add([.. fields]);
            fields.Clear();
            atRecordStart = true;
        }
        if (!atRecordStart && fields.Count > 0) records.Add([.. fields]);
        return records;
    }
}
