using System.Text;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Scoring.Text;

namespace NetiquetteML.Scoring.History;

/// <summary>
/// The scorer with a memory: each verdict of <see cref="NetiquetteScorer"/> is completed with what
/// the moderation history knows (repeated content, campaigns, the author's recent removals), then
/// recorded — without its text, its author in clear or any personal information. The models' part
/// is exactly the scorer's; the history only adds findings, reasons and a stricter action.
/// </summary>
/// <remarks>
/// Thread-safe: every comment is looked up and recorded inside one history session, which the
/// history serialises with other threads and processes. <see cref="ScoreMany(IEnumerable{Comment}, Explanations, int, CancellationToken)"/> scores the models
/// on all cores, then applies the history in input order, so « the third copy » is well defined.
/// </remarks>
public sealed class HistoryAwareScorer(NetiquetteScorer scorer, IModerationHistory history, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public NetiquetteScorer Scorer { get; } = scorer ?? throw new ArgumentNullException(nameof(scorer));
    public IModerationHistory History { get; } = history ?? throw new ArgumentNullException(nameof(history));

    public Verdict Score(Comment comment, Explanations explanations = Explanations.Flagged)
    {
        var scored = Scorer.ScoreWithText(comment, explanations);
        using var session = History.Begin();
        var completed = Remember(session, comment, scored.Verdict, scored.NormalizedText);
        session.Commit();
        return completed;
    }

    /// <summary>
    /// Scores <paramref name="comment"/> and records it in the caller's <paramref name="session"/>, as
    /// one comment of a batch that is recorded entirely or not at all (the service's batch endpoint).
    /// </summary>
    public Verdict Score(IHistorySession session, Comment comment, Explanations explanations = Explanations.Flagged)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(comment);
        var scored = Scorer.ScoreWithText(comment, explanations);
        return Remember(session, comment, scored.Verdict, scored.NormalizedText);
    }

    /// <summary>Like <see cref="NetiquetteScorer.ScoreMany(IEnumerable{Comment}, int, CancellationToken)"/>; the history is written in sessions of <paramref name="sessionSize"/> comments.</summary>
    public IEnumerable<Verdict> ScoreMany(IEnumerable<Comment> comments, int sessionSize = 256, CancellationToken cancellationToken = default) =>
        ScoreMany(comments, Explanations.None, sessionSize, cancellationToken);

    /// <summary>Like <see cref="NetiquetteScorer.ScoreMany(IEnumerable{Comment}, Explanations, int, CancellationToken)"/>, with the history.</summary>
    public IEnumerable<Verdict> ScoreMany(IEnumerable<Comment> comments, Explanations explanations, int sessionSize = 256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comments);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sessionSize);
        // ScoreMany reads its source on this thread and yields in input order: the queue pairs each verdict with its comment.
        var pending = new Queue<Comment>();
        var done = new List<Verdict>(sessionSize);
        IHistorySession? session = null;
        try
        {
            foreach (var scored in Scorer.ScoreManyWithText(comments.Select(c => { pending.Enqueue(c); return c; }), explanations, cancellationToken: cancellationToken))
            {
                session ??= History.Begin();
                done.Add(Remember(session, pending.Dequeue(), scored.Verdict, scored.NormalizedText));
                if (done.Count < sessionSize) continue;
                session.Commit();
                session.Dispose();
                session = null;
                foreach (var v in done) yield return v;
                done.Clear();
            }
            if (session is not null)
            {
                session.Commit();
                foreach (var v in done) yield return v;
            }
        }
        finally
        {
            session?.Dispose();
        }
    }

    /// <summary>Completes <paramref name="verdict"/> with the history and records it in <paramref name="session"/>.</summary>
    public Verdict Remember(IHistorySession session, Comment comment, Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(comment);
        return Remember(session, comment, verdict, TextNormalizer.Normalize(comment.Text));
    }

    /// <summary>
    /// As <see cref="Remember(IHistorySession, Comment, Verdict)"/>, with <paramref name="normalizedText"/> the comment's text through
    /// <see cref="TextNormalizer.Normalize"/> as the scorer computed it (<see cref="NetiquetteScorer.ScoreWithText"/>): 5 to 7 µs a comment saved.
    /// </summary>
    internal Verdict Remember(IHistorySession session, Comment comment, Verdict verdict, string normalizedText)
    {
        var policy = Scorer.Policy.History;
        var key = History.Key;
        var time = comment.Created ?? _clock.GetUtcNow();
        var author = key.Pseudonym(comment.Author);
        var signature = key.Signature(normalizedText);
        var recall = session.Recall(new HistoryQuery(author, time, signature.IsMeaningful ? signature : null, policy.Similarity,
            time - policy.RepeatWindow, time - policy.CampaignWindow, time - TimeSpan.FromDays(policy.OffenderDays)));

        var action = verdict.Action;
        var reasons = verdict.Reasons.ToList();
        var repeatAction = ModerationAction.Allow;
        var window = TimeSpan.Zero;
        var repetition = signature.IsMeaningful
            ? FindRepetition(verdict, author, recall, policy, time - policy.CampaignWindow, out repeatAction, out window)
            : null;
        if (repetition is not null)
        {
            if (repeatAction > action) action = repeatAction;
            reasons.Add(NetiquetteClauses.RepetitionReason(repetition, window));
        }
        string? recommendation = null;
        if (author is not null && recall.RecentRemovals >= policy.OffenderRemovals)
        {
            recommendation = NetiquetteClauses.RepeatOffenderRecommendation;
            reasons.Add(NetiquetteClauses.RepeatOffenderReason(recall.RecentRemovals, policy.OffenderDays));
        }

        var completed = verdict with
        {
            Action = action,
            Reasons = reasons,
            History = new HistoryFindings(HistoryKey.Display(author), repetition, recall.RecentRemovals, policy.OffenderDays, recommendation),
        };
        session.Record(new HistoryEntry(StorableId(comment.Id), author, time, action,
            completed.Categories.Where(c => c.Flagged).Select(c => c.Category.Name()).ToList(), FindingKinds(completed), signature));
        return completed;
    }

    /// <remarks>The recall holds only entries similar to this comment (the history compares the signatures).</remarks>
    private static Repetition? FindRepetition(Verdict verdict, byte[]? author, HistoryRecall recall,
        HistoryPolicy policy, DateTimeOffset campaignSince, out ModerationAction action, out TimeSpan window)
    {
        var own = recall.SameAuthor;
        var others = recall.OtherAuthors;
        var otherAuthors = others.Select(e => e.Author is null ? null : Convert.ToHexString(e.Author)).Where(a => a is not null).Distinct().Count();
        if (otherAuthors + 1 >= policy.CampaignAuthors)
        {
            var earlier = others.Concat(own.Where(e => e.Created >= campaignSince)).OrderBy(e => e.Created).ToList();
            var copyIsHarmful = verdict[Category.Commercial].Flagged || verdict[Category.Offensive].Flagged
                || earlier.Any(e => e.Categories.Contains(Category.Commercial.Name()) || e.Categories.Contains(Category.Offensive.Name()));
            action = copyIsHarmful ? policy.CampaignAction : policy.CampaignOtherAction;
            window = policy.CampaignWindow;
            return new Repetition(RepetitionKind.Campaign, Ids(earlier), earlier.Count, otherAuthors + 1);
        }
        if (author is not null && own.Count > 0)
        {
            action = policy.RepeatAction;
            window = policy.RepeatWindow;
            return new Repetition(RepetitionKind.SameAuthor, Ids(own), own.Count, 1);
        }
        action = ModerationAction.Allow;
        window = TimeSpan.Zero;
        return null;
    }

    private static List<string> Ids(IEnumerable<HistoryEntry> entries) =>
        entries.Select(e => e.CommentId).OfType<string>().Take(Repetition.MaxIdsListed).ToList();

    /// <summary>The caller's id, unless it holds personal information (then redacted: the history keeps none in clear).</summary>
    private string? StorableId(string? id)
    {
        if (string.IsNullOrEmpty(id)) return null;
        return Scorer.PersonalInfo.Detect(id).Count == 0 ? id : Scorer.PersonalInfo.RedactAll(id);
    }

    /// <summary>The kinds of finding of a verdict, as the history stores them (snake_case words, no values).</summary>
    internal static List<string> FindingKinds(Verdict verdict)
    {
        var kinds = new List<string>();
        foreach (var kind in verdict.PersonalInfo.Select(f => f.Kind).Distinct()) kinds.Add(Snake(kind.ToString()));
        if (verdict.Shouting.IsShouting) kinds.Add("shouting");
        if (verdict.Links.Count > 0) kinds.Add("link");
        if (verdict.Links.Any(l => l.Outside)) kinds.Add("outside_link");
        if (verdict.Links.Any(l => l.Shortened)) kinds.Add("shortened_link");
        if (verdict.History?.Repetition is { } r) kinds.Add(r.Kind == RepetitionKind.Campaign ? "campaign" : "repeated");
        return kinds;
    }

    private static string Snake(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
