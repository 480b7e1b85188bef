using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Tests.Scoring;

/// <summary>The evidence <see cref="NetiquetteScorer"/> puts in a verdict, on the shipped bundle.</summary>
public class EvidenceTests
{
    private static readonly Lazy<NetiquetteScorer> Shipped = new(() => NetiquetteScorer.Load(Repo.ShippedBundle));

    private static readonly Lazy<IReadOnlyList<LabelledComment>> CorpusRows =
        new(() => LabelledCsvLoader.LoadAll(Repo.CorpusFiles).SelectMany(f => f.Rows).ToList());

    [Fact]
    public void A_sacre_is_the_strongest_offensive_evidence()
    {
        var verdict = Shipped.Value.Score("tabarnak de maire incompétent");
        Assert.True(verdict[Category.Offensive].Flagged);
        var first = verdict.EvidenceFor(Category.Offensive)!.Evidence[0];
        Assert.Equal((0, 8), (first.Start, first.End));
        Assert.Equal("tabarnak", first.Text);
        Assert.True(first.Contribution > 0);
    }

    [Theory]
    [InlineData("t@b@rn@k de maire incompétent", "t@b@rn@k")]
    [InlineData("t a b a r n a k de maire incompétent", "t a b a r n a k")]
    [InlineData("TABARNAK de maire incompétent", "TABARNAK")]
    public void An_obfuscated_sacre_points_at_the_characters_the_author_typed(string comment, string typed)
    {
        var verdict = Shipped.Value.Score(comment);
        var first = verdict.EvidenceFor(Category.Offensive)!.Evidence[0];
        Assert.Equal(typed, comment[first.Start..first.End]);
        Assert.Equal(typed, first.Text);
    }

    [Fact]
    public void A_comment_far_from_its_post_is_pushed_off_topic_by_the_post_similarity_signal_first()
    {
        // A pair from the corpus (the comment under a post about something else), and the same comment under a post on its subject.
        // Whether it crosses the flag is the threshold's business; what leads the evidence is this test's.
        const string comment = "Mon cousin a pogné un doré de 8 livres au lac Tiblemont hier, y'a de quoi être jaloux 🎣";
        const string farPost = "Le 23 juin, célébrons ensemble la Fête nationale du Québec au parc municipal : jeux gonflables dès 16 h, " +
                               "discours patriotique, spectacle et feu de joie à la tombée du jour. Apportez vos chaises!";
        const string nearPost = "Ouverture de la pêche au doré au lac Tiblemont : les pêcheurs sont priés de respecter les limites de prises.";

        var far = Shipped.Value.Score(new Comment(comment, farPost), Explanations.All);
        Assert.True(far[Category.OffTopic].Probability > 0.5, $"off_topic {far[Category.OffTopic].Probability:0.00}");
        var evidence = far.EvidenceFor(Category.OffTopic)!;
        var strongestSignal = evidence.Signals[0];
        Assert.StartsWith("similarité avec la publication", strongestSignal.Name);
        // Stronger than any word: the flag comes from the distance to the post first.
        Assert.True(strongestSignal.Contribution > evidence.Spans[0].Contribution,
            $"{strongestSignal.Name} {strongestSignal.Contribution:0.00} ≤ « {evidence.Spans[0].Text} » {evidence.Spans[0].Contribution:0.00}");

        var near = Shipped.Value.Score(new Comment(comment, nearPost), Explanations.All);
        Assert.True(near[Category.OffTopic].Probability < far[Category.OffTopic].Probability);
        var nearSimilarity = near.EvidenceFor(Category.OffTopic)!.Signals.Where(s => s.Name.StartsWith("similarité avec la publication")).Sum(s => s.Contribution);
        Assert.True(nearSimilarity < strongestSignal.Contribution);
    }

    [Fact]
    public void Contributions_and_bias_add_up_to_the_raw_score_in_every_category_for_10000_corpus_comments()
    {
        var scorer = Shipped.Value;
        var rows = CorpusRows.Value.Take(10_000).ToList();
        Assert.Equal(10_000, rows.Count);
        var worst = 0.0;
        var explained = 0;
        foreach (var verdict in scorer.ScoreMany(rows.Select(r => r.ToComment()), Explanations.All))
        {
            Assert.Equal(Categories.All, verdict.Evidence.Select(e => e.Category));
            foreach (var e in verdict.Evidence)
            {
                var sum = e.Bias + e.Spans.Sum(s => s.Contribution) + e.Signals.Sum(s => s.Contribution) + e.Unplaced;
                worst = Math.Max(worst, Math.Abs(sum - e.RawScore));
                // The raw score explained is the one the verdict's probability was calibrated from.
                Assert.Equal(verdict[e.Category].Probability, scorer.Bundle.Manifest.For(e.Category).Calibration.Probability(e.RawScore), 12);
                explained++;
            }
        }
        Assert.Equal(10_000 * Categories.All.Count, explained);
        Assert.True(worst <= 1e-4, $"worst gap {worst:E2}");
    }

    [Fact]
    public void The_allow_path_computes_no_evidence_and_none_is_computed_when_none_is_asked()
    {
        var allowed = Shipped.Value.Score("Merci pour l'information, bonne journée!");
        Assert.Equal(ModerationAction.Allow, allowed.Action);
        Assert.Empty(allowed.Evidence);

        var flagged = Shipped.Value.Score(new Comment("tabarnak de maire incompétent"), Explanations.None);
        Assert.True(flagged[Category.Offensive].Flagged);
        Assert.Empty(flagged.Evidence);

        var byDefault = Shipped.Value.Score("tabarnak de maire incompétent");
        Assert.Equal(byDefault.Categories.Where(c => c.Flagged).Select(c => c.Category), byDefault.Evidence.Select(e => e.Category));
    }

    [Fact]
    public void Evidence_text_never_holds_personal_information()
    {
        var scorer = Shipped.Value;
        var comments = CorpusRows.Value.Where(r => scorer.PersonalInfo.Detect(r.Text).Count > 0).Select(r => r.ToComment())
            .Append(new Comment("Vends VTT 4500$, appelez 819 555-0199 ou écrivez à jean.tremblay@gmail.com, tabarnak"))
            .Append(new Comment("Mon NAS c'est 046 454 286 pis ma carte 4111 1111 1111 1111, gang de caves"))
            .ToList();
        Assert.True(comments.Count > 100);
        var spans = 0;
        var verdicts = scorer.ScoreMany(comments, Explanations.All).ToList();
        for (var i = 0; i < comments.Count; i++)
        {
            var found = verdicts[i].PersonalInfo.Select(f => comments[i].Text[f.Start..f.End]).ToList();
            foreach (var span in verdicts[i].Evidence.SelectMany(e => e.Spans))
            {
                spans++;
                Assert.Empty(scorer.PersonalInfo.Detect(span.Text));
                foreach (var value in found) Assert.DoesNotContain(value, span.Text);
            }
        }
        Assert.True(spans > 1000);
    }
}
