using CsCheck;
using NetiquetteML.History;
using NetiquetteML.Scoring.History;
using NetiquetteML.Scoring.Policy;

namespace NetiquetteML.Tests.History;

/// <summary>The in-memory index of the recent entries answers as a scan of every entry would.</summary>
public class RecentEntriesTests
{
    private static readonly HistoryKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromHours(6);
    private const double Similarity = 0.6;

    private static readonly TextSignature[] Signatures = new[]
    {
        "Quand est-ce que la piscine municipale va rouvrir cet été? Personne ne répond.",
        "QUAND EST-CE QUE LA PISCINE MUNICIPALE VA ROUVRIR CET ÉTÉ? PERSONNE NE RÉPOND ENCORE",
        "Gagnez 500 $ par jour en travaillant de la maison, écrivez-moi en privé",
        "La collecte des ordures est reportée à mardi à cause de la tempête de neige",
    }.Select(t => TextSignature.Of(t, Key.Seeds)).ToArray();

    private static readonly byte[][] Authors = Enumerable.Range(0, 4).Select(i => Key.Pseudonym($"auteur-{i}")!).ToArray();

    /// <summary>An entry: author (-1 for none), minute after <see cref="Start"/> (about 33 hours), action, text, and whether its session is rolled back.</summary>
    private static readonly Gen<(int Author, int Minute, int Action, int Text, bool RolledBack)> Entry =
        Gen.Select(Gen.Int[-1, 3], Gen.Int[0, 2000], Gen.Int[0, 2], Gen.Int[0, Signatures.Length - 1], Gen.Int[0, 5].Select(i => i == 0));

    /// <summary>A lookup near the end of that time: author, minute, same-author window, campaign window, removal window (minutes), text.</summary>
    private static readonly Gen<(int Author, int Minute, int Own, int Others, int Removals, int Text)> Query =
        Gen.Select(Gen.Int[-1, 3], Gen.Int[1500, 2100], Gen.Int[1, 360], Gen.Int[1, 360], Gen.Int[1, 3000], Gen.Int[0, Signatures.Length - 1]);

    [Fact]
    public void Lookups_after_the_horizon_find_what_a_scan_of_every_entry_finds_even_after_rollbacks()
    {
        var compared = 0;
        Gen.Select(Entry.List[0, 150], Query.List[1, 20]).Sample((entries, queries) =>
        {
            var recent = new RecentEntries(Span);
            var kept = new List<RecentEntry>();
            var rolledBack = new List<RecentEntry>();
            foreach (var e in entries)
            {
                var entry = Make(e.Author, e.Minute, (ModerationAction)e.Action, e.Text);
                recent.Add(entry);
                (e.RolledBack ? rolledBack : kept).Add(entry);
            }
            for (var i = rolledBack.Count - 1; i >= 0; i--) recent.Remove(rolledBack[i]);

            foreach (var q in queries)
            {
                var time = Start.AddMinutes(q.Minute).ToUnixTimeMilliseconds();
                var (own, others, removals) = (time - q.Own * 60_000L, time - q.Others * 60_000L, time - q.Removals * 60_000L);
                UInt128? author = q.Author < 0 ? null : RecentEntry.AuthorKey(Authors[q.Author]);
                var signature = Signatures[q.Text];
                if (author is { } a)
                    Assert.Equal(kept.Count(r => r.IsRemoval && r.Author == a && r.Created >= removals && r.Created <= time), recent.RemovalsOf(a, removals, time));
                if (own < recent.Horizon || others < recent.Horizon) continue; // the store reads the file for these
                compared++;
                var similar = kept.Where(r => r.Created <= time && signature.IsSimilar(r.Entry.Signature, Similarity)).OrderBy(r => r.Created).ToList();
                var expectedOwn = author is { } k ? similar.Where(r => r.HasAuthor && r.Author == k && r.Created >= own).Select(r => r.Entry).ToList() : [];
                var expectedOthers = similar.Where(r => r.Created >= others && !(author is { } o && r.HasAuthor && r.Author == o)).Select(r => r.Entry).ToList();
                Assert.Equal(expectedOwn, author is { } b ? recent.SameAuthor(b, signature, Similarity, own, time) : []);
                Assert.Equal(expectedOthers, recent.OtherAuthors(author, signature, Similarity, others, time));
            }
        }, iter: 400);
        Assert.True(compared > 100, $"only {compared} lookups fell after the horizon");
    }

    [Fact]
    public void The_horizon_follows_the_newest_entry_and_ignores_a_clock_set_far_ahead()
    {
        var recent = new RecentEntries(Span);
        recent.Add(Make(0, 0, ModerationAction.Allow, 0));
        recent.Add(Make(1, 600, ModerationAction.Allow, 0));
        Assert.Equal(Start.AddMinutes(600).Add(-Span).ToUnixTimeMilliseconds(), recent.Horizon);
        recent.Add(Make(2, 0, ModerationAction.Allow, 0, Start.AddYears(30)));
        Assert.True(recent.Horizon <= DateTimeOffset.UtcNow.AddDays(1).Add(-Span).ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Removals_are_counted_over_any_window_and_forgotten_when_purged()
    {
        var recent = new RecentEntries(Span);
        foreach (var day in new[] { -120, -80, -10 }) recent.Add(Make(0, 0, ModerationAction.Remove, 0, Start.AddDays(day)));
        recent.Add(Make(0, 0, ModerationAction.Allow, 0, Start));
        var author = RecentEntry.AuthorKey(Authors[0]);
        var now = Start.ToUnixTimeMilliseconds();
        Assert.Equal(2, recent.RemovalsOf(author, Start.AddDays(-90).ToUnixTimeMilliseconds(), now));
        Assert.Equal(3, recent.RemovalsOf(author, Start.AddDays(-200).ToUnixTimeMilliseconds(), now));
        recent.ForgetRemovalsBefore(Start.AddDays(-30).ToUnixTimeMilliseconds());
        Assert.Equal(1, recent.RemovalsOf(author, Start.AddDays(-200).ToUnixTimeMilliseconds(), now));
    }

    private static RecentEntry Make(int author, int minute, ModerationAction action, int text, DateTimeOffset? at = null) =>
        new(new HistoryEntry($"c{minute}", author < 0 ? null : Authors[author], at ?? Start.AddMinutes(minute), action, [], [], Signatures[text]));
}
