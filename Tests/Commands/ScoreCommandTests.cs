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
    public void An_unquoted_comma_in_a_text_is_an_error_not_a_truncated_comment()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", "id,text\nfb-1,Bonne journée\nfb-3,Merci pour rien, gang de caves\n");
        var output = dir.File("out.csv");
        var result = CliRunner.Run("score", "--input", input, "--model", TrainedBundle.Shared.Directory, "--output", output);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("in.csv:3", result.Error);
        Assert.Contains("as many fields as the header", result.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Every_problem_of_the_file_is_listed_before_anything_is_written_to_standard_output()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", "id,text\nx1,correct\nx1,même id\nx3,\nx4,\"un, deux\",trois\n");
        var result = CliRunner.Run("score", "--input", input, "--model", TrainedBundle.Shared.Directory);
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Contains("in.csv:3, column 1 (id): duplicate id 'x1'", result.Error);
        Assert.Contains("in.csv:4, column 2 (text): empty text", result.Error);
        Assert.Contains("in.csv:5", result.Error);
    }

    [Theory]
    [InlineData("id;text\nx1;Bonjour\n", "separated by semicolons")]
    [InlineData("id\ttext\nx1\tBonjour\n", "separated by tabs")]
    public void A_file_saved_with_another_separator_is_named_with_the_fix(string content, string expected)
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", content);
        var result = CliRunner.Run("score", "--input", input, "--model", TrainedBundle.Shared.Directory);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.Contains("CSV UTF-8", result.Error);
    }

    [Theory]
    [InlineData("windows-1252", "Windows-1252")]
    [InlineData("utf-16", "UTF-16")]
    public void A_file_in_another_encoding_is_refused_saying_which(string encoding, string expected)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var dir = new TempDirectory();
        var input = dir.File("in.csv");
        var bytes = System.Text.Encoding.GetEncoding(encoding).GetPreamble()
            .Concat(System.Text.Encoding.GetEncoding(encoding).GetBytes("id,text\nx1,Réponse de la ville\n")).ToArray();
        File.WriteAllBytes(input, bytes);
        var result = CliRunner.Run("score", "--input", input, "--model", TrainedBundle.Shared.Directory);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void With_text_adds_the_redacted_comment_as_the_last_column()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", "id,text\nx1,\"Appelez au 819 555 0199, merci\"\n");
        var result = CliRunner.Run("score", "--input", input, "--model", TrainedBundle.Shared.Directory, "--with-text");
        Assert.True(result.ExitCode == 0, result.All);
        var lines = result.Out.Trim().Split('\n');
        Assert.EndsWith("," + ScoreFile.RedactedTextColumn, lines[0]);
        Assert.EndsWith("\"Appelez au [TÉLÉPHONE], merci\"", lines[1]);
    }

    [Theory]
    [InlineData("erreur : le fichier ne respecte pas le format attendu", "score", "--input", "absent.csv")]
    [InlineData("erreur : entrée invalide", "score")]
    [InlineData("erreur : le modèle (bundle) est absent", "score", "--text", "allo", "--model", "pas-de-modele")]
    public void An_error_says_first_in_french_what_happened_then_the_english_details(string french, params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(args.Contains("--model") ? 2 : 1, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(french, lines[0]);
        Assert.StartsWith("error: ", lines[1]);
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
