using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Scoring.Rules;
using NetiquetteML.Service.Hosting;
using NetiquetteML.Service.Operations;

namespace NetiquetteML.Service.Bundles;

/// <summary>
/// Loads the bundle at start, then follows <c>promote</c> and <c>rollback</c>: they replace the
/// bundle folder by renames, so the watcher polls the manifest's hash (a file watcher would lose
/// the folder it watches at the first rename). A new manifest is loaded and verified beside the
/// bundle in service, warmed up, and swapped in atomically; requests in flight keep the scorer
/// they took. A bundle that fails verification is refused and logged, and the old one stays.
/// </summary>
public sealed partial class BundleWatcher(
    BundleHolder holder, IOptions<ServiceOptions> options, ServicePaths paths, ServiceMetrics metrics, ILogger<BundleWatcher> logger)
    : BackgroundService
{
    private readonly string _bundlePath = paths.Resolve(options.Value.BundlePath);
    private readonly ModerationPolicy _policy = LoadPolicy(options.Value, paths);
    private readonly PersonalInfoOptions? _personalInfo = LoadPersonalInfo(options.Value, paths);

    public string BundlePath => _bundlePath;

    /// <summary>The first load happens before the server listens, so a healthy bundle is served from the first request.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        CheckOnce();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BundlePollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                CheckOnce();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Loads the bundle if its manifest changed since the one served or the one last refused.</summary>
    public void CheckOnce()
    {
        var before = ManifestHash();
        if (before is null || before == holder.Current?.ManifestSha256 || before == holder.LastRefusal?.ManifestSha256) return;

        var stopwatch = Stopwatch.StartNew();
        NetiquetteScorer scorer;
        try
        {
            scorer = NetiquetteScorer.Load(_bundlePath, _policy, _personalInfo);
        }
        catch (Exception e) when (e is BundleException or IOException or UnauthorizedAccessException)
        {
            // A swap in progress (folder renamed away between two reads) is not a broken bundle: try again next tick.
            if (ManifestHash() != before) return;
            holder.LastRefusal = new BundleRefusal(before, e.Message, DateTimeOffset.UtcNow);
            metrics.BundleRefused();
            LogRefused(logger, _bundlePath, before[..12], holder.Current?.Version ?? "aucun", e.Message);
            return;
        }
        if (ManifestHash() != before) return; // swapped again while loading: load the newest next tick

        foreach (var probe in WarmUpComments) scorer.Score(probe);
        var served = new ServedBundle(scorer, before, DateTimeOffset.UtcNow);
        var previous = holder.Current;
        holder.Serve(served);
        metrics.BundleServed(served, previous);
        LogServed(logger, served.Name, served.Version, served.TrainedUtc, previous?.Version ?? "aucun", stopwatch.ElapsedMilliseconds);
    }

    private string? ManifestHash()
    {
        try
        {
            return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_bundlePath, BundleManifest.FileName))));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static readonly Comment[] WarmUpComments =
    [
        new("Merci pour l'information, bonne journée!", "Collecte des encombrants lundi."),
        new("Appelez-moi au 819-555-0142 pour les détails"),
        new("TABARNAK ENCORE UNE PANNE"),
    ];

    private static ModerationPolicy LoadPolicy(ServiceOptions options, ServicePaths paths) =>
        string.IsNullOrWhiteSpace(options.PolicyFile) ? ModerationPolicy.Default : ModerationPolicy.FromJsonFile(paths.Resolve(options.PolicyFile));

    private static PersonalInfoOptions? LoadPersonalInfo(ServiceOptions options, ServicePaths paths) =>
        string.IsNullOrWhiteSpace(options.PersonalInfoFile) ? null : PersonalInfoOptions.FromJson(File.ReadAllText(paths.Resolve(options.PersonalInfoFile)));

    [LoggerMessage(EventId = 10, Level = LogLevel.Information,
        Message = "Modèle en service : {BundleName} version {BundleVersion} entraîné le {TrainedUtc:O} (remplace {PreviousVersion}), chargé et vérifié en {ElapsedMs} ms")]
    private static partial void LogServed(ILogger logger, string bundleName, string bundleVersion, DateTimeOffset trainedUtc, string previousVersion, long elapsedMs);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error,
        Message = "Modèle refusé dans {BundlePath} (manifeste {ManifestVersion}) ; le modèle {ServedVersion} reste en service : {Reason}")]
    private static partial void LogRefused(ILogger logger, string bundlePath, string manifestVersion, string servedVersion, string reason);
}
