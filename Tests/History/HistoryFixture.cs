using NetiquetteML.History;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.History;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.History;

/// <summary>A fresh history file in a temporary folder, with the shipped bundle's scorer over it.</summary>
public sealed class FreshHistory : IDisposable
{
    private readonly TempDirectory _dir = new();

    public FreshHistory(NetiquetteScorer? scorer = null, int retentionDays = HistoryStoreOptions.DefaultRetentionDays)
    {
        Path = _dir.File("moderation.db");
        Store = SqliteModerationHistory.Open(new HistoryStoreOptions { Path = Path, RetentionDays = retentionDays });
        Scorer = new HistoryAwareScorer(scorer ?? ShippedScorer.Shared, Store);
    }

    public string Path { get; }
    public string Folder => _dir.Path;
    public SqliteModerationHistory Store { get; }
    public HistoryAwareScorer Scorer { get; }

    public static readonly DateTimeOffset Noon = new(2026, 11, 2, 12, 0, 0, TimeSpan.FromHours(-5));

    public Verdict Say(string id, string author, string text, DateTimeOffset when, string? post = null) =>
        Scorer.Score(new Comment(text, post, id, author, when));

    public void Dispose()
    {
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
