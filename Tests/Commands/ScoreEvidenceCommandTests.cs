using CsvHelper;
using NetiquetteML.Scoring;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Commands;

namespace NetiquetteML.Tests.Commands;

/// <summary>`score --evidence` and the evidence of `score --text`, on the shipped bundle.</summary>
[Collection(CliCollection.Name)]
public class ScoreEvidenceCommandTests
{
    [Fact]
    public void Evidence_column_comes_last_with_each_flagged_category_and_its_spans_strongest_first()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", "id,text\ne1,tabarnak de maire incompétent\ne2,Merci pour l'information\ne3,t a b a r n a k de maire incompétent\n");
        var result = CliRunner.Run("score", "--input", input, "--model", Repo.ShippedBundle, "--with-text", "--evidence");
        Assert.True(result.ExitCode == 0, result.All);
        using var reader = CsvReader.FromText(result.Out, new CsvReaderOptions { Separator = ',' });
        reader.ReadHeader();
        Assert.Equal([.. ScoreFile.OutputColumns, ScoreFile.RedactedTextColumn, ScoreFile.EvidenceColumn], reader.Headers.ToArray());
        var evidence = new Dictionary<string, string>();
        var flagged = new Dictionary<string, string[]>();
        while (reader.Read())
        {
            evidence[reader.GetString(0)] = reader.GetString(reader.Headers.Count - 1);
            flagged[reader.GetString(0)] = Categories.All.Where((c, i) => reader.GetString(2 + i) == "1").Select(c => c.Name()).ToArray();
        }
        var format = new System.Text.RegularExpressions.Regex(@"^([a-z_]+=(\d+-\d+(,\d+-\d+)*)?)(;[a-z_]+=(\d+-\d+(,\d+-\d+)*)?)*$");
        Assert.Matches(format, evidence["e1"]);
        Assert.Equal(flagged["e1"], evidence["e1"].Split(';').Select(part => part.Split('=')[0]).ToArray());
        // « tabarnak » is the strongest offensive span, however many weaker ones follow it.
        Assert.Matches(@"^offensive=0-8(,|;|$)", evidence["e1"]);
        Assert.Matches(@"^offensive=0-15(,|;|$)", evidence["e3"]);
        Assert.Equal("", evidence["e2"]);
    }

    [Fact]
    public void Text_brackets_the_evidence_and_never_shows_a_telephone_number()
    {
        var result = CliRunner.Run("score", "--text", "Gang de t@b@rn@k, appelez-le au 819 555-0199", "--model", Repo.ShippedBundle);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Indices", result.Out);
        Assert.Contains("{t@b@rn@k}", result.Out);
        Assert.DoesNotContain("555-0199", result.All);
    }
}
