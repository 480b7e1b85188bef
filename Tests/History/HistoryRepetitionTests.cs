using NetiquetteML.Scoring;
using NetiquetteML.Scoring.History;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.History;

/// <summary>Repeated content, campaigns and repeat offenders, through the real SQLite history and the shipped bundle.</summary>
public class HistoryRepetitionTests
{
    private static readonly DateTimeOffset Noon = FreshHistory.Noon;

    private const string Question = "Quand est-ce que la piscine municipale va rouvrir cet été? Personne ne répond à nos questions.";
    private const string Scam = "Gagnez 500 $ par jour en travaillant de la maison, écrivez-moi en privé pour les détails https://bit.ly/riche-vite";

    [Fact]
    public void The_same_author_three_times_in_an_hour_makes_the_third_repeated_content_with_the_two_earlier_ids()
    {
        using var history = new FreshHistory();
        var first = history.Say("c1", "Julie Tremblay", Question, Noon);
        var second = history.Say("c2", "julie tremblay ", Question.ToUpperInvariant() + " 😡", Noon.AddMinutes(25));
        var third = history.Say("c3", "Julie Tremblay", Question.Replace("Personne", "Personne encore"), Noon.AddMinutes(50));

        Assert.False(first.Repeated);
        Assert.True(second.Repeated);
        var repetition = third.History!.Repetition!;
        Assert.Equal(RepetitionKind.SameAuthor, repetition.Kind);
        Assert.Equal(["c1", "c2"], repetition.EarlierIds);
        Assert.True(third.Action >= ModerationAction.Review);
        Assert.Contains(third.Reasons, r => r.StartsWith("Contenu répété") && r.Contains("c1, c2") && r.Contains(NetiquetteClauses.RepeatedContentClause));
    }

    [Fact]
    public void Remembering_a_verdict_signs_the_comments_own_text_whatever_text_the_verdict_was_scored_from()
    {
        using var history = new FreshHistory();
        history.Say("c1", "Julie", Question, Noon);
        using var session = history.Store.Begin();
        var ofAnotherText = ShippedScorer.Shared.Score(new Comment("Bravo aux bénévoles du festival, quelle belle soirée au parc!"));
        var repeated = history.Scorer.Remember(session, new Comment(Question, null, "c2", "Julie", Noon.AddMinutes(5)), ofAnotherText);
        var ofTheQuestion = ShippedScorer.Shared.Score(new Comment(Question));
        var fresh = history.Scorer.Remember(session, new Comment("Le marché public ouvre samedi prochain sur la 10e Avenue, venez nombreux", null, "c3", "Julie", Noon.AddMinutes(6)), ofTheQuestion);
        session.Commit();
        Assert.True(repeated.Repeated);
        Assert.False(fresh.Repeated);
    }

    [Fact]
    public void Comments_scored_in_one_session_see_each_other_and_are_kept_only_when_it_commits()
    {
        using var history = new FreshHistory();
        using (var abandoned = history.Store.Begin())
        {
            history.Scorer.Score(abandoned, new Comment(Question, null, "c1", "Julie", Noon));
            // Never committed: a batch that fails is recorded not at all.
        }
        using var session = history.Store.Begin();
        var first = history.Scorer.Score(session, new Comment(Question, null, "c2", "Julie", Noon.AddMinutes(1)));
        var second = history.Scorer.Score(session, new Comment(Question, null, "c3", "Julie", Noon.AddMinutes(2)));
        session.Commit();

        Assert.False(first.Repeated);
        Assert.Equal(["c2"], second.History!.Repetition!.EarlierIds);
        Assert.Equal(ShippedScorer.Shared.Score(new Comment(Question))[Category.Complaint].Probability, first[Category.Complaint].Probability);
    }

    [Fact]
    public void The_same_text_after_the_repeat_window_is_not_repeated()
    {
        using var history = new FreshHistory();
        history.Say("c1", "Julie", Question, Noon);
        Assert.False(history.Say("c2", "Julie", Question, Noon.AddDays(3)).Repeated);
    }

    [Fact]
    public void Twenty_accounts_pasting_one_scam_within_ten_minutes_are_a_campaign_and_the_copies_are_removed()
    {
        using var history = new FreshHistory();
        var verdicts = Enumerable.Range(1, 20).Select(i =>
        {
            // Each account changes a little: case, emojis, the link, punctuation.
            var copy = i % 3 == 0 ? Scam.ToUpperInvariant() : i % 3 == 1 ? Scam + " 💰💰" : Scam.Replace("riche-vite", $"r{i}").Replace(",", "");
            return history.Say($"s{i}", $"compte-{i}", copy, Noon.AddSeconds(30 * i));
        }).ToList();

        Assert.False(verdicts[0].Repeated);
        Assert.All(verdicts.Skip(2), v => Assert.Equal(RepetitionKind.Campaign, v.History!.Repetition!.Kind));
        var last = verdicts[^1];
        Assert.Equal(20, last.History!.Repetition!.Authors);
        Assert.Equal(Enumerable.Range(1, 19).Select(i => $"s{i}"), last.History.Repetition.EarlierIds);
        Assert.True(last[Category.Commercial].Flagged);
        Assert.Equal(ModerationAction.Remove, last.Action);
        Assert.Contains(last.Reasons, r => r.Contains("campagne") && r.Contains("20 comptes"));
    }

