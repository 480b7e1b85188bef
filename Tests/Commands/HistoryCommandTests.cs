using CsvHelper;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Commands;

namespace NetiquetteML.Tests.Commands;

/// <summary>`score --history` and the `history` command, run as a user runs them.</summary>
[Collection(CliCollection.Name)]
public class HistoryCommandTests
{
    private const string Scam = "Gagnez 500 $ par jour en travaillant de la maison, écrivez-moi en privé https://bit.ly/riche";
    private const string Question = "Quand est-ce que la piscine municipale va rouvrir cet été? Personne ne répond.";

    private static string Input(TempDirectory dir) => dir.Write("page.csv",
        "id,post,text,author,created\n" +
        $"q1,,{Question},Julie Tremblay,2026-11-02T12:00:00-05:00\n" +
        $"q2,,{Question},Julie Tremblay,2026-11-02T12:20:00-05:00\n" +
        $"q3,,{Question},Julie Tremblay,2026-11-02T12:40:00-05:00\n" +
        string.Concat(Enumerable.Range(1, 5).Select(i => $"s{i},,\"{Scam}\",compte-{i},2026-11-02T13:0{i}:00-05:00\n")) +
        "t1,,\"Appelez-moi au 819 555-0142 pour la vente\",Gérald,2026-11-03T09:00:00-05:00\n");

    [Fact]
    public void Score_with_history_marks_repeats_in_the_last_column_and_explains_them()
    {
        using var dir = new TempDirectory();
        var db = dir.File("moderation.db");
        var output = dir.File("out.csv");
        var result = CliRunner.Run("score", "--input", Input(dir), "--history", db, "--output", output, "--model", Repo.ShippedBundle);
        Assert.True(result.ExitCode == 0, result.All);

        using var reader = CsvReader.FromFile(output, new CsvReaderOptions { Separator = ',' });
        reader.ReadHeader();
        Assert.Equal("repeated", reader.Headers[^1]);
        var rows = new Dictionary<string, (string Action, string Reasons, string Repeated)>();
        var headers = reader.Headers.ToList();
        var (reasons, repeated) = (headers.IndexOf("reasons"), headers.IndexOf("repeated"));
        while (reader.Read()) rows[reader.GetString(0)!] = (reader.GetString(1)!, reader.GetString(reasons)!, reader.GetString(repeated)!);
        Assert.Equal(["0", "1", "1"], new[] { "q1", "q2", "q3" }.Select(id => rows[id].Repeated));
        Assert.Contains("commentaires précédents : q1, q2", rows["q3"].Reasons);
        Assert.Equal("remove", rows["s5"].Action);
        Assert.Contains("campagne", rows["s5"].Reasons);
        Assert.Equal("0", rows["t1"].Repeated);
    }

    [Fact]
    public void Without_history_the_repeated_column_is_zero()
    {
        using var dir = new TempDirectory();
        var result = CliRunner.Run("score", "--input", Input(dir), "--model", Repo.ShippedBundle);
        Assert.True(result.ExitCode == 0, result.All);
        var lines = result.Out.Trim().Split('\n');
        Assert.Equal(string.Join(',', ScoreFile.OutputColumns), lines[0]);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",0", l));
    }

    [Fact]
    public void History_shows_an_author_under_a_pseudonym_and_the_page_by_week_category_and_action()
    {
        using var dir = new TempDirectory();
        var db = dir.File("moderation.db");
        Assert.Equal(0, CliRunner.Run("score", "--input", Input(dir), "--history", db, "--output", dir.File("o.csv"), "--model", Repo.ShippedBundle).ExitCode);

        var author = CliRunner.Run("history", "--history", db, "--author", "julie tremblay");
        Assert.True(author.ExitCode == 0, author.All);
        Assert.Contains("Auteur : auteur#", author.Out);
        Assert.Contains("Commentaires conservés : 3", author.Out);
        Assert.Contains("q3", author.Out);
        Assert.DoesNotContain("Julie", author.Out, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("piscine", author.Out);

        var summary = CliRunner.Run("history", "--history", db, "--summary");
        Assert.True(summary.ExitCode == 0, summary.All);
        Assert.Contains("Historique " + db + " : 9 commentaire(s)", summary.Out);
        Assert.Contains("2026-W45", summary.Out);
        Assert.Contains("Par décision : publier", summary.Out);
        Assert.Contains("commercial", summary.Out);
        Assert.Contains("campaign", summary.Out);
        Assert.DoesNotContain("555", summary.Out + author.Out);
    }

    [Fact]
    public void History_purge_deletes_what_is_past_retention()
    {
        using var dir = new TempDirectory();
        var db = dir.File("moderation.db");
        Assert.Equal(0, CliRunner.Run("score", "--input", Input(dir), "--history", db, "--output", dir.File("o.csv"), "--model", Repo.ShippedBundle).ExitCode);
        var kept = CliRunner.Run("history", "--history", db, "--purge", "--retention-days", "3650");
        Assert.Contains("0 entrée(s)", kept.Out);
        var purged = CliRunner.Run("history", "--history", db, "--purge", "--retention-days", "1");
        Assert.True(purged.ExitCode == 0, purged.All);
        Assert.Contains("9 entrée(s) de plus de 1 jours supprimée(s)", purged.Out);
        Assert.Contains("vide", CliRunner.Run("history", "--history", db, "--summary").Out);
    }

    [Theory]
    [InlineData("--summary", "--purge")]
    [InlineData()]
    public void History_needs_exactly_one_of_author_summary_or_purge(params string[] options)
    {
        using var dir = new TempDirectory();
        var result = CliRunner.Run(["history", "--history", dir.File("h.db"), .. options]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("exactly one of --author ID, --summary or --purge", result.Error);
    }

    [Fact]
    public void A_history_that_is_not_one_is_refused_in_french_and_english()
    {
        using var dir = new TempDirectory();
        var result = CliRunner.Run("history", "--history", dir.Write("h.db", "pas une base"), "--summary");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("n'est pas un fichier SQLite", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }
}
