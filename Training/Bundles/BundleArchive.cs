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

    public static string Promote(string challenger, string champion)
    {
        ModelBundle.ReadVerifiedManifest(challenger);
        BundleStore.Recover(champion);
        string? archived = null;
        if (Directory.Exists(champion))
        {
            archived = Path.Combine(ArchiveRoot(champion), DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff"));
            CopyVerified(champion, archived);
        }
        AfterArchive?.Invoke();
        var staged = Stage(challenger, champion);
        BundleStore.Replace(staged, champion);
        return archived ?? "";
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
