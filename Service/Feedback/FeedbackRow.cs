using System.Security.Cryptography;
using System.Text;
using NetiquetteML.Scoring;

namespace NetiquetteML.Service.Feedback;

/// <summary>
/// One correction as a row of the data contract (shared/LABELS.md): <c>id,post,text</c> and the
/// four labels, which the trainer's loader requires, then columns it ignores and a person auditing
/// the file reads: <c>author</c> (a column the guide defines), which labels the moderator set
/// (<c>labelled_by_moderator</c>; the others are the bundle's decision at its flag threshold),
/// when, and with which bundle.
/// </summary>
public sealed record FeedbackRow(
    string Id, string Post, string Text, bool[] Labels, string Author, string LabelledByModerator, DateTimeOffset CorrectedUtc, string Bundle)
{
    public static readonly string[] Columns =
        ["id", "post", "text", .. Categories.All.Select(c => c.Name()), "author", "labelled_by_moderator", "corrected_utc", "bundle"];

    /// <summary>What makes two submissions the same correction: the comment and its labels (not who sent it or when).</summary>
    public string DedupKey
    {
        get
        {
            var key = string.Join('\u001f', Id, Post, Text, string.Concat(Labels.Select(l => l ? '1' : '0')));
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }
    }

    public string[] ToFields() =>
        [Id, Post, Text, .. Labels.Select(l => l ? "1" : "0"), Author, LabelledByModerator, CorrectedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ"), Bundle];

    public static FeedbackRow FromFields(string[] fields)
    {
        if (fields.Length != Columns.Length) throw new FormatException($"a row has {fields.Length} fields; expected {Columns.Length}.");
        var labels = new bool[Categories.All.Count];
        for (var c = 0; c < labels.Length; c++) labels[c] = fields[3 + c] == "1";
        var i = 3 + labels.Length;
        return new FeedbackRow(fields[0], fields[1], fields[2], labels, fields[i], fields[i + 1],
            DateTimeOffset.Parse(fields[i + 2], System.Globalization.CultureInfo.InvariantCulture), fields[i + 3]);
    }

    /// <summary>An id for a comment sent without one (Perspective requests have none): stable for the same text and post.</summary>
    public static string IdFor(string text, string? post) =>
        "feedback-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((post ?? "") + '\u001f' + text)))[..16];
}
