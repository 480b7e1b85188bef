using NetiquetteML.Scoring.Policy;

namespace NetiquetteML.Scoring.History;

/// <summary>
/// The page's moderation history as the scorer sees it: what was said before, by whom (as a keyed
/// pseudonym), when, and what was decided. Scoring declares it and never stores anything itself;
/// the SQLite implementation lives in the History project. Without one, the scorer works as before.
/// </summary>
public interface IModerationHistory
{
    /// <summary>The secret that turns authors into pseudonyms and texts into signatures.</summary>
    HistoryKey Key { get; }

    /// <summary>
    /// Starts a unit of work: recalls and records made through it are atomic with respect to the
    /// other sessions of this history (other threads) until <see cref="IHistorySession.Commit"/>;
    /// its records reach other processes whole, when the implementation writes them (the SQLite
    /// history: within about 10 ms, see its FlushInterval). Disposing without committing forgets
    /// what was recorded.
    /// </summary>
    IHistorySession Begin();
}

public interface IHistorySession : IDisposable
{
    HistoryRecall Recall(HistoryQuery query);

    void Record(HistoryEntry entry);

    void Commit();
}

/// <summary>What to look up for one comment.</summary>
/// <param name="Author">The author's pseudonym, or null when unknown (then only other authors' copies are looked at).</param>
/// <param name="Created">The comment's time; only earlier or simultaneous entries are returned.</param>
/// <param name="Signature">The comment's signature; null when its text is too short to count as repeated content (no copies are looked up).</param>
/// <param name="Similarity">Only entries whose signature is at least this similar are returned.</param>
/// <param name="SameAuthorSince">Start of the window for the author's own earlier comments.</param>
/// <param name="AnyAuthorSince">Start of the window for everyone's earlier comments (campaigns).</param>
/// <param name="RemovalsSince">Start of the window in which the author's removed comments are counted.</param>
public sealed record HistoryQuery(byte[]? Author, DateTimeOffset Created, TextSignature? Signature, double Similarity,
    DateTimeOffset SameAuthorSince, DateTimeOffset AnyAuthorSince, DateTimeOffset RemovalsSince);

/// <summary>An earlier comment as the history holds it: no text, no author in clear.</summary>
public sealed record HistoryEntry(
    string? CommentId,
    byte[]? Author,
    DateTimeOffset Created,
    ModerationAction Action,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Findings,
    TextSignature Signature);

/// <param name="SameAuthor">The author's entries with similar content since <see cref="HistoryQuery.SameAuthorSince"/>, oldest first.</param>
/// <param name="OtherAuthors">Other authors' entries (and entries without author) with similar content since <see cref="HistoryQuery.AnyAuthorSince"/>, oldest first.</param>
/// <param name="RecentRemovals">The author's entries removed since <see cref="HistoryQuery.RemovalsSince"/>.</param>
public sealed record HistoryRecall(IReadOnlyList<HistoryEntry> SameAuthor, IReadOnlyList<HistoryEntry> OtherAuthors, int RecentRemovals);
