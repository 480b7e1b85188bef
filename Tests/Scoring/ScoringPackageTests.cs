using System.IO.Compression;
using NetiquetteML.Tests.Reports;
using NetiquetteML.Tests.Support;
using Xunit.Abstractions;

namespace NetiquetteML.Tests.Scoring;

/// <summary>`dotnet pack Scoring` gives a package a .NET app can reference and score with, the bundle given beside it.</summary>
/// <remarks>In the CLI collection: the notebook tests build Scoring too, and two builds of one project must not overlap.</remarks>
[Collection(CliCollection.Name)]
public sealed class ScoringPackageTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void The_packed_scorer_is_referenced_by_a_new_app_that_scores_with_the_shipped_bundle()
    {
        // A version of its own, so the app cannot pick an older copy from the NuGet cache.
        var version = $"1.0.0-test{DateTime.UtcNow:yyyyMMddHHmmss}{Environment.ProcessId}";
        var feed = _dir.File("feed");
        // --no-build: the package takes the Scoring the tests were built with; rebuilding it under
        // another version would change the build output other tests (notebooks) reuse.
        var pack = ExternalProcess.Run("dotnet", ["pack", Path.Combine(Repo.Root, "Scoring"), "--no-build", "-c", ChildBuild.Configuration, "-o", feed, $"-p:Version={version}"],
            TimeSpan.FromMinutes(4),
            environment: ChildBuild.CleanEnvironment);
        output.WriteLine($"dotnet pack: exit {pack.ExitCode} in {pack.Elapsed.TotalSeconds:0.0} s");
        Assert.True(pack.ExitCode == 0, pack.All);
        var package = Path.Combine(feed, $"NetiquetteML.Scoring.{version}.nupkg");
        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("lib/net10.0/NetiquetteML.Scoring.dll", entries);
            Assert.Contains("PACKAGE.md", entries);
            Assert.DoesNotContain(entries, e => e.EndsWith("model.zip", StringComparison.Ordinal));
            using var nuspec = new StreamReader(zip.GetEntry("NetiquetteML.Scoring.nuspec")!.Open());
            var text = nuspec.ReadToEnd();
            Assert.Contains("<dependency id=\"Microsoft.ML\"", text);
            Assert.DoesNotContain("CsvHelper", text);
        }

        var app = _dir.File("app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>
              <ItemGroup><PackageReference Include="NetiquetteML.Scoring" Version="{version}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using NetiquetteML.Scoring;
            var scorer = NetiquetteScorer.Load(args[0]);
            var verdict = scorer.Score(new Comment("Vente de garage samedi, appelez 819-555-0199", Post: "Travaux lundi"));
            Console.WriteLine($"{verdict.Action}|{verdict.RedactedText}");
            """);
        // The package from the folder; its dependencies from the NuGet cache the solution's restore filled.
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="scoring" value="{feed}" /></packageSources></configuration>
            """);
        try
        {
            var run = ExternalProcess.Run("dotnet", ["run", "-c", "Release", "--", Repo.ShippedBundle], TimeSpan.FromMinutes(4), app, ChildBuild.CleanEnvironment);
            output.WriteLine($"dotnet run of the app: exit {run.ExitCode} in {run.Elapsed.TotalSeconds:0.0} s");
            Assert.True(run.ExitCode == 0, run.All);
            Assert.Contains("Remove|Vente de garage samedi, appelez [TÉLÉPHONE]", run.Out);
        }
        finally
        {
            var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "netiquetteml.scoring", version);
            if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
        }
    }

    public void Dispose() => _dir.Dispose();
}
