using NetiquetteML.Scoring;

namespace NetiquetteML.Service.Bundles;

/// <summary>
/// A loaded, verified scorer with what identifies its bundle. A request takes one of these once
/// and uses it to the end, so a swap never mixes two bundles in one answer.
/// </summary>
public sealed record ServedBundle(NetiquetteScorer Scorer, string ManifestSha256, DateTimeOffset LoadedUtc)
{
    public string Name => Scorer.Bundle.Manifest.Name;

    public DateTimeOffset TrainedUtc => Scorer.Bundle.Manifest.CreatedUtc;

    /// <summary>Short, stable identity of the bundle: its manifest's SHA-256 (the manifest holds every file's hash).</summary>
    public string Version => ManifestSha256[..12];
}

/// <summary>The bundle in service, swapped atomically by <see cref="BundleWatcher"/>.</summary>
public sealed class BundleHolder
{
    private ServedBundle? _current;

    public ServedBundle? Current => Volatile.Read(ref _current);

    /// <summary>The last bundle refused (verification failed), while it is still the one on disk.</summary>
    public BundleRefusal? LastRefusal { get; internal set; }

    internal void Serve(ServedBundle bundle)
    {
        Volatile.Write(ref _current, bundle);
        LastRefusal = null;
    }
}

public sealed record BundleRefusal(string ManifestSha256, string Reason, DateTimeOffset WhenUtc);
