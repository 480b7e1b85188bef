using CsCheck;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Scoring.Rules;
using NetiquetteML.Scoring.Text;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Commands;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Tests.Scoring;

public class NetiquetteScorerTests
{
    private static NetiquetteScorer Scorer => TrainedBundle.Shared.Scorer;

    [Fact]
    public void Verdict_has_a_calibrated_probability_for_every_category()
    {
        var verdict = Scorer.Score(new Comment("Quand passe la déneigeuse sur la 4e Rue?", "Déneigement cette nuit", "c1"));
        Assert.Equal("c1", verdict.Id);
        Assert.Equal(Categories.All, verdict.Categories.Select(c => c.Category));
        Assert.All(verdict.Categories, c => Assert.InRange(c.Probability, 0, 1));
    }

    [Fact]
    public void Personal_information_removes_the_comment_and_is_redacted_from_reasons_and_text()
    {
        var verdict = Scorer.Score(new Comment("Appelez-moi au 819-555-0142 ou écrivez à jean.tremblay@gmail.com"));
        Assert.Equal(ModerationAction.Remove, verdict.Action);
        Assert.True(verdict.HasPersonalInfo);
        Assert.Contains(verdict.Reasons, r => r.Contains("renseignements personnels"));
        foreach (var text in verdict.Reasons.Append(verdict.RedactedText))
        {
            Assert.DoesNotContain("555-0142", text);
            Assert.DoesNotContain("jean.tremblay", text);
        }
    }

    [Fact]
    public void Shouting_alone_sends_to_review_with_the_netiquette_clause()
    {
        var verdict = Scorer.Score(new Comment("MERCI À L'ÉQUIPE DES TRAVAUX PUBLICS POUR LE BEAU TRAVAIL!!!"));
        Assert.True(verdict.Shouting.IsShouting);
        Assert.True(verdict.Action >= ModerationAction.Review);
        Assert.Contains(verdict.Reasons, r => r.Contains(NetiquetteClauses.ShoutingClause));
    }

    [Fact]
    public void Flagged_category_gives_a_french_reason_citing_its_clause()
    {
        var verdict = Scorer.Score(new Comment("Gang de tabarnak d'incompétents au conseil, mangez donc d'la marde"));
        foreach (var flagged in verdict.Categories.Where(c => c.Flagged))
            Assert.Contains(verdict.Reasons, r => r.Contains(NetiquetteClauses.For(flagged.Category)));
        Assert.Equal(verdict.Categories.Any(c => c.Flagged), verdict.Action != ModerationAction.Allow);
    }

    [Fact]
    public void Policy_json_overrides_thresholds_and_actions()
    {
        var strict = ModerationPolicy.FromJson("""{ "shoutingAction": "Allow", "thresholdOverrides": { "offensive": { "flag": 0.0 } } }""");
        var scorer = NetiquetteScorer.Load(TrainedBundle.Shared.Directory, strict);
        var verdict = scorer.Score(new Comment("BONJOUR À TOUS LES CITOYENS DE LA VILLE"));
        Assert.True(verdict[Category.Offensive].Flagged);
        Assert.True(verdict.Shouting.IsShouting);
        Assert.DoesNotContain(verdict.Reasons, r => r.Contains(NetiquetteClauses.ShoutingClause));
    }

    [Fact]
    public void Eight_threads_give_exactly_the_sequential_results()
    {
        var comments = TrainedBundle.Shared.Rows.Take(200).Select(r => r.ToComment()).ToArray();
        var sequential = comments.Select(Scorer.Score).ToArray();
        var parallel = new Verdict[8][];
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            // Half the threads score the same order, half a rotated one: same and different comments at once.
            var result = new Verdict[comments.Length];
            for (var round = 0; round < 3; round++)
                for (var k = 0; k < comments.Length; k++)
                {
                    var i = t % 2 == 0 ? k : (k + 37 * t) % comments.Length;
                    result[i] = Scorer.Score(comments[i]);
                }
            parallel[t] = result;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        foreach (var result in parallel)
            for (var i = 0; i < comments.Length; i++)
                Assert.Equal(Describe(sequential[i]), Describe(result[i]));
    }

    [Fact]
    public void Batch_scoring_keeps_input_order_and_equals_single_calls()
    {
        var comments = TrainedBundle.Shared.Rows.Take(300).Select(r => r.ToComment()).ToArray();
        var batch = Scorer.ScoreMany(comments, chunkSize: 64).ToArray();
        Assert.Equal(comments.Select(c => c.Id), batch.Select(v => v.Id));
        for (var i = 0; i < comments.Length; i += 17)
            Assert.Equal(Describe(Scorer.Score(comments[i])), Describe(batch[i]));
    }

