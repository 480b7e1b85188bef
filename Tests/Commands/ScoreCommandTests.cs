using CsvHelper;
using NetiquetteML.Scoring;
using NetiquetteML.Tests.Scoring;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Commands;

namespace NetiquetteML.Tests.Commands;

[Collection(CliCollection.Name)]
public class ScoreCommandTests
{
    [Fact]
    public void Command_and_library_give_identical_results_on_the_same_rows()
    {
        using var dir = new TempDirectory();
        var rows = TrainedBundle.Shared.Rows.Take(120).ToList();
        var input = dir.File("in.csv");
        SampleCsv.Write(input, rows);
        var output = dir.File("out.csv");

        var result = CliRunner.Run("score", "--input", input, "--model", TrainedBundle.Shared.Directory, "--output", output);
        Assert.True(result.ExitCode == 0, result.All);

        using var reader = CsvReader.FromFile(output, new CsvReaderOptions { Separator = ',' });
        reader.ReadHeader();
        Assert.Equal(ScoreFile.OutputColumns, reader.Headers.ToArray());
        var i = 0;
        while (reader.Read())
        {
            var verdict = TrainedBundle.Shared.Scorer.Score(rows[i].ToComment());
            Assert.Equal(rows[i].Id, reader.GetString(0));
            Assert.Equal(verdict.Action.ToString().ToLowerInvariant(), reader.GetString(1));
            for (var c = 0; c < 4; c++)
            {
                Assert.Equal(verdict.Categories[c].Flagged ? "1" : "0", reader.GetString(2 + c));
                Assert.Equal(verdict.Categories[c].Probability.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), reader.GetString(8 + c));
            }
            Assert.Equal(string.Join(" | ", verdict.Reasons), reader.GetString(12));
            i++;
        }
        Assert.Equal(rows.Count, i);
    }

    [Fact]
    public void Output_goes_to_stdout_without_output_option()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", "id,text,extra\nx1,Bonjour la ville,zz\nx2,\"Appelez au 819 555 0199, merci\",zz\n");
        var result = CliRunner.Run("score", "--input", input, "--model", TrainedBundle.Shared.Directory);
        Assert.True(result.ExitCode == 0, result.All);
        var lines = result.Out.Trim().Split('\n');
        Assert.Equal(string.Join(',', ScoreFile.OutputColumns), lines[0]);
        Assert.StartsWith("x2,remove,", lines[2]);
        Assert.DoesNotContain("555 0199", result.Out);
    }

    [Fact]
    public void Malformed_input_stops_with_its_line_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", "id,text\nx1,correct\nx2,\"jamais fermé\nx3,encore\n");
        var output = dir.File("out.csv");
        var result = CliRunner.Run("score", "--input", input, "--model", TrainedBundle.Shared.Directory, "--output", output);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("in.csv:3", result.Error);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(dir.Path, "out.csv.tmp-*"));
    }

    [Fact]
    public void Missing_text_column_is_named()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", "id,comment\nx1,allo\n");
        var result = CliRunner.Run("score", "--input", input, "--model", TrainedBundle.Shared.Directory);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing column 'text'", result.Error);
    }

    [Fact]
    public void Text_option_prints_a_french_verdict_without_personal_information()
    {
        var result = CliRunner.Run("score", "--text", "Mon numéro c'est le 819-555-0142, texte moi", "--model", TrainedBundle.Shared.Directory);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Décision : retirer", result.Out);
        Assert.Contains("[TÉLÉPHONE]", result.Out);
        Assert.DoesNotContain("555-0142", result.Out);
    }

    [Fact]
    public void Tampered_bundle_is_refused_with_exit_code_2()
    {
        using var dir = new TempDirectory();
        var bundle = dir.File("bundle");
        TrainCommandTests.CopyDirectory(TrainedBundle.Shared.Directory, bundle);
        File.AppendAllText(Path.Combine(bundle, "model.zip"), "x");
        var result = CliRunner.Run("score", "--text", "allo", "--model", bundle);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SHA-256", result.Error);
    }
}
