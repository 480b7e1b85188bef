using NetiquetteML.Scoring.History;
using NetiquetteML.Scoring.Links;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Scoring.Rules;

namespace NetiquetteML.Scoring;

/// <summary>One category's calibrated probability and where it stands against the thresholds.</summary>
public sealed record CategoryScore(Category Category, double Probability, bool Flagged, bool AboveRemove);

/// <summary>The scorer's answer for one comment.</summary>
public sealed record Verdict(
    string? Id,
    ModerationAction Action,
    IReadOnlyList<CategoryScore> Categories,
    IReadOnlyList<PersonalInfoFinding> PersonalInfo,
    ShoutingResult Shouting,
    IReadOnlyList<string> Reasons,
    string RedactedText)
{
    public CategoryScore this[Category category] => Categories[(int)category];

    /// <summary>
    /// For a comment the complaint model flags: the public reply to post, redirecting the citizen to
    /// the town's office (the policy's template); null otherwise. A complaint is never removed for being one.
    /// </summary>
    public string? SuggestedReply { get; init; }

    public bool HasPersonalInfo => PersonalInfo.Count > 0;

    /// <summary>Why the models scored as they did, for the categories explained (by default the flagged ones), in category order.</summary>
    public IReadOnlyList<CategoryEvidence> Evidence { get; init; } = [];

    /// <summary>The evidence of <paramref name="category"/>, or null when it was not explained.</summary>
    public CategoryEvidence? EvidenceFor(Category category) => Evidence.FirstOrDefault(e => e.Category == category);
    /// <summary>Every hyperlink of the comment, with its domain and offsets.</summary>
    public IReadOnlyList<LinkFinding> Links { get; init; } = [];

    /// <summary>What the moderation history adds (null when the scorer runs without one).</summary>
    public HistoryFindings? History { get; init; }

    /// <summary>True when the history found the same content posted before (« contenu répété »).</summary>
    public bool Repeated => History?.Repetition is not null;
}

/// <summary>A verdict and the comment's text through <see cref="Text.TextNormalizer.Normalize"/>, as the models read it (see <see cref="NetiquetteScorer.ScoreWithText"/>).</summary>
internal readonly record struct ScoredComment(Verdict Verdict, string NormalizedText);
