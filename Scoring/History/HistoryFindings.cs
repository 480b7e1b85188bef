namespace NetiquetteML.Scoring.History;

public enum RepetitionKind
{
    /// <summary>The same author posted the same content again within the repeat window.</summary>
    SameAuthor,

    /// <summary>Several authors posted the same content within the campaign window (copy-paste, spam).</summary>
    Campaign,
}

/// <summary>« Contenu répété »: the earlier comments with the same content.</summary>
/// <param name="Kind">One author again, or a campaign of several.</param>
/// <param name="EarlierIds">Ids of the earlier comments, oldest first (at most <see cref="MaxIdsListed"/>; ids the caller did not give are left out).</param>
/// <param name="EarlierCount">How many earlier comments match, listed or not.</param>
/// <param name="Authors">Distinct authors of the content, this comment's included.</param>
public sealed record Repetition(RepetitionKind Kind, IReadOnlyList<string> EarlierIds, int EarlierCount, int Authors)
{
    public const int MaxIdsListed = 50;
}

/// <summary>What the moderation history says about a comment and its author.</summary>
/// <param name="Author">The author as people may see it: a pseudonym tag, never the name.</param>
/// <param name="Repetition">Set when the comment repeats earlier content.</param>
/// <param name="RecentRemovals">The author's comments removed in the last <paramref name="RemovalWindowDays"/> days, this one not included.</param>
/// <param name="RemovalWindowDays">The policy's window for counting removals.</param>
/// <param name="Recommendation">« récidive : envisager de bloquer l'accès à la page » when the author reached the policy's count; never an automatic block.</param>
public sealed record HistoryFindings(string Author, Repetition? Repetition, int RecentRemovals, int RemovalWindowDays, string? Recommendation);
