using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Bundles;

namespace NetiquetteML.Tests.Commands;

[Collection(CliCollection.Name)]
public class TrainCommandTests
{
    private const string Header = "id,post,text,offensive,off_topic,political,commercial";

    [Fact]
    public void Malformed_csv_stops_with_file_line_and_column_and_no_stack_trace()
    {
        using var dir = new TempDirectory();
        var data = dir.Write("bad.csv", Header + "\nr1,p,bonjour,0,0,0,0\nr2,p,allo,oui,0,0,0\n");
        var result = CliRunner.Run("train", "--data", data, "--output", dir.File("bundle"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.csv:3, column 4 (offensive)", result.Error);
        Assert.DoesNotContain("   at ", result.All);
        Assert.False(Directory.Exists(dir.File("bundle")));
    }

    [Fact]
    public void Failed_training_leaves_the_bundle_in_service_untouched_and_no_temporary_folder()
    {
        using var dir = new TempDirectory();
        var bundle = dir.File("bundle");
        CopyDirectory(TrainedBundle.Shared.Directory, bundle);
        var before = Hashes(bundle);
        // Valid file, but no positive offensive comment: training must refuse, after loading.
        var data = dir.Write("one-class.csv", Header + "\n" + string.Join("\n",
            Enumerable.Range(0, 40).Select(i => $"r{i},post {i % 5},commentaire numéro {i} sur la rue,0,{i % 2},{(i % 3 == 0 ? 1 : 0)},{(i % 4 == 0 ? 1 : 0)}")) + "\n");

        var result = CliRunner.Run("train", "--data", data, "--output", bundle);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("offensive", result.Error);
        Assert.Equal(before, Hashes(bundle));
        Assert.Empty(Directory.GetDirectories(dir.Path, ".tmp-*"));
    }

    [Fact]
    public void Cancelled_training_leaves_the_bundle_untouched()
    {
        using var dir = new TempDirectory();
        var bundle = dir.File("bundle");
        CopyDirectory(TrainedBundle.Shared.Directory, bundle);
        var before = Hashes(bundle);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var result = CliRunner.Run(cts.Token, "train", "--data", TrainedBundle.Shared.DataFile, "--output", bundle);
        Assert.Equal(130, result.ExitCode);
        Assert.Equal(before, Hashes(bundle));
        Assert.Empty(Directory.GetDirectories(dir.Path, ".tmp-*"));
    }

    [Fact]
    public void Interrupted_swap_is_recovered_to_a_loadable_bundle()
    {
        using var dir = new TempDirectory();
        var bundle = dir.File("bundle");
        // Simulate a crash between the two renames: the old bundle is aside, nothing in place.
        CopyDirectory(TrainedBundle.Shared.Directory, dir.File(".old-bundle-20260101000000000"));
        BundleStore.Recover(bundle);
        Assert.NotNull(NetiquetteML.Scoring.NetiquetteScorer.Load(bundle));
    }

    [Fact]
    public void Train_writes_a_bundle_whose_metrics_evaluate_reproduces()
    {
        using var dir = new TempDirectory();
        var bundle = dir.File("bundle");
        var train = CliRunner.Run("train", "--data", TrainedBundle.Shared.DataFile, "--output", bundle,
            "--folds", "2", "--learners", "SdcaLogisticRegression");
        Assert.True(train.ExitCode == 0, train.All);
        Assert.Contains("AP en validation croisée", train.Out);
        var manifest = ModelBundle.ReadVerifiedManifest(bundle);

        var test = dir.File("test.csv");
        var ids = manifest.Split.TestIds.ToHashSet();
        SampleCsv.Write(test, TrainedBundle.Shared.Rows.Where(r => ids.Contains(r.Id)));
        var evaluate = CliRunner.Run("evaluate", "--model", bundle, "--data", test);
        Assert.True(evaluate.ExitCode == 0, evaluate.All);

        // The table rows of train (held-out split) and evaluate (same rows from a file) are identical.
        Assert.Equal(TableRows(train.Out), TableRows(evaluate.Out));
    }

    [Fact]
    public void Training_over_a_bundle_archives_it_first_so_rollback_restores_it()
    {
        using var dir = new TempDirectory();
        var bundle = dir.File("netiquette");
        CopyDirectory(TrainedBundle.Shared.Directory, bundle);
        var before = Hashes(bundle);
        var train = CliRunner.Run("train", "--data", TrainedBundle.Shared.DataFile, "--output", bundle, "--folds", "2", "--learners", "SdcaLogisticRegression");
        Assert.True(train.ExitCode == 0, train.All);
        Assert.Contains("archivé sous", train.Out);
        var archived = Assert.Single(Directory.GetDirectories(dir.File("archive")));
        Assert.Equal(before, Hashes(archived));
        Assert.True(CliRunner.Run("rollback", "--champion", bundle).ExitCode == 0);
        Assert.Equal(before, Hashes(bundle));
    }

    [Fact]
    public void Help_describes_the_commands()
    {
        var result = CliRunner.Run("train", "--help");
        Assert.Contains("--data", result.All);
        Assert.Contains("--output", result.All);
    }

    private static List<string> TableRows(string output) =>
        output.Split('\n').Where(l => l.StartsWith("offensive ") || l.StartsWith("off_topic ") || l.StartsWith("political ") || l.StartsWith("commercial ")).ToList();

    internal static Dictionary<string, string> Hashes(string directory) =>
        Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), f => ModelBundle.Sha256OfFile(f));

    internal static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