    [Fact]
    public void A_campaign_of_harmless_copy_goes_to_review_not_removal()
    {
        using var history = new FreshHistory();
        const string petition = "Signez la pétition pour garder le bureau de poste ouvert le samedi matin au centre-ville";
        var verdicts = Enumerable.Range(1, 4).Select(i => history.Say($"p{i}", $"citoyen-{i}", petition, Noon.AddMinutes(i))).ToList();
        var last = verdicts[^1];
        Assert.Equal(RepetitionKind.Campaign, last.History!.Repetition!.Kind);
        Assert.False(last[Category.Commercial].Flagged || last[Category.Offensive].Flagged);
        Assert.Equal(ModerationAction.Review, last.Action);
    }

    [Fact]
    public void The_same_words_by_different_authors_on_different_days_are_nothing()
    {
        using var history = new FreshHistory();
        var thanks = Enumerable.Range(0, 6).Select(day => history.Say($"m{day}", $"citoyen-{day}", "Merci!", Noon.AddDays(day))).ToList();
        var longer = Enumerable.Range(0, 6).Select(day =>
            history.Say($"l{day}", $"citoyen-{day}", "Merci beaucoup pour le déneigement rapide de notre rue ce matin", Noon.AddDays(day))).ToList();
        Assert.All(thanks.Concat(longer), v =>
        {
            Assert.False(v.Repeated);
            Assert.Equal(ModerationAction.Allow, v.Action);
        });
    }

    [Fact]
    public void A_short_courtesy_repeated_by_the_same_author_is_not_repeated_content()
    {
        using var history = new FreshHistory();
        Assert.All(Enumerable.Range(0, 3).Select(i => history.Say($"m{i}", "Julie", "Merci! 👍", Noon.AddMinutes(i))), v => Assert.False(v.Repeated));
    }

    [Fact]
    public void An_author_with_three_removals_in_ninety_days_gets_the_recommendation_never_a_block()
    {
        using var history = new FreshHistory();
        var removed = new[] { 80, 40, 10 }.Select(daysAgo =>
            history.Say($"r{daysAgo}", "Gérald", $"Appelez Gérald au 819-555-01{daysAgo:00} pour tout savoir sur le conseil", Noon.AddDays(-daysAgo))).ToList();
        Assert.All(removed, v => Assert.Equal(ModerationAction.Remove, v.Action));
        Assert.Equal(2, removed[^1].History!.RecentRemovals);
        Assert.Null(removed[^1].History!.Recommendation);

        var now = history.Say("ok", "Gérald", "Bonne fin de semaine à tous", Noon);
        Assert.Equal(3, now.History!.RecentRemovals);
        Assert.Equal(NetiquetteClauses.RepeatOffenderRecommendation, now.History.Recommendation);
        Assert.Contains(now.Reasons, r => r.StartsWith("Récidive : envisager de bloquer l'accès à la page (3 commentaire(s)", StringComparison.Ordinal)
            && r.Contains(NetiquetteClauses.RepeatOffenderRecommendation, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(ModerationAction.Allow, now.Action); // a recommendation for a person, not an action
    }

    [Fact]
    public void Removals_older_than_the_window_do_not_count()
    {
        using var history = new FreshHistory();
        foreach (var daysAgo in new[] { 120, 100, 10 })
            history.Say($"r{daysAgo}", "Gérald", $"Appelez Gérald au 819-555-01{daysAgo % 100:00} pour tout savoir", Noon.AddDays(-daysAgo));
        var now = history.Say("ok", "Gérald", "Bonne fin de semaine à tous", Noon);
        Assert.Equal(1, now.History!.RecentRemovals);
        Assert.Null(now.History.Recommendation);
    }

    [Fact]
    public void Without_a_history_the_scorer_answers_exactly_as_before()
    {
        var scorer = ShippedScorer.Shared;
        for (var i = 0; i < 3; i++)
        {
            var verdict = scorer.Score(new Comment(Question, null, $"c{i}", "Julie", Noon.AddMinutes(i)));
            Assert.Null(verdict.History);
            Assert.False(verdict.Repeated);
        }
    }

    [Fact]
    public void The_models_never_read_the_author_or_the_time()
    {
        var scorer = ShippedScorer.Shared;
        var plain = scorer.Score(new Comment(Scam));
        var withAuthor = scorer.Score(new Comment(Scam, null, "x", "Quelqu'un d'autre", new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(plain.Categories, withAuthor.Categories);
        Assert.Equal(plain.Reasons, withAuthor.Reasons);
    }

    [Fact]
    public void The_policy_sets_the_windows_and_the_actions()
    {
        var policy = ModerationPolicy.FromJson("""{ "history": { "repeatWindow": "00:10:00", "repeatAction": "Remove", "offenderRemovals": 1 } }""");
        using var history = new FreshHistory(NetiquetteScorer.Load(Repo.ShippedBundle, policy));
        history.Say("c1", "Julie", Question, Noon);
        Assert.Equal(ModerationAction.Remove, history.Say("c2", "Julie", Question, Noon.AddMinutes(5)).Action);
        Assert.False(history.Say("c3", "Marc", Question + " Vraiment", Noon.AddHours(2)).Repeated);
        Assert.False(history.Say("c4", "Julie", Question, Noon.AddHours(1)).Repeated);
        Assert.NotNull(history.Say("c5", "Julie", "Bonne journée", Noon.AddHours(2)).History!.Recommendation);
    }

    [Theory]
    [InlineData("""{ "history": { "campaignAuthors": 1 } }""", "campaignAuthors")]
    [InlineData("""{ "history": { "similarity": 1.5 } }""", "similarity")]
    [InlineData("""{ "history": { "repeatWindow": "-00:10:00" } }""", "repeatWindow")]
    public void A_bad_history_section_is_refused(string json, string key) =>
        Assert.Contains(key, Assert.Throws<ArgumentException>(() => ModerationPolicy.FromJson(json)).Message);
}
