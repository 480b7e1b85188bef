using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Bundles;

namespace NetiquetteML.Training.Bundles;

/// <summary>
/// Puts a challenger in service and keeps every replaced champion under Models/archive/, so
/// rollback can restore it byte for byte. Each step copies into a temporary folder first and
/// swaps with <see cref="BundleStore.Replace"/>: an interruption leaves either the old or the new
/// bundle in service, never a mix.
/// </summary>
public static class BundleArchive
{
    public static string ArchiveRoot(string champion) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(champion))!, "archive");

    /// <summary>Test hook: runs between archiving the champion and swapping in the challenger.</summary>
    internal static Action? AfterArchive { get; set; }

    /// <summary>
    /// Puts <paramref name="challenger"/> in service at <paramref name="champion"/>, named after the
    /// service folder (reports and comparisons follow the bundle in service, not a folder it came from).
    /// Returns the archive of the bundle it replaced, "" when there was none, or null when the
    /// challenger's models are already the ones in service (nothing archived, nothing changed).
    /// </summary>
    public static string? Promote(string challenger, string champion)
    {
        var incoming = ModelBundle.ReadVerifiedManifest(challenger);
        BundleStore.Recover(champion);
        if (Directory.Exists(champion) && SameModels(incoming, champion)) return null;
        var archived = Archive(champion);
        AfterArchive?.Invoke();
        var staged = Stage(challenger, champion);
        var manifestPath = Path.Combine(staged, BundleManifest.FileName);
        var manifest = BundleManifest.FromJson(File.ReadAllText(manifestPath));
        manifest.Name = Path.GetFileName(Path.GetFullPath(champion));
        File.WriteAllText(manifestPath, manifest.ToJson());
        BundleStore.Replace(staged, champion);
        return archived ?? "";
    }

    /// <summary>
    /// Copies the bundle at <paramref name="champion"/> under <see cref="ArchiveRoot"/> before it is
    /// replaced; returns the archive's name, or null when there is no bundle there. A bundle this
    /// version can no longer load (an older normaliser) is archived too, as it is: it is still the
    /// bundle the town ran, and an older NetiquetteML can restore it.
    /// </summary>
    public static string? Archive(string champion)
    {
        if (!File.Exists(Path.Combine(champion, BundleManifest.FileName))) return null;
        var archived = Path.Combine(ArchiveRoot(champion), DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff"));
        Directory.CreateDirectory(archived);
        foreach (var file in Directory.GetFiles(champion)) File.Copy(file, Path.Combine(archived, Path.GetFileName(file)), overwrite: true);
        return Path.GetFileName(archived);
    }

    private static bool SameModels(BundleManifest incoming, string champion)
    {
        try
        {
            var current = ModelBundle.ReadVerifiedManifest(champion);
            return current.Files.Select(f => f.Sha256).Order().SequenceEqual(incoming.Files.Select(f => f.Sha256).Order());
        }
        catch (BundleException)
        {
            return false;
        }
    }

    public static string Rollback(string champion, string? to = null)
    {
        var root = ArchiveRoot(champion);
        var candidates = Directory.Exists(root) ? Directory.GetDirectories(root).Order(StringComparer.Ordinal).ToList() : [];
        var source = to is null ? candidates.LastOrDefault() : candidates.FirstOrDefault(c => Path.GetFileName(c) == to);
        if (source is null)
            throw new InvalidOperationException(to is null ? $"no archived bundle in {root}: nothing to roll back to." : $"no archived bundle '{to}' in {root}.");
        ModelBundle.ReadVerifiedManifest(source);
        BundleStore.Replace(Stage(source, champion), champion);
        Directory.Delete(source, recursive: true);
        return Path.GetFileName(source);
    }

    private static string Stage(string source, string champion)
    {
        var full = Path.GetFullPath(champion);
        var staged = Path.Combine(Path.GetDirectoryName(full)!, $".tmp-{Path.GetFileName(full)}-{Guid.NewGuid():N}");
        try
        {
            CopyVerified(source, staged);
            return staged;
        }
        catch
        {
            if (Directory.Exists(staged)) Directory.Delete(staged, recursive: true);
            throw;
        }
    }

    private static void CopyVerified(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        ModelBundle.ReadVerifiedManifest(to);
    }
}
