using Microsoft.Extensions.Options;
using NetiquetteML.History;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.History;
using NetiquetteML.Service.Hosting;

namespace NetiquetteML.Service.History;

/// <summary>
/// The service's moderation history (Netiquette:History:Path), opened on first use; without a path
/// every call goes straight to the scorer, exactly as without this class.
/// </summary>
public sealed class ServiceHistory(IOptions<ServiceOptions> options, ServicePaths paths) : IDisposable
{
    private readonly Lazy<SqliteModerationHistory?> _store = new(() =>
    {
        var settings = options.Value.History;
        if (!settings.Enabled) return null;
        return SqliteModerationHistory.Open(new HistoryStoreOptions
        {
            Path = paths.Resolve(settings.Path!),
            KeyFile = settings.KeyFile is null ? null : paths.Resolve(settings.KeyFile),
            RetentionDays = settings.RetentionDays,
            FlushInterval = settings.FlushInterval,
        });
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public bool Enabled => options.Value.History.Enabled;

    public SqliteModerationHistory? Store => _store.Value;

    public Verdict Score(NetiquetteScorer scorer, Comment comment, Explanations explanations = Explanations.Flagged) =>
        Store is { } store ? new HistoryAwareScorer(scorer, store).Score(comment, explanations) : scorer.Score(comment, explanations);

    /// <summary>A history session for a batch, or null without a history.</summary>
    public IHistorySession? Begin() => Store?.Begin();

    /// <summary>Scores one comment of a batch, recorded in the batch's <paramref name="session"/> when there is a history.</summary>
    public Verdict Score(IHistorySession? session, NetiquetteScorer scorer, Comment comment, Explanations explanations) =>
        session is null || Store is not { } store ? scorer.Score(comment, explanations) : new HistoryAwareScorer(scorer, store).Score(session, comment, explanations);

    public int Purge() => Store?.Purge(DateTimeOffset.UtcNow) ?? 0;

    public void Dispose()
    {
        if (_store.IsValueCreated) _store.Value?.Dispose();
    }
}

/// <summary>Deletes what is past retention at start, then every Netiquette:History:PurgeInterval.</summary>
public sealed partial class HistoryPurger(ServiceHistory history, IOptions<ServiceOptions> options, ILogger<HistoryPurger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!history.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.History.PurgeInterval);
        do
        {
            try
            {
                var deleted = history.Purge();
                LogPurged(logger, deleted, options.Value.History.RetentionDays);
            }
            catch (Exception e) when (e is HistoryException or Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                LogPurgeFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Historique : {Deleted} entrée(s) de plus de {RetentionDays} jours supprimée(s).")]
    private static partial void LogPurged(ILogger logger, int deleted, int retentionDays);

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "Historique : la purge a échoué ({Reason}).")]
    private static partial void LogPurgeFailed(ILogger logger, string reason);
}
