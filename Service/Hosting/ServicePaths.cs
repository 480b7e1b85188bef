namespace NetiquetteML.Service.Hosting;

/// <summary>
/// Resolves the relative paths of the settings. `dotnet run --project Service` may start in the
/// repository root or in Service/, so relative paths are taken from the repository root (the
/// folder holding NetiquetteML.sln) when there is one above the content root, else from the
/// content root itself (a deployed service).
/// </summary>
public sealed class ServicePaths(string baseDirectory)
{
    public string BaseDirectory { get; } = baseDirectory;

    public static ServicePaths For(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetiquetteML.sln"))) return new ServicePaths(dir.FullName);
        }
        return new ServicePaths(Path.GetFullPath(contentRoot));
    }

    public string Resolve(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(BaseDirectory, path));
}
