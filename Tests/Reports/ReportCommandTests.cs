using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Learning;
using NetiquetteML.Training.Reports;

namespace NetiquetteML.Tests.Reports;

[Collection(CliCollection.Name)]
public class ReportCommandTests
{
    private static readonly string[] ReportFiles =
    [
        PrecisionReport.HtmlFile, PrecisionReport.MarkdownFile, ReportMetrics.FileName,
        .. Categories.All.SelectMany(c => new[] { PrecisionReport.PrecisionRecallFile(c), PrecisionReport.CalibrationFile(c) }),
    ];

    [Fact]
    public void Report_writes_every_file_and_its_metrics_are_those_of_the_evaluator_and_of_evaluate()
    {
        var shared = TrainedBundle.Shared;
        using var dir = new TempDirectory();
        var output = dir.File("report");

        var result = CliRunner.Run("report", "--model", shared.Directory, "--data", shared.DataFile, "--output", output);
        Assert.True(result.ExitCode == 0, result.All);

        foreach (var file in ReportFiles)
        {
            var path = Path.Combine(output, file);
            Assert.True(File.Exists(path), $"{file} missing; output: {result.All}");
            Assert.True(new FileInfo(path).Length > 200, $"{file} is nearly empty");
        }
        foreach (var png in Directory.GetFiles(output, "*.png"))
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(png)[..4]);
        Assert.Empty(Directory.GetDirectories(dir.Path, ".report.tmp-*"));

        // metrics.json holds exactly BundleEvaluator.Metrics for the same rows.
        var json = ReportMetrics.FromJson(File.ReadAllText(Path.Combine(output, ReportMetrics.FileName)));
        var expected = BundleEvaluator.Metrics(BundleEvaluator.Score(shared.Scorer, shared.Rows));
        Assert.Equal(Categories.All.Select(c => c.Name()), json.Categories.Keys);
        foreach (var category in Categories.All)
        {
            Assert.Equal(JsonSerializer.Serialize(expected[category.Name()]), JsonSerializer.Serialize(json.Categories[category.Name()]));
            Assert.Equal(JsonSerializer.Serialize(shared.Scorer.Bundle.Manifest.For(category).Thresholds), JsonSerializer.Serialize(json.Thresholds[category.Name()]));
        }
        Assert.Equal(shared.Rows.Count, json.Rows);
        Assert.Equal(shared.Scorer.Bundle.Manifest.Name, json.BundleName);
        Assert.Equal("sample.csv", json.DataSource);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(shared.DataFile))), json.DataSha256);

        // ... and the numbers evaluate prints for the same --data file.
        var evaluate = CliRunner.Run("evaluate", "--model", shared.Directory, "--data", shared.DataFile);
        Assert.True(evaluate.ExitCode == 0, evaluate.All);
        var table = EvaluateTable(evaluate.Out);
        foreach (var category in Categories.All)
        {
            var m = json.Categories[category.Name()];
            Assert.Equal(
                [m.Support.ToString(CultureInfo.CurrentCulture), F(m.Precision), F(m.Recall), F(m.F1), F(m.AveragePrecision)],
                table[category.Name()]);
        }

        // The command prints the same table as evaluate.
        Assert.Contains(BundleEvaluator.Table(json.Categories, shared.Scorer.Bundle.Manifest), result.Out);

        // The pages carry the numbers, in French.
        var html = File.ReadAllText(Path.Combine(output, PrecisionReport.HtmlFile));
        var markdown = File.ReadAllText(Path.Combine(output, PrecisionReport.MarkdownFile));
        foreach (var text in new[] { html, markdown })
        {
            Assert.Contains("Résultats par catégorie", text);
            Assert.Contains("Seuils de fonctionnement", text);
            Assert.Contains("Matrices de confusion", text);
            Assert.Contains("Erreurs les plus marquées", text);
            Assert.Contains("Aucun rapport précédent", text);
            Assert.Contains(json.Categories["offensive"].AveragePrecision.ToString("0.000", Fr.Culture), text);
        }
        Assert.Equal(2 * Categories.All.Count, CountOf(html, "<img src=\"data:image/png;base64,"));
        Assert.DoesNotContain("src=\"precision-rappel", html);
        foreach (var category in Categories.All)
        {
            Assert.Contains($"]({PrecisionReport.PrecisionRecallFile(category)})", markdown);
            Assert.Contains($"]({PrecisionReport.CalibrationFile(category)})", markdown);
        }
    }

    [Fact]
    public void A_second_report_in_the_same_folder_compares_with_the_first()
    {
        var shared = TrainedBundle.Shared;
        using var dir = new TempDirectory();
        var first = dir.File("first.csv");
        SampleCsv.Write(first, shared.Rows.Take(150));
        var second = dir.File("second.csv");
        SampleCsv.Write(second, shared.Rows.Skip(150).Take(150));
        var output = dir.File("out");

        Assert.Equal(0, CliRunner.Run("report", "--model", shared.Directory, "--data", first, "--output", output).ExitCode);
        var before = ReportMetrics.FromJson(File.ReadAllText(Path.Combine(output, ReportMetrics.FileName)));

        var again = CliRunner.Run("report", "--model", shared.Directory, "--data", first, "--output", output);
        Assert.True(again.ExitCode == 0, again.All);
        var html = File.ReadAllText(Path.Combine(output, PrecisionReport.HtmlFile));
        Assert.Contains("Rapport précédent du", html);
        Assert.Contains("Même modèle et mêmes données", html);
        Assert.DoesNotContain("Aucun rapport précédent", html);

        var changed = CliRunner.Run("report", "--model", shared.Directory, "--data", second, "--output", output);
        Assert.True(changed.ExitCode == 0, changed.All);
        var now = ReportMetrics.FromJson(File.ReadAllText(Path.Combine(output, ReportMetrics.FileName)));
        var markdown = File.ReadAllText(Path.Combine(output, PrecisionReport.MarkdownFile));
        Assert.Contains("les données évaluées ne sont pas les mêmes", markdown);
        var precisionBefore = before.Categories["offensive"].Precision;
        var precisionNow = now.Categories["offensive"].Precision;
        Assert.Contains($"{Fr.N3(precisionBefore)} → {Fr.N3(precisionNow)} ({Fr.Delta(precisionNow - precisionBefore)})", markdown);
        Assert.Empty(Directory.GetDirectories(dir.Path, ".out.tmp-*"));
    }

    [Fact]
    public void Report_fails_clearly_on_a_bad_bundle_or_a_bad_file()
    {
        using var dir = new TempDirectory();
        var missing = CliRunner.Run("report", "--model", dir.File("no-bundle"), "--data", TrainedBundle.Shared.DataFile, "--output", dir.File("out"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("invalid model bundle", missing.Error);

        var bad = dir.Write("bad.csv", "id,post,text,offensive,off_topic,political,commercial\nx1,,bonjour,oui,0,0,0\n");
        var invalid = CliRunner.Run("report", "--model", TrainedBundle.Shared.Directory, "--data", bad, "--output", dir.File("out"));
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("bad.csv:2", invalid.Error);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    internal static Dictionary<string, string[]> EvaluateTable(string output) =>
        output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && Categories.TryParse(f[0], out _))
            .ToDictionary(f => f[0], f => f[1..6]);

    private static string F(double x) => x.ToString("0.000", CultureInfo.CurrentCulture);

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
