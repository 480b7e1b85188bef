using System.Text;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Tests.Data;

public class LabelledCsvLoaderTests
{
    private const string Header = "id,post,text,offensive,off_topic,political,commercial";

    [Fact]
    public void Valid_file_with_bom_crlf_and_multiline_comment_is_read()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ok.csv");
        var content = Header + "\r\n" +
                      "a1,Collecte des ordures,\"Merci!\r\nÀ la prochaine, « bravo »\",0,0,0,0\r\n" +
                      "a2,,\"Il a dit \"\"tabarnak\"\"\",1,0,0,0\r\n";
        File.WriteAllBytes(path, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(content)]);

        var rows = LabelledCsvLoader.LoadOne(path).Rows;

        Assert.Equal(2, rows.Count);
        Assert.Equal("Merci!\r\nÀ la prochaine, « bravo »", rows[0].Text);
        Assert.Equal("Il a dit \"tabarnak\"", rows[1].Text);
        Assert.True(rows[1].Offensive);
        Assert.Equal(4, rows[1].Line);
    }

    [Fact]
    public void Every_problem_is_reported_with_file_line_and_column()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.csv", Header + "\n" +
                                        "r1,p,bonjour,0,0,0,0\n" +
                                        "r2,p,,0,0,0,0\n" +
                                        "r3,p,allo,2,0,0,0\n" +
                                        "r1,p,encore,0,oui,0,0\n" +
                                        "r5,p,vide,0,0,,0\n");

        var e = Assert.Throws<DataValidationException>(() => LabelledCsvLoader.LoadOne(path));

        Assert.Contains(e.Problems, p => p.Line == 3 && p.ColumnName == "text" && p.Column == 3);
        Assert.Contains(e.Problems, p => p.Line == 4 && p.ColumnName == "offensive" && p.Column == 4 && p.Message.Contains("'2'"));
        Assert.Contains(e.Problems, p => p.Line == 5 && p.ColumnName == "off_topic" && p.Message.Contains("'oui'"));
        Assert.Contains(e.Problems, p => p.Line == 5 && p.ColumnName == "id" && p.Message.Contains("duplicate") && p.Message.Contains("line 2"));
        Assert.Contains(e.Problems, p => p.Line == 6 && p.ColumnName == "political" && p.Message.Contains("empty label"));
        Assert.All(e.Problems, p => Assert.Equal(path, p.File));
        Assert.Contains("bad.csv:4, column 4 (offensive)", e.Message);
    }

    [Fact]
    public void Missing_column_is_named()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("nocol.csv", "id,post,text,offensive,off_topic,political\nx,p,t,0,0,0\n");
        var e = Assert.Throws<DataValidationException>(() => LabelledCsvLoader.LoadOne(path));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("commercial", problem.ColumnName);
        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void Extra_columns_are_ignored()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("extra.csv", "id,source,post,text,offensive,off_topic,political,commercial,note\nx,fb,p,salut,0,1,0,0,n\n");
        var row = Assert.Single(LabelledCsvLoader.LoadOne(path).Rows);
        Assert.True(row.OffTopic);
        Assert.Equal("salut", row.Text);
    }

    [Fact]
    public void Unterminated_quote_is_reported_with_its_line()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("quote.csv", Header + "\nr1,p,ok,0,0,0,0\nr2,p,\"jamais fermé,0,0,0,0\nr3,p,ok,0,0,0,0\n");
        var e = Assert.Throws<DataValidationException>(() => LabelledCsvLoader.LoadOne(path));
        Assert.Contains(e.Problems, p => p.Line == 3 && p.Message.Contains("quote"));
    }

    [Fact]
    public void Empty_and_header_only_files_are_refused()
    {
        using var dir = new TempDirectory();
        var empty = dir.Write("empty.csv", "");
        var headerOnly = dir.Write("header.csv", Header + "\n");
        Assert.Contains("empty", Assert.Throws<DataValidationException>(() => LabelledCsvLoader.LoadOne(empty)).Message);
        Assert.Contains("no data rows", Assert.Throws<DataValidationException>(() => LabelledCsvLoader.LoadOne(headerOnly)).Message);
    }

    [Fact]
    public void Windows_1252_file_is_explained_not_misread()
    {
        using var dir = new TempDirectory();
        var path = dir.File("latin1.csv");
        var latin1 = Encoding.Latin1.GetBytes(Header + "\nr1,p,Très bien,0,0,0,0\n");
        File.WriteAllBytes(path, latin1);
        var e = Assert.Throws<DataValidationException>(() => LabelledCsvLoader.LoadOne(path));
        var problem = Assert.Single(e.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("UTF-8", problem.Message);
    }

    [Fact]
    public void Nul_byte_is_refused_with_its_line()
    {
        using var dir = new TempDirectory();
        var path = dir.File("nul.csv");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(Header + "\nr1,p,a\0b,0,0,0,0\n"));
        var problem = Assert.Single(Assert.Throws<DataValidationException>(() => LabelledCsvLoader.LoadOne(path)).Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("NUL", problem.Message);
    }

    [Fact]
    public void Conflicting_labels_across_files_stop_the_run_with_both_places()
    {
        using var dir = new TempDirectory();
        var a = dir.Write("a.csv", Header + "\nsame,p,un,0,0,0,0\nx1,p,Quel beau parc!,0,0,0,0\n");
        var b = dir.Write("b.csv", Header + "\nsame,p,un,1,0,0,0\nx2,p,quel beau parc!,0,1,0,0\n");
        var problems = Assert.Throws<DataValidationException>(() => LabelledCsvLoader.LoadAll([a, b])).Problems;
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal(b, p.File));
        Assert.Contains(problems, p => p.Line == 2 && p.Message.Contains("a.csv:2") && p.Message.Contains("id 'same'"));
        Assert.Contains(problems, p => p.Line == 3 && p.Message.Contains("a.csv:3") && p.Message.Contains("same text"));
    }

    [Fact]
    public void Prefer_latest_keeps_the_later_files_labels()
    {
        using var dir = new TempDirectory();
        var a = dir.Write("labels-2026-11.csv", Header + "\nsame,p,un,0,0,0,0\nkeep,p,autre,0,0,0,0\n");
        var b = dir.Write("labels-2026-12.csv", Header + "\nsame,p,un,1,0,0,0\n");
        var rows = LabelledCsvLoader.LoadAll([b, a], preferLatest: true).SelectMany(f => f.Rows).ToList();
        Assert.Equal(2, rows.Count);
        Assert.True(rows.Single(r => r.Id == "same").Offensive);
    }

    [Fact]
    public void Duplicate_id_within_a_file_is_reported_with_both_lines()
    {
        using var dir = new TempDirectory();
        var a = dir.Write("a.csv", Header + "\nsame,p,un,0,0,0,0\nsame,p,deux,0,0,0,0\n");
        var problem = Assert.Single(Assert.Throws<DataValidationException>(() => LabelledCsvLoader.LoadAll([a])).Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("line 2", problem.Message);
    }

    [Fact]
    public void Label_values_are_never_echoed_in_full()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("long.csv", Header + "\nr1,p,t," + new string('x', 500) + ",0,0,0\n");
        var e = Assert.Throws<DataValidationException>(() => LabelledCsvLoader.LoadOne(path));
        Assert.True(e.Message.Length < 400);
    }
}
