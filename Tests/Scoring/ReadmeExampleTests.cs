using System.Text.RegularExpressions;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Scoring;

/// <summary>
/// The README's "Use the scorer from your app" example is this method's body, compiled with the
/// tests and run against a real bundle; a test keeps the two texts identical.
/// </summary>
public class ReadmeExampleTests
{
    private static void Example(string bundleDirectory, IEnumerable<Comment> comments, TextWriter console)
    {
        // README-EXAMPLE-START
        var scorer = NetiquetteScorer.Load(bundleDirectory);   // e.g. "Models/netiquette"

        Verdict verdict = scorer.Score(new Comment(
            Text: "Vente de garage samedi, appelez 819-555-0199",
            Post: "Travaux sur la 10e Avenue lundi",
            Id: "fb-123"));

        if (verdict.Action == ModerationAction.Remove)
        {
            console.WriteLine(verdict.RedactedText);   // Vente de garage samedi, appelez [TÉLÉPHONE]
            foreach (var reason in verdict.Reasons) console.WriteLine(reason);
        }

        // Many comments, on all cores, results in input order:
        foreach (var v in scorer.ScoreMany(comments))
            console.WriteLine($"{v.Id}: {v.Action}");
        // README-EXAMPLE-END
    }

    [Fact]
    public void Readme_example_runs_and_removes_the_phone_number()
    {
        var console = new StringWriter();
        Example(TrainedBundle.Shared.Directory, [new Comment("Merci pour l'info!", Id: "a"), new Comment("Bonne journée", Id: "b")], console);
        var output = console.ToString();
        Assert.Contains("Vente de garage samedi, appelez [TÉLÉPHONE]", output);
        Assert.Contains("a: ", output);
        Assert.Contains("b: ", output);
    }

    [Fact]
    public void Readme_shows_exactly_the_compiled_example()
    {
        var source = File.ReadAllText(Path.Combine(Repo.Root, "Tests", "Scoring", "ReadmeExampleTests.cs"));
        var body = Regex.Match(source, @"// README-EXAMPLE-START\r?\n(.*?)\s*// README-EXAMPLE-END", RegexOptions.Singleline).Groups[1].Value;
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        Assert.Contains(Dedent(body), readme.ReplaceLineEndings("\n"));
    }

    private static string Dedent(string code)
    {
        var lines = code.ReplaceLineEndings("\n").Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())).TrimEnd();
    }
}
