using System.Text.RegularExpressions;
using CsvHelper;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Tests.Reports;
using NetiquetteML.Tests.Support;
using Xunit.Abstractions;

namespace NetiquetteML.Tests.Commands;

/// <summary>
/// The README's first steps for the town's staff, run as written: the tool is packed and installed
/// from the repository's own package, then every `netiquette` line of the block runs, in order, as a
/// separate process in a copy of the repository's layout. The labelling step is done by the test,
/// from the corpus's labels.
/// </summary>
public class WalkthroughTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    private static IReadOnlyList<string> WalkthroughLines()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var section = readme[readme.IndexOf("## First steps for the town's staff", StringComparison.Ordinal)..];
        var block = Regex.Match(section, "```bash\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        return block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
    }

    /// <summary>« netiquette score --text "a b" # comment » → ["score", "--text", "a b"].</summary>
    private static string[] Arguments(string line)
    {
        var code = Regex.Replace(line, @"\s+#.*$", "");
        return Regex.Matches(code, "\"([^\"]*)\"|(\\S+)").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Skip(1).ToArray();
    }

    [Fact]
    public void The_readme_walkthrough_installs_the_tool_and_runs_end_to_end()
    {
        var lines = WalkthroughLines();
        Assert.Equal("dotnet pack Training -c Release -o artifacts", lines[0]);
        Assert.StartsWith("dotnet tool install --global --add-source artifacts NetiquetteML.Tool", lines[1]);
        var commands = lines.Where(l => l.StartsWith("netiquette ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["score", "score", "suggest", "train", "compare", "promote", "rollback"], commands.Select(c => Arguments(c)[0]));

        using var dir = new TempDirectory();
        var netiquette = InstallTool(dir.Path);

        File.WriteAllText(Path.Combine(dir.Path, "NetiquetteML.sln"), "");
        Directory.CreateDirectory(Path.Combine(dir.Path, "Data"));
        TrainCommandTests.CopyDirectory(Repo.Lexicons, Path.Combine(dir.Path, "Data", "lexicons"));
        var rows = TrainedBundle.Shared.Rows;
        SampleCsv.Write(Path.Combine(dir.Path, "Data", "comments.csv"), rows.Where((_, i) => i % 5 != 0));
        var export = rows.Where((_, i) => i % 5 == 0).ToDictionary(r => "page-" + r.Id);
        File.WriteAllLines(Path.Combine(dir.Path, "export-page.csv"),
            ["id,post,text", .. export.Select(kv => $"{kv.Key},{Quote(kv.Value.Post)},{Quote(kv.Value.Text)}")]);
        TrainCommandTests.CopyDirectory(TrainedBundle.Shared.Directory, Path.Combine(dir.Path, "Models", "netiquette"));
        var inService = TrainCommandTests.Hashes(Path.Combine(dir.Path, "Models", "netiquette"));

        foreach (var command in commands)
        {
            var args = Arguments(command);
            // Two folds and one learner keep the test fast; the steps are the README's.
            if (args[0] == "train") args = [.. args, "--folds", "2", "--learners", "SdcaLogisticRegression"];
            // The workflow is under test, not the quality of a two-fold challenger trained on a small
            // sample: a loose tolerance keeps a chance regression of one category from stopping it
            // (RetrainingTests checks that a real regression is refused).
            if (args[0] is "compare" or "promote") args = [.. args, "--tolerance", "0.1"];
            var result = ExternalProcess.Run(netiquette, args, StepTimeout, dir.Path, ChildBuild.CleanEnvironment);
            output.WriteLine($"{command}: exit {result.ExitCode} in {result.Elapsed.TotalSeconds:0.0} s");
            Assert.True(result.ExitCode == 0, $"{command}\n{result.All}");
            if (args[0] == "score" && args.Contains("--text")) Assert.Contains("Décision :", result.Out);
            if (args[0] == "suggest") LabelLikeStaff(Path.Combine(dir.Path, "Data", "labels-2026-12.csv"), export);
            if (args[0] == "train") Assert.Equal(inService, TrainCommandTests.Hashes(Path.Combine(dir.Path, "Models", "netiquette")));
            if (args[0] == "compare") Assert.Contains("changent de décision", result.Out);
            if (args[0] == "promote") Assert.Equal("netiquette", ModelBundle.ReadVerifiedManifest(Path.Combine(dir.Path, "Models", "netiquette")).Name);
        }
        Assert.True(File.Exists(Path.Combine(dir.Path, "decisions.csv")));
        Assert.Equal(inService, TrainCommandTests.Hashes(Path.Combine(dir.Path, "Models", "netiquette")));
    }

    /// <summary>
    /// The README's two install lines, with two differences a test needs: the package is made from
    /// the build the tests run (--no-build: rebuilding would rewrite files other tests are using), and
    /// the tool goes to a folder of the test (--tool-path) instead of the machine's global tools.
    /// </summary>
    private string InstallTool(string folder)
    {
        var artifacts = Path.Combine(folder, "artifacts");
        var tools = Path.Combine(folder, "tools");
        var pack = ExternalProcess.Run(ChildBuild.Dotnet(), ["pack", Path.Combine(Repo.Root, "Training"), "--no-build", "-c", ChildBuild.Configuration, "-o", artifacts],
            StepTimeout, environment: ChildBuild.CleanEnvironment);
        output.WriteLine($"dotnet pack: exit {pack.ExitCode} in {pack.Elapsed.TotalSeconds:0.0} s");
        Assert.True(pack.ExitCode == 0, pack.All);
        var install = ExternalProcess.Run(ChildBuild.Dotnet(), ["tool", "install", "--tool-path", tools, "--add-source", artifacts, "--ignore-failed-sources", "NetiquetteML.Tool"],
            StepTimeout, folder, ChildBuild.CleanEnvironment);
        output.WriteLine($"dotnet tool install: exit {install.ExitCode} in {install.Elapsed.TotalSeconds:0.0} s");
        Assert.True(install.ExitCode == 0, install.All);
        var executable = Path.Combine(tools, OperatingSystem.IsWindows() ? "netiquette.exe" : "netiquette");
        Assert.True(File.Exists(executable), $"{executable} not installed:\n{install.All}");
        return executable;
    }

    /// <summary>Fills the five empty label columns of suggest's file, as a person would, from the corpus's own labels.</summary>
    private static void LabelLikeStaff(string path, IReadOnlyDictionary<string, NetiquetteML.Training.Data.LabelledComment> truth)
    {
        var labelled = new List<string> { "id,post,text,offensive,off_topic,political,commercial,complaint" };
        using (var reader = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',' }))
        {
            reader.ReadHeader();
            Assert.Equal(["id", "post", "text", "offensive", "off_topic", "political", "commercial", "complaint", "priority"], reader.Headers.ToArray());
            while (reader.Read())
            {
                var row = truth[reader.GetString(0)!];
                labelled.Add($"{row.Id.Replace("page-", "")}x,{Quote(row.Post)},{Quote(row.Text)}," +
                             $"{(row.Offensive ? 1 : 0)},{(row.OffTopic ? 1 : 0)},{(row.Political ? 1 : 0)},{(row.Commercial ? 1 : 0)},{(row.Complaint == true ? 1 : 0)}");
            }
        }
        File.WriteAllLines(path, labelled);
    }

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
}
