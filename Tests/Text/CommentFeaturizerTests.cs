using CsCheck;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Text;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Text;

public class CommentFeaturizerTests
{
    private static readonly IReadOnlyList<string> Texts = TrainedBundle.SampleRows(every: 10).SelectMany(r => new[] { r.Text, r.Post }).ToList();

    /// <summary>Comments cut from real ones, posts cut from real ones or from the comment itself, and any string.</summary>
    private static readonly Gen<(string Comment, string Post)> Pairs = Gen.OneOf(
        Gen.Select(Gen.Int[0, Texts.Count - 1], Gen.Int[0, Texts.Count - 1], Gen.Int[0, 200], Gen.Int[0, 200])
            .Select(p => (Cut(Texts[p.Item1], p.Item3), Cut(Texts[p.Item2], p.Item4))),
        Gen.Select(Gen.Int[0, Texts.Count - 1], Gen.Int[0, 200]).Select(p => (Texts[p.Item1], Cut(Texts[p.Item1], p.Item2))),
        Gen.Select(Gen.String, Gen.String));

    private static string Cut(string text, int length) => text[..Math.Min(text.Length, length)];

    [Fact]
    public void Post_similarity_is_the_cosine_of_the_two_trigram_count_tables()
    {
        // The featuriser never builds the comment's table (it counts as it goes); the reference
        // here pairs both tables the plain way, and must agree to the last bit.
        Pairs.Sample(pair =>
        {
            var post = PostContext.From(pair.Post);
            var input = CommentFeaturizer.ToModelInput(new Comment(pair.Comment, pair.Post), post);
            Assert.Equal(ReferenceCosine(input.Text, post.Normalized), input.Signals[1]);
        }, iter: 3000);
    }

    [Fact]
    public void Post_similarity_stays_exact_when_normalisation_lengthens_a_huge_text()
    {
        // « ﷺ » becomes 18 letters under NFKC: 10,000 of them normalise to some 190,000
        // characters, far past the 20,000 the input is cut at, and the counts must stay exact.
        var huge = string.Concat(Enumerable.Repeat("\uFDFA ", 10_000)) + string.Concat(Enumerable.Repeat("ab", 5_000));
        foreach (var (comment, postText) in new[] { (huge, huge), (huge, "ab ab ab"), ("ab ab ab", huge) })
        {
            var post = PostContext.From(postText);
            var input = CommentFeaturizer.ToModelInput(new Comment(comment, postText), post);
            Assert.Equal(ReferenceCosine(input.Text, post.Normalized), input.Signals[1]);
        }
    }

    private static float ReferenceCosine(string text, string post)
    {
        if (post.Length == 0) return 0f;
        var x = CommentFeaturizer.Trigrams(text);
        var y = CommentFeaturizer.Trigrams(post);
        if (x.Count == 0 || y.Count == 0) return 0f;
        double dot = 0, normX = 0, normY = 0;
        foreach (var (key, count) in x)
        {
            normX += count * count;
            if (y.TryGetValue(key, out var other)) dot += count * other;
        }
        foreach (var count in y.Values) normY += count * count;
        return (float)(dot / Math.Sqrt(normX * normY));
    }
}
