using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Tests.Data;

/// <summary>The optional author and created columns of the data contract (version 2), read by the strict reader.</summary>
public class LabelledCsvLoaderAuthorColumnsTests
{
    private const string Header = "id,post,text,offensive,off_topic,political,commercial";

    [Fact]
    public void Author_and_created_are_read_when_present_and_reach_the_comment()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("ok.csv", Header + ",author,created\n" +
                                       "a1,,Bonjour,0,0,0,0,Julie Tremblay,2026-12-02T14:30:00-05:00\n" +
                                       "a2,,Allo,0,0,0,0,,2026-12-02T19:30:00Z\n" +
                                       "a3,,Salut,0,0,0,0,  Marc ,2026-12-02\n" +
                                       "a4,,Merci,0,0,0,0,Marc,\n");
        var rows = LabelledCsvLoader.LoadOne(path).Rows;
        Assert.Equal("Julie Tremblay", rows[0].Author);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 19, 30, 0, TimeSpan.Zero), rows[0].Created);
        Assert.Equal(rows[0].Created, rows[1].Created);
        Assert.Null(rows[1].Author);
        Assert.Equal("Marc", rows[2].Author);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), rows[2].Created);
        Assert.Null(rows[3].Created);
        var comment = rows[0].ToComment();
        Assert.Equal(("Julie Tremblay", rows[0].Created), (comment.Author, comment.Created));
    }

    [Fact]
    public void A_file_without_the_columns_reads_as_before()
    {
        using var dir = new TempDirectory();
        var rows = LabelledCsvLoader.LoadComments(dir.Write("c.csv", "id,text\nx,Bonjour\n")).Rows;
        Assert.Null(rows[0].Author);
        Assert.Null(rows[0].Created);
    }

    [Theory]
    [InlineData("02/12/2026")]
    [InlineData("2026-13-02")]
    [InlineData("hier")]
    [InlineData("2026-12-02T25:00:00Z")]
    public void A_date_that_is_not_iso_8601_is_a_problem_with_file_line_and_column(string created)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.csv", "id,text,author,created\nx1,Bonjour,Julie,2026-12-02\nx2,Allo,Marc," + created + "\n");
        var e = Assert.Throws<DataValidationException>(() => LabelledCsvLoader.LoadComments(path));
        var problem = Assert.Single(e.Problems);
        Assert.Equal((path, 3L, 4, "created"), (problem.File, problem.Line, problem.Column, problem.ColumnName));
        Assert.Contains("ISO 8601", problem.Message);
    }
}
