using NetiquetteML.Scoring;
using NetiquetteML.Service.Api;
using NetiquetteML.Service.Bundles;
using NetiquetteML.Service.Operations;

namespace NetiquetteML.Service.Feedback;

/// <summary>
/// Turns a moderator's correction (native or Perspective's suggestscore) into a row of the month's
/// labels file. A partial correction (some categories only) is completed with the decision of the
/// bundle in service at its flag threshold, and the row says which labels the moderator gave
/// (<c>labelled_by_moderator</c>), so the file stays loadable by <c>train</c> (it needs all four)
/// and an auditor can tell a human's label from the model's.
/// </summary>
public sealed partial class FeedbackRecorder(FeedbackCsvStore store, ServiceMetrics metrics, TimeProvider time, ILogger<FeedbackRecorder> logger)
{
    public sealed record Result(FeedbackResponse? Response, ServiceProblem? Problem);

    public async Task<Result> RecordAsync(ServedBundle bundle, ModerateRequest comment, IReadOnlyDictionary<Category, bool> given,
        CancellationToken cancellationToken)
    {
        var text = comment.Text!;
        if (new[] { text, comment.Post, comment.Id, comment.Author }.Any(f => f?.Contains('\0') == true))
            return new Result(null, Problems.Invalid("nul_character",
                "Une correction ne peut pas contenir le caractère NUL (U+0000) : le fichier d'étiquettes ne serait plus lisible par `train`.",
                "A correction cannot contain the NUL character (U+0000): `train` could no longer read the labels file."));
        var id = string.IsNullOrWhiteSpace(comment.Id) ? FeedbackRow.IdFor(text, comment.Post) : comment.Id.Trim();
        var labels = new bool[Categories.All.Count];
        if (given.Count < labels.Length)
        {
            var verdict = bundle.Scorer.Score(new Comment(text, comment.Post, id));
            foreach (var score in verdict.Categories) labels[(int)score.Category] = score.Flagged;
        }
        foreach (var (category, value) in given) labels[(int)category] = value;
        var byModerator = Categories.All.Where(given.ContainsKey).Select(c => c.Name()).ToList();
        var row = new FeedbackRow(id, comment.Post ?? "", text, labels, comment.Author ?? "", string.Join(';', byModerator),
            time.GetUtcNow(), $"{bundle.Name}@{bundle.Version}");

        FeedbackOutcome outcome;
        try
        {
            // Not cancelled with the request: once queued, a correction is written even if the caller hangs up.
            outcome = await store.AppendAsync(row);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
        {
            LogFailed(logger, bundle.Scorer.PersonalInfo.RedactAll(id), store.FileNameFor(row.CorrectedUtc), e.GetType().Name, e.Message);
            return new Result(null, Problems.FeedbackFailed());
        }
        var outcomeName = outcome.ToString().ToLowerInvariant();
        metrics.Feedback(outcomeName);
        var fileName = store.FileNameFor(row.CorrectedUtc);
        LogRecorded(logger, bundle.Scorer.PersonalInfo.RedactAll(id), text.Length, outcomeName, fileName, row.LabelledByModerator);
        return new Result(new FeedbackResponse(outcomeName, id, fileName,
            Categories.All.ToDictionary(c => c.Name(), c => labels[(int)c]), byModerator), null);
    }

    public static ServiceProblem UnknownLabel(string name) => Problems.Invalid("unknown_label",
        $"L'étiquette « {name} » n'existe pas ; les étiquettes sont offensive, off_topic, political et commercial (les règles, renseignements personnels et cri, ne s'étiquettent pas).",
        $"The label '{name}' does not exist; the labels are offensive, off_topic, political and commercial (the rules, personal information and shouting, are not labelled).");

    [LoggerMessage(EventId = 30, Level = LogLevel.Information,
        Message = "Correction id={CommentId} longueur={TextLength} résultat={Outcome} fichier={FileName} étiquettes du modérateur={Labels}")]
    private static partial void LogRecorded(ILogger logger, string commentId, int textLength, string outcome, string fileName, string labels);

    [LoggerMessage(EventId = 31, Level = LogLevel.Error,
        Message = "Correction id={CommentId} non écrite dans {FileName} : {ErrorType} {ErrorMessage}")]
    private static partial void LogFailed(ILogger logger, string commentId, string fileName, string errorType, string errorMessage);
}
