using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Benchmarks;

namespace NetiquetteML.Tests.Benchmarks;

public class BenchCorpusTests
{
    private static readonly BenchCorpus Corpus = BenchCorpus.Load(Repo.Corpus);

    [Fact]
    public void Long_comments_have_exactly_the_long_length_and_come_from_real_comments()
    {
        var longOnes = Corpus.Long(20);
        Assert.Equal(20, longOnes.Count);
        foreach (var c in longOnes)
        {
            Assert.InRange(c.Text.Length, BenchCorpus.LongLength - 1, BenchCorpus.LongLength);
            Assert.Contains(Corpus.Rows, r => c.Text.StartsWith(r.Text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_stream_is_lazy_and_stops_when_asked()
    {
        var produced = 0;
        foreach (var _ in Corpus.Stream(long.MaxValue, () => produced >= 1000)) produced++;
        Assert.InRange(produced, 1000, 1000 + 256);
        Assert.Equal(300, Corpus.Stream(300, () => false).Count());
    }

    [Fact]
    public void Noisy_repeats_have_unique_ids_and_differ_from_the_original()
    {
        var rows = Corpus.Noisy(Corpus.Rows.Count * 2 + 10);
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
        var second = rows[Corpus.Rows.Count];
        Assert.Equal(Corpus.Rows[0].Post, second.Post);
        Assert.NotEqual(Corpus.Rows[0].Text, second.Text);
        Assert.Equal(Corpus.Rows[0].Offensive, second.Offensive);
    }
}
