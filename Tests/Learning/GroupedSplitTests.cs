using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Tests.Learning;

public class GroupedSplitTests
{
    private static IReadOnlyList<LabelledComment> Rows() => LabelledCsvLoader.LoadOne(Repo.Corpus).Rows;

    [Fact]
    public void No_post_is_in_both_train_and_test()
    {
        var (train, test) = GroupedSplit.TrainTest(Rows(), 0.2, 42);
        // Posts compared as text, not through GroupOf, the function under test.
        var trainPosts = train.Where(r => r.Post.Trim().Length > 0).Select(r => r.Post.Trim()).ToHashSet();
        Assert.DoesNotContain(test, r => r.Post.Trim().Length > 0 && trainPosts.Contains(r.Post.Trim()));
        Assert.InRange(test.Count, Rows().Count * 0.1, Rows().Count * 0.3);
    }

    [Fact]
    public void Split_is_reproducible_for_a_seed_and_changes_with_it()
    {
        var rows = Rows();
        var first = GroupedSplit.TrainTest(rows, 0.2, 42).Test.Select(r => r.Id).ToList();
        var again = GroupedSplit.TrainTest(rows, 0.2, 42).Test.Select(r => r.Id).ToList();
        var other = GroupedSplit.TrainTest(rows, 0.2, 7).Test.Select(r => r.Id).ToList();
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Folds_keep_each_post_in_one_fold()
    {
        var rows = Rows();
        var folds = GroupedSplit.Folds(rows, 4, 42);
        var byPost = rows.Select((r, i) => (Post: r.Post.Trim(), Fold: folds[i])).Where(x => x.Post.Length > 0).GroupBy(x => x.Post);
        Assert.All(byPost, g => Assert.Single(g.Select(x => x.Fold).Distinct()));
        Assert.Equal(4, folds.Distinct().Count());
    }

    [Fact]
    public void A_row_is_grouped_by_its_post_or_alone_without_one_or_by_the_group_it_names()
    {
        LabelledComment Row(string id, string post) => new(id, post, "texte", false, false, false, false, "t.csv", 1);
        Assert.Equal("post:Travaux lundi", GroupedSplit.GroupOf(Row("a", "  Travaux lundi ")));
        Assert.Equal("id:b", GroupedSplit.GroupOf(Row("b", " ")));
        Assert.Equal("post:Autre", GroupedSplit.GroupOf(Row("c", "Travaux lundi") with { Group = "post:Autre" }));
    }

    [Fact]
    public void Adding_rows_does_not_move_existing_posts_between_sides()
    {
        var rows = Rows();
        var before = GroupedSplit.TrainTest(rows.Take(rows.Count / 2).ToList(), 0.2, 42).Test.Select(r => r.Id).ToHashSet();
        var after = GroupedSplit.TrainTest(rows, 0.2, 42).Test.Select(r => r.Id).ToHashSet();
        Assert.Subset(after, before);
    }
}
