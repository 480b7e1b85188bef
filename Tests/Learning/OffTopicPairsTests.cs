using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Tests.Learning;

public class OffTopicPairsTests
{
    private static LabelledComment Row(string id, string post, string text, bool offTopic = false) =>
        new(id, post, text, false, offTopic, false, false, "test.csv", 1);

    private static readonly IReadOnlyList<LabelledComment> Corpus = LabelledCsvLoader.LoadOne(Repo.Corpus).Rows;

    [Fact]
    public void Re_paired_rows_never_cross_the_held_out_split_nor_the_folds()
    {
        var (train, test) = GroupedSplit.TrainTest(Corpus, 0.2, 42);
        var repaired = OffTopicPairs.Make(train, ModelTrainer.ToInputs(train), 42, 0.15);
        Assert.NotEmpty(repaired);

        var trainIds = train.ToDictionary(r => r.Id);
        var trainPosts = train.Select(r => r.Post).ToHashSet();
        var testPosts = test.Select(r => r.Post).Where(p => p.Length > 0).ToHashSet();
        var folds = GroupedSplit.Folds([.. train, .. repaired], 4, 42);
        var foldOf = train.Concat(repaired).Zip(folds).ToDictionary(x => x.First.Id, x => x.Second);
        foreach (var row in repaired)
        {
            var source = trainIds[row.Id[..row.Id.IndexOf('~')]];
            Assert.Contains(row.Post, trainPosts);
            Assert.DoesNotContain(row.Post, testPosts);
            Assert.NotEqual(source.Post, row.Post);
            Assert.Equal(source.Text, row.Text);
            Assert.Equal("post:" + source.Post.Trim(), row.Group);          // the source comment's group, written out
            Assert.Equal(foldOf[source.Id], foldOf[row.Id]);
            Assert.True(row.OffTopic && row.Repaired);
            Assert.Equal((source.Offensive, source.Political, source.Commercial), (row.Offensive, row.Political, row.Commercial));
        }
        Assert.InRange(repaired.Count, 1, (int)(0.15 * train.Count));
    }

    [Fact]
    public void Only_comments_sharing_words_with_their_own_post_are_moved_and_only_to_posts_they_share_nothing_with()
    {
        const string Snow = "Opération de déneigement cette nuit sur la rue Principale et la 4e Avenue.";
        const string Pool = "La piscine municipale ouvre samedi; les cours de natation commencent le 2 juillet.";
        var rows = new[]
        {
            Row("a", Snow, "Le déneigement de la rue Principale se fait à quelle heure cette nuit?"),
            Row("b", Snow, "Merci beaucoup!"),                                               // generic: never moved
            Row("c", Snow, "Quelqu'un a vu mon chat gris?", offTopic: true),                // already off topic
            Row("d", Pool, "Les cours de natation de juillet sont-ils complets à la piscine?"),
        };
        var repaired = OffTopicPairs.Make(rows, ModelTrainer.ToInputs(rows), 42, 1.0);
        Assert.Equal(["a~repaired", "d~repaired"], repaired.Select(r => r.Id).Order());
        Assert.Equal(Pool, repaired.Single(r => r.Id == "a~repaired").Post);
        Assert.Equal(Snow, repaired.Single(r => r.Id == "d~repaired").Post);
    }

    [Fact]
    public void Nothing_is_made_with_a_share_of_zero_or_a_single_post()
    {
        var rows = new[] { Row("a", "Travaux sur la rue Principale lundi", "Les travaux de la rue Principale durent combien de jours?") };
        Assert.Empty(OffTopicPairs.Make(rows, ModelTrainer.ToInputs(rows), 42, 1.0));
        var train = GroupedSplit.TrainTest(Corpus, 0.2, 42).Train;
        Assert.Empty(OffTopicPairs.Make(train, ModelTrainer.ToInputs(train), 42, 0));
    }
}
