using NetiquetteML.Scoring;
using NetiquetteML.Service.Bundles;

namespace NetiquetteML.Service.Operations;

/// <summary>
/// One structured line per verdict: route, the caller's id (redacted: an id could hold a phone
/// number), the text's length, the action and how many findings, the bundle. Never the text, the
/// post, the author or a finding's value.
/// </summary>
public sealed partial class VerdictLog(ILogger<VerdictLog> logger)
{
    public bool Enabled => logger.IsEnabled(LogLevel.Information);

    public void Verdict(string route, Verdict verdict, int textLength, ServedBundle bundle)
    {
        if (!Enabled) return;
        var id = verdict.Id is null ? "-" : bundle.Scorer.PersonalInfo.RedactAll(verdict.Id);
        LogVerdict(logger, route, id, textLength, ServiceMetrics.ActionName(verdict.Action), verdict.PersonalInfo.Count, bundle.Version);
    }

    public void Batch(string route, int count, long elapsedMicroseconds, ServedBundle bundle)
    {
        if (!Enabled) return;
        LogBatch(logger, route, count, elapsedMicroseconds, bundle.Version);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information,
        Message = "{Route} id={CommentId} longueur={TextLength} action={Action} renseignements={FindingCount} modèle={BundleVersion}")]
    private static partial void LogVerdict(ILogger logger, string route, string commentId, int textLength, string action, int findingCount, string bundleVersion);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information,
        Message = "{Route} lot de {Count} commentaires en {ElapsedMicroseconds} µs modèle={BundleVersion}")]
    private static partial void LogBatch(ILogger logger, string route, int count, long elapsedMicroseconds, string bundleVersion);
}
