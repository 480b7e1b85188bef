using NetiquetteML.Scoring;
using NetiquetteML.Service.Feedback;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Tests.Service;

/// <summary>The corrections file: concurrent appends, duplicates, replacements, a crash mid-write; the trainer's own loader judges every file.</summary>
public sealed class FeedbackCsvStoreTests : IDisposable
{
    private static readonly DateTimeOffset December = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Concurrent_corrections_are_each_written_once_exactly_as_sent()
    {
        await using var store = new FeedbackCsvStore(_dir.Path, "feedback-{0:yyyy-MM}.csv");
        var rows = Enumerable.Range(0, 200).Select(i => Row($"fb-{i}", $"Commentaire {i}, avec « guillemets \"doubles\" », virgule,\nsaut de ligne et émoji 🎉", i % 2 == 0)).ToList();

        var outcomes = await Task.WhenAll(rows.Select(r => Task.Run(() => store.AppendAsync(r))));

        Assert.All(outcomes, o => Assert.Equal(FeedbackOutcome.Written, o));
        var loaded = LabelledCsvLoader.LoadOne(store.PathFor(December)).Rows;
        Assert.Equal(200, loaded.Count);
        var byId = loaded.ToDictionary(r => r.Id);
        foreach (var row in rows)
        {
            Assert.Equal(row.Text, byId[row.Id].Text);
            Assert.Equal(row.Labels[0], byId[row.Id].Offensive);
        }
    }

    [Fact]
    public async Task A_duplicate_submission_is_not_written_twice()
    {
        await using var store = new FeedbackCsvStore(_dir.Path, "feedback-{0:yyyy-MM}.csv");
        var row = Row("fb-1", "Gang de tabarnak", offensive: true);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => store.AppendAsync(row with { CorrectedUtc = December.AddSeconds(1) }))));

        Assert.Equal(1, outcomes.Count(o => o == FeedbackOutcome.Written));
        Assert.Equal(49, outcomes.Count(o => o == FeedbackOutcome.Duplicate));
        Assert.Single(LabelledCsvLoader.LoadOne(store.PathFor(December)).Rows);
    }

    [Fact]
    public async Task A_new_correction_of_the_same_comment_replaces_its_row_so_ids_stay_unique()
    {
        await using var store = new FeedbackCsvStore(_dir.Path, "feedback-{0:yyyy-MM}.csv");
        Assert.Equal(FeedbackOutcome.Written, await store.AppendAsync(Row("fb-7", "Votez PQ", offensive: false)));
        Assert.Equal(FeedbackOutcome.Written, await store.AppendAsync(Row("fb-8", "Merci!", offensive: false)));
        Assert.Equal(FeedbackOutcome.Replaced, await store.AppendAsync(Row("fb-7", "Votez PQ", offensive: true)));

        var loaded = LabelledCsvLoader.LoadOne(store.PathFor(December)).Rows;
        Assert.Equal(["fb-7", "fb-8"], loaded.Select(r => r.Id));
        Assert.True(loaded[0].Offensive);
    }

    [Fact]
    public async Task A_crash_during_a_write_leaves_the_previous_file_valid_and_the_next_start_goes_on()
    {
        var path = "";
        await using (var store = new FeedbackCsvStore(_dir.Path, "feedback-{0:yyyy-MM}.csv"))
        {
            path = store.PathFor(December);
            await store.AppendAsync(Row("fb-1", "Premier commentaire", offensive: false));
            // The process "dies" after writing half of the new file, before the rename.
            store.BeforeRename = temporary =>
            {
                using (var stream = new FileStream(temporary, FileMode.Open)) stream.SetLength(stream.Length / 2);
                throw new IOException("simulated crash");
            };
            await Assert.ThrowsAsync<IOException>(() => store.AppendAsync(Row("fb-2", "Deuxième commentaire, perdu dans la panne", offensive: true)));
            Assert.Equal(["fb-1"], LabelledCsvLoader.LoadOne(path).Rows.Select(r => r.Id));
        }
        // A half-written temporary file left by a real crash is cleaned at the next start.
        File.WriteAllText(Path.Combine(_dir.Path, "." + Path.GetFileName(path) + ".tmp-leftover"), "id,post,te");

        await using (var restarted = new FeedbackCsvStore(_dir.Path, "feedback-{0:yyyy-MM}.csv"))
        {
            Assert.Equal(FeedbackOutcome.Written, await restarted.AppendAsync(Row("fb-2", "Deuxième commentaire, renvoyé", offensive: true)));
            Assert.Equal(FeedbackOutcome.Duplicate, await restarted.AppendAsync(Row("fb-1", "Premier commentaire", offensive: false)));
        }
        Assert.Equal(["fb-1", "fb-2"], LabelledCsvLoader.LoadOne(path).Rows.Select(r => r.Id));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Each_month_has_its_own_file()
    {
        await using var store = new FeedbackCsvStore(_dir.Path, "feedback-{0:yyyy-MM}.csv");
        await store.AppendAsync(Row("fb-1", "En décembre", offensive: false));
        await store.AppendAsync(Row("fb-2", "En janvier", offensive: false) with { CorrectedUtc = new DateTimeOffset(2027, 1, 3, 0, 0, 0, TimeSpan.Zero) });

        Assert.Equal(["feedback-2026-12.csv", "feedback-2027-01.csv"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order());
        Assert.Equal(2, LabelledCsvLoader.LoadAll(Directory.GetFiles(_dir.Path)).Sum(f => f.Rows.Count));
    }

    [Fact]
    public async Task A_file_that_is_not_a_corrections_file_is_never_rewritten()
    {
        var path = Path.Combine(_dir.Path, "feedback-2026-12.csv");
        File.WriteAllText(path, "id,text,offensive\nx,Bonjour,0\n");
        await using var store = new FeedbackCsvStore(_dir.Path, "feedback-{0:yyyy-MM}.csv");

        await Assert.ThrowsAsync<InvalidDataException>(() => store.AppendAsync(Row("fb-1", "Bonjour", offensive: false)));
        Assert.Equal("id,text,offensive\nx,Bonjour,0\n", File.ReadAllText(path));
    }

    private static FeedbackRow Row(string id, string text, bool offensive) =>
        new(id, "Collecte des encombrants lundi", text, [offensive, .. Enumerable.Repeat(false, Categories.All.Count - 1)], "", Categories.All[0].Name(), December, "netiquette@test");

    public void Dispose() => _dir.Dispose();
}