    [Fact]
    public void Batch_reads_ahead_by_at_most_two_chunks_and_stopping_early_ends_the_scoring()
    {
        var comments = TrainedBundle.Shared.Rows.Take(200).Select(r => r.ToComment()).ToArray();
        var read = 0;
        IEnumerable<Comment> Source()
        {
            foreach (var c in comments)
            {
                Interlocked.Increment(ref read);
                yield return c;
            }
        }

        var first = new List<Verdict>();
        foreach (var verdict in Scorer.ScoreMany(Source(), chunkSize: 10))
        {
            // The first verdict comes back once the first chunk is scored and the second one is
            // read: the source is never drained ahead of the consumer.
            Assert.InRange(Volatile.Read(ref read), 20, 30);
            first.Add(verdict);
            if (first.Count == 5) break;
        }
        Assert.Equal(comments.Take(5).Select(c => c.Id), first.Select(v => v.Id));
        Assert.InRange(read, 20, 30);
    }

    [Fact]
    public void Batch_passes_on_a_failing_source_and_a_cancellation()
    {
        IEnumerable<Comment> Failing()
        {
            for (var i = 0; i < 25; i++) yield return new Comment("Bonjour tout le monde " + i);
            throw new IOException("the source broke");
        }
        var scored = new List<Verdict>();
        var error = Assert.Throws<IOException>(() => { foreach (var v in Scorer.ScoreMany(Failing(), chunkSize: 10)) scored.Add(v); });
        Assert.Equal("the source broke", error.Message);
        Assert.Equal(10, scored.Count); // the first chunk was handed back; the second was scored when the source broke

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var many = Enumerable.Range(0, 100).Select(i => new Comment("Merci " + i));
        Assert.ThrowsAny<OperationCanceledException>(() => Scorer.ScoreMany(many, chunkSize: 10, cancellationToken: cancel.Token).ToList());
    }

    [Fact]
    public void Scorer_probabilities_equal_what_evaluate_computed_at_training()
    {
        var built = TrainedBundle.Shared;
        var manifest = built.Scorer.Bundle.Manifest;
        var testRows = built.Rows.Where(r => manifest.Split.TestIds.Contains(r.Id)).ToList();
        var metrics = BundleEvaluator.Metrics(BundleEvaluator.Score(built.Scorer, testRows));
        foreach (var category in Categories.All)
        {
            Assert.Equal(manifest.For(category).Test!.AveragePrecision, metrics[category.Name()].AveragePrecision, 6);
            Assert.Equal(manifest.For(category).Test!.TruePositives, metrics[category.Name()].TruePositives);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\0\0\0")]
    [InlineData("\uD800 lone surrogate")]
    [InlineData("😀😀😀🔥🔥")]
    public void Odd_input_returns_a_verdict(string text)
    {
        var verdict = Scorer.Score(new Comment(text));
        Assert.NotNull(verdict);
    }

    [Fact]
    public void Megabyte_comment_returns_a_verdict()
    {
        var huge = string.Concat(Enumerable.Repeat("c'est long 819 555 0142 aaaaaaa ", 33_000));
        var verdict = Scorer.Score(new Comment(huge));
        Assert.True(verdict.HasPersonalInfo);
        Assert.DoesNotContain("555 0142", verdict.RedactedText);
    }

    private static readonly string[] Pieces =
    [
        "Tabarnak", "t@b@rn@k", "c*lisse", "i d i o t", "ÉCOLE", "école", "vends", "pneus", "300$", "819 555-0199", "jean@gmail.com",
        "https://bit.ly/x", "@Julie", "merci", "!!!", " ", "  ", "\n", "’", "c'est", "ﬁ", "😀", "\u200B", "e\u0301",
    ];

    [Fact]
    public void The_text_beside_the_verdict_is_the_comment_as_the_models_read_it() =>
        Gen.OneOf(Gen.String, Gen.Int[0, Pieces.Length - 1].Array[0, 16].Select(picks => string.Join(" ", picks.Select(p => Pieces[p]))))
            .Sample(text =>
            {
                var comment = new Comment(text, null, "p");
                var scored = Scorer.ScoreWithText(comment, Explanations.Flagged);
                Assert.Equal(TextNormalizer.Normalize(text), scored.NormalizedText);
                Assert.Equal(Describe(Scorer.Score(comment, Explanations.Flagged)), Describe(scored.Verdict));
            }, iter: 300);

    [Fact]
    public void Scoring_many_keeps_each_verdict_beside_its_own_comments_text_in_input_order()
    {
        var comments = Enumerable.Range(0, 11).Select(i => new Comment($"Vends {i} pneus d'hiver à {i * 10} $, écrivez-moi", null, $"m{i}")).ToList();
        var scored = Scorer.ScoreManyWithText(comments, Explanations.None, chunkSize: 3).ToList();
        Assert.Equal(comments.Select(c => c.Id), scored.Select(s => s.Verdict.Id));
        Assert.Equal(comments.Select(c => TextNormalizer.Normalize(c.Text)), scored.Select(s => s.NormalizedText));
    }

    internal static string Describe(Verdict v) =>
        $"{v.Id}|{v.Action}|{string.Join(",", v.Categories.Select(c => $"{c.Probability:R}{c.Flagged}{c.AboveRemove}"))}|" +
        $"{string.Join(",", v.PersonalInfo.Select(f => $"{f.Kind}{f.Start}+{f.Length}"))}|{v.Shouting.IsShouting}|{string.Join("/", v.Reasons)}|{v.RedactedText}";
}
