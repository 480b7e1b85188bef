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
            var input = CommentFeaturizer.ToModelInput(new Comment(pair.Comment, pair.Post), post, WordAssociations.Empty);
            Assert.Equal(ReferenceCosine(input.Text, post.Normalized), input.Signals[1]);
        }, iter: 3000);
    }

    [Fact]
    public void Post_word_association_is_the_mean_strongest_association_of_the_comments_content_words()
    {
        // The featuriser adds each word's association inside its one pass over the comment; the
        // reference here looks every content word up in the post's table the plain way.
        var associations = TrainedBundle.Shared.Scorer.Bundle.Features.Associations;
        var index = CommentFeaturizer.SignalNames.ToList().IndexOf("post_word_association");
        var positive = 0;
        Pairs.Sample(pair =>
        {
            var post = PostContext.From(pair.Post);
            var input = CommentFeaturizer.ToModelInput(new Comment(pair.Comment, pair.Post), post, associations);
            var best = associations.ForPost(post.Normalized);
            var words = input.Text.Split(' ').Where(w => WordAssociations.IsContentWord(w)).ToList();
            var expected = post.Normalized.Length == 0 || words.Count == 0 ? 0f : words.Sum(w => best.GetValueOrDefault(w)) / words.Count;
            Assert.Equal(expected, input.Signals[index], 1e-5f);   // LINQ sums floats in double, the featuriser in float
            if (expected > 0) Interlocked.Increment(ref positive);
        }, iter: 2000);
        // Not only the zeros of comments and posts that share no learned pair.
        Assert.True(positive > 100, $"{positive} samples with an association");
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
            var input = CommentFeaturizer.ToModelInput(new Comment(comment, postText), post, WordAssociations.Empty);
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

    /// <summary>The word signals of a one-word comment, by plain scans of the lexicons and of the subject lists.</summary>
    private static Dictionary<string, float> ReferenceWordSignals(string word)
    {
        var topicEntries = MunicipalTopics.Entries.Select(e => (e.Entry, (uint)e.Bits));
        var topics = (int)WordTrieTests.Reference(topicEntries, word);
        var partisan = MunicipalTopics.IsOutsidePolitics(topics);
        var townContacts = new[] { TextNormalizer.TownPhoneToken, TextNormalizer.TownEmailToken, TextNormalizer.TownUrlToken };
        float Is(bool yes) => yes ? 1f : 0f;
        return new()
        {
            ["offensive_words"] = Is(Lexicons.Offensive.Contains(word) && !Lexicons.ChurchWords.Contains(word)),
            ["mild_oaths"] = Is(Lexicons.MildOaths.Contains(word)),
            ["political_words"] = Is(Lexicons.GeneralPolitics.Contains(word) || partisan),
            ["commercial_words"] = Is(Lexicons.Commercial.Contains(word)),
            ["municipal_words"] = Is(Lexicons.TownWords.Contains(word) || townContacts.Contains(word) || MunicipalTopics.Subjects(topics) != 0),
            ["urls"] = Is(word == TextNormalizer.UrlToken),
            ["mentions"] = Is(word == TextNormalizer.MentionToken),
            ["municipal_subjects"] = Math.Min(System.Numerics.BitOperations.PopCount((uint)MunicipalTopics.Subjects(topics)), 4),
            ["outside_politics_words"] = Is(partisan),
            ["outside_subject_words"] = Is(MunicipalTopics.IsOutsideSubject(topics)),
        };
    }

    [Fact]
    public void Each_word_signal_is_what_a_plain_scan_of_the_lists_gives()
    {
        var listed = Lexicons.Offensive.Concat(Lexicons.ChurchWords).Concat(Lexicons.MildOaths).Concat(Lexicons.GeneralPolitics)
            .Concat(Lexicons.Commercial).Concat(Lexicons.TownWords).Concat(MunicipalTopics.Entries.Select(e => e.Entry)).ToList();
        var names = CommentFeaturizer.SignalNames.ToList();
        void Check(string word)
        {
            var signals = CommentFeaturizer.Signals(word, word, PostContext.None, WordAssociations.Empty);
            foreach (var (name, expected) in ReferenceWordSignals(word))
                Assert.True(expected == signals[names.IndexOf(name)], $"« {word} »: {name} {signals[names.IndexOf(name)]}, a scan of the lists gives {expected}");
        }
        foreach (var word in WordTrieTests.EdgeWords(listed).Where(w => w.Length > 0 && !w.Contains(' '))) Check(word);
        Gen.OneOf(Gen.String[Gen.Char['\0', '\u02FF'], 1, 12], Gen.String[Gen.Char["aceilnorstuv0-"], 1, 12])
            .Where(w => !w.Contains(' ')).Sample(Check, iter: 5000);
    }

    [Theory]
    [InlineData("Le maire a remis sa démission avant les élections", 0f)]
    [InlineData("Les députés et les ministres de Legault", 3f)]
    public void Politics_counts_general_and_partisan_words_alike_and_partisan_ones_apart(string comment, float partisan)
    {
        var signals = CommentFeaturizer.ToModelInput(new Comment(comment, null)).Signals;
        var names = CommentFeaturizer.SignalNames.ToList();
        Assert.Equal(3f, signals[names.IndexOf("political_words")]);
        Assert.Equal(partisan, signals[names.IndexOf("outside_politics_words")]);
    }
}
