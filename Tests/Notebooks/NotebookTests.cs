using NetiquetteML.Tests.Reports;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Commands;
using NetiquetteML.Training.Reports;
using Xunit.Abstractions;

namespace NetiquetteML.Tests.Notebooks;

/// <summary>
/// Runs every evaluator notebook (notebooks/*.cs, .NET file-based apps) end to end on the shared
/// small bundle: `dotnet build` of the solution skips them, so this is what keeps them working.
/// </summary>
[Collection(CliCollection.Name)]
public class NotebookTests(ITestOutputHelper output)
{
    /// <summary>French headings each notebook must print; a notebook not listed here fails the test.</summary>
    private static readonly Dictionary<string, string[]> ExpectedHeadings = new()
    {
        ["thresholds.cs"] = ["Carnet 1 — Compromis des seuils", "Propos offensants (offensive)", "Hors sujet (off_topic)", "← seuil « à vérifier » du modèle", "Précision"],
        ["errors.cs"] = ["Carnet 2 — Erreurs par catégorie", "Faux positifs (signalés à tort)", "Faux négatifs (manqués)", "Contenu commercial (commercial)"],
        ["rules.cs"] = ["Carnet 3 — Règles", "Renseignements personnels par type", "numéro de téléphone", "Majuscules (cri)", "Exemples caviardés"],
    };

    private static string NotebookFolder => Path.Combine(Repo.Root, "notebooks");

    private static List<string> NotebookFiles() =>
        Directory.GetFiles(NotebookFolder, "*.cs").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var file in NotebookFiles()) data.Add(file);
        return data;
    }

    [Fact]
    public void Every_notebook_is_known_and_tested()
    {
        var files = NotebookFiles();
        Assert.Equal(ExpectedHeadings.Keys.Order(StringComparer.Ordinal), files);
        foreach (var file in files)
        {
            var lines = File.ReadLines(Path.Combine(NotebookFolder, file)).Take(2).ToList();
            Assert.Equal(["#:project ../Scoring/Scoring.csproj", "#:project ../Training/Training.csproj"], lines);
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_runs_end_to_end(string notebook)
    {
        var shared = TrainedBundle.Shared;
        var result = ExternalProcess.Run(ChildBuild.Dotnet(),
            ["run", "-c", ChildBuild.Configuration, Path.Combine("notebooks", notebook), "--", "--model", shared.Directory, "--data", shared.DataFile],
            TimeSpan.FromMinutes(3), Repo.Root, ChildBuild.CleanEnvironment);
        output.WriteLine($"{notebook}: exit {result.ExitCode} in {result.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(result.Out.Length > 3000 ? result.Out[..3000] + "…" : result.Out);
        output.WriteLine(result.Error);

        Assert.False(result.TimedOut, $"{notebook} did not finish within 3 minutes");
        Assert.True(result.ExitCode == 0, $"{notebook} exited with {result.ExitCode}:\n{result.All}");
        Assert.True(ExpectedHeadings.TryGetValue(notebook, out var headings), $"add the headings of {notebook} to {nameof(ExpectedHeadings)}");
        foreach (var heading in headings!) Assert.Contains(heading, result.Out);
        Assert.Contains("« test »", result.Out); // the bundle given with --model, not the shipped one
    }

    [Fact]
    public void A_notebook_given_a_wrong_option_says_so()
    {
        var wrong = Assert.Throws<InputException>(() => NotebookSession.Open(["--modle", TrainedBundle.Shared.Directory]));
        Assert.Contains("unknown argument '--modle'", wrong.Message);
        var missing = Assert.Throws<InputException>(() => NotebookSession.Open(["--model"]));
        Assert.Contains("--model needs a value", missing.Message);
        var session = NotebookSession.Open(["--model", TrainedBundle.Shared.Directory, "--data", TrainedBundle.Shared.DataFile, "--count", "5"], "count");
        Assert.Equal(5, session.IntOption("count", 10));
        Assert.Equal(TrainedBundle.Shared.Rows.Count, session.Scored.Count);
        Assert.Throws<InputException>(() => NotebookSession.Open(["--model", TrainedBundle.Shared.Directory, "--count", "5"]));
    }

    [Fact]
    public void A_notebook_asked_for_help_prints_its_options_in_french_and_succeeds()
    {
        var help = Assert.Throws<HelpShownException>(() => NotebookSession.Open(["--help"], "count", "category"));
        Assert.Contains("--model DOSSIER", help.Message);
        Assert.Contains("--count VALEUR", help.Message);
        Assert.Equal(ExitCodes.Success, CommandGuard.Run(() => NotebookSession.Open(["-h"]) is null ? 1 : 1));
    }
}
