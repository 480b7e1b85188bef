using NetiquetteML.Scoring.Policy;

namespace NetiquetteML.Scoring.History;

/// <summary>
/// What the policy does with the moderation history (when one is configured): windows of repeated
/// content, how many authors make a campaign, the actions, and when an author is a repeat offender.
/// Part of the policy file, under <c>"history"</c>.
/// </summary>
public sealed class HistoryPolicy
{
    /// <summary>The same author posting the same content again within this time is « contenu répété ».</summary>
    public TimeSpan RepeatWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Several authors posting the same content within this time make a campaign.</summary>
    public TimeSpan CampaignWindow { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Distinct authors (this comment's included) that make a campaign.</summary>
    public int CampaignAuthors { get; init; } = 3;

    /// <summary>Signature similarity at or above which two texts are the same content (see <see cref="TextSignature.DefaultThreshold"/>).</summary>
    public double Similarity { get; init; } = TextSignature.DefaultThreshold;

    public ModerationAction RepeatAction { get; init; } = ModerationAction.Review;

    /// <summary>A campaign whose copy is commercial or offensive (this comment or an earlier copy flagged so).</summary>
    public ModerationAction CampaignAction { get; init; } = ModerationAction.Remove;

    /// <summary>A campaign of any other content.</summary>
    public ModerationAction CampaignOtherAction { get; init; } = ModerationAction.Review;

    /// <summary>Removals of the author's comments are counted over this many days.</summary>
    public int OffenderDays { get; init; } = 90;

    /// <summary>At or above this many removals, the verdict recommends that a moderator consider blocking the author.</summary>
    public int OffenderRemovals { get; init; } = 3;

    internal void Validate()
    {
        if (RepeatWindow <= TimeSpan.Zero || CampaignWindow <= TimeSpan.Zero)
            throw new ArgumentException("history : repeatWindow et campaignWindow doivent être positifs. / history: repeatWindow and campaignWindow must be positive.");
        if (CampaignAuthors < 2)
            throw new ArgumentException("history : campaignAuthors doit valoir au moins 2. / history: campaignAuthors must be at least 2.");
        if (Similarity is <= 0 or > 1)
            throw new ArgumentException("history : similarity doit être dans ]0, 1]. / history: similarity must lie in (0, 1].");
        if (OffenderDays < 1 || OffenderRemovals < 1)
            throw new ArgumentException("history : offenderDays et offenderRemovals doivent valoir au moins 1. / history: offenderDays and offenderRemovals must be at least 1.");
    }
}
