namespace NetiquetteML.Training.Commands;

/// <summary>
/// Resolves the default relative paths (Data/, Models/netiquette) from the current folder, or
/// from the repository root when the command runs from a sub-folder or from bin/.
/// </summary>
public static class RepoPaths
{
    public const string DefaultModel = "Models/netiquette";
    public const string DefaultData = "Data";
    public const string DefaultLexicons = "Data/lexicons";

    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path)) return path;
        var root = FindRoot();
        if (root is null) return path;
        var candidate = Path.Combine(root, path);
        return File.Exists(candidate) || Directory.Exists(candidate) || path == DefaultModel ? candidate : path;
    }

    public static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetiquetteML.sln"))) return dir.FullName;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetiquetteML.sln"))) return dir.FullName;
        }
        return null;
    }
}
