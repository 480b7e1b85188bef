namespace NetiquetteML.Tests.Support;

/// <summary>Paths of the repository the tests run in.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string DataDirectory => Path.Combine(Root, "Data");
    public static string Corpus => Path.Combine(DataDirectory, "comments.csv");

    /// <summary>The two labelled files the shipped bundle was trained on (10,367 comments).</summary>
    public static IReadOnlyList<string> CorpusFiles => [Corpus, Path.Combine(DataDirectory, "comments-2026-12.csv")];
    public static string ShippedBundle => Path.Combine(Root, "Models", "netiquette");
    public static string Lexicons => Path.Combine(DataDirectory, "lexicons");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetiquetteML.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("NetiquetteML.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A folder deleted when the test ends.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netiquette-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string content)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
