namespace NetiquetteML.Training.Bundles;

/// <summary>
/// Swaps bundle folders so that the destination always holds a complete bundle: the old one is
/// renamed aside, the new one renamed in, the old one deleted. If the process dies between the
/// two renames, <see cref="Recover"/> (called before every use) puts the old bundle back.
/// </summary>
public static class BundleStore
{
    private const string AsidePrefix = ".old-";

    public static void Replace(string completeBundle, string destination)
    {
        Recover(destination);
        var aside = AsideName(destination);
        var hadOld = Directory.Exists(destination);
        if (hadOld) Directory.Move(destination, aside);
        try
        {
            Directory.Move(completeBundle, destination);
        }
        catch
        {
            if (hadOld && !Directory.Exists(destination)) Directory.Move(aside, destination);
            throw;
        }
        if (hadOld) Directory.Delete(aside, recursive: true);
    }

    /// <summary>Restores a bundle left aside by an interrupted swap; removes stale leftovers.</summary>
    public static void Recover(string destination)
    {
        var full = Path.GetFullPath(destination);
        var parent = Path.GetDirectoryName(full);
        if (parent is null || !Directory.Exists(parent)) return;
        var prefix = AsidePrefix + Path.GetFileName(full) + "-";
        foreach (var leftover in Directory.GetDirectories(parent, prefix + "*").Order())
        {
            if (!Directory.Exists(full)) Directory.Move(leftover, full);
            else Directory.Delete(leftover, recursive: true);
        }
        // Temporary folders of a run that was killed outright (no chance to clean up). Recent ones
        // may belong to a run in progress and are left alone.
        foreach (var stale in Directory.GetDirectories(parent, ".tmp-" + Path.GetFileName(full) + "-*"))
        {
            if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(stale) > TimeSpan.FromHours(1))
                Directory.Delete(stale, recursive: true);
        }
    }

    private static string AsideName(string destination)
    {
        var full = Path.GetFullPath(destination);
        return Path.Combine(Path.GetDirectoryName(full)!, $"{AsidePrefix}{Path.GetFileName(full)}-{DateTime.UtcNow:yyyyMMddHHmmssfff}");
    }
}
