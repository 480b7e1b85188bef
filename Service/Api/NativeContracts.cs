namespace NetiquetteML.Service.Api;

/// <summary>One comment to moderate.</summary>
/// <param name="Text">The comment exactly as written (required, at most the configured length).</param>
/// <param name="Post">The text of the post it answers, when known: off-topic is judged against it.</param>
/// <param name="Id">Your identifier, echoed back.</param>
/// <param name="Author">Who wrote it (platform id or name): read by the moderation history (repetition, repeat offenders) when one is configured, recorded with corrections; never read by the models.</param>
/// <param name="Created">When it was written (ISO 8601); default: when the service receives it. Read by the moderation history only.</param>
/// <param name="Explain">True: evidence for every category, flagged or not (by default only flagged categories carry evidence).</param>
public sealed record ModerateRequest(string? Text, string? Post = null, string? Id = null, string? Author = null, DateTimeOffset? Created = null, bool? Explain = null);

/// <summary>Several comments, scored with one bundle, answered in input order.</summary>
public sealed record ModerateBatchRequest(List<ModerateRequest?>? Comments);

/// <summary>A category's calibrated probability and the thresholds it reached.</summary>
public sealed record CategoryResult(double Probability, bool Flagged, bool RemoveThresholdReached);

/// <summary>The model categories of the labelling guide, under their data-contract names.</summary>
public sealed record CategoriesBody(
    CategoryResult Offensive,
    [property: System.Text.Json.Serialization.JsonPropertyName("off_topic")] CategoryResult OffTopic,
    CategoryResult Political,
    CategoryResult Commercial,
    CategoryResult Complaint);

/// <summary>A piece of personal information: kind, offsets in UTF-16 code units of the text sent, confidence.</summary>
public sealed record FindingResult(string Kind, int Start, int End, int Length, double Confidence);

public sealed record ShoutingResultBody(bool IsShouting, double CapitalRatio, int LettersCounted);

/// <summary>The bundle that produced a verdict.</summary>
/// <param name="Version">First 12 hex digits of the bundle manifest's SHA-256.</param>
public sealed record BundleBody(string Name, string Version, DateTimeOffset TrainedUtc);

/// <summary>The verdict on one comment.</summary>
public sealed record VerdictBody(
    string? Id,
    string Action,
    CategoriesBody Categories,
    List<FindingResult> PersonalInfo,
    ShoutingResultBody Shouting,
    IReadOnlyList<string> Reasons,
    string RedactedText,
    BundleBody? Bundle,
    List<EvidenceBody>? Evidence = null)
{
    /// <summary>For a complaint: the public reply redirecting the citizen to the town's office (the policy's template).</summary>
    public string? SuggestedReply { get; init; }

    /// <summary>Every hyperlink: domain, offsets, allowed (town, gouv.qc.ca, partners), shortened.</summary>
    public List<LinkResult> Links { get; init; } = [];

    /// <summary>True when the moderation history found the same content before (always false without a history).</summary>
    public bool Repeated { get; init; }

    /// <summary>What the moderation history adds; absent when the service runs without one.</summary>
    public HistoryResult? History { get; init; }
}

/// <summary>Why a category scored as it did: the words typed that weighed, and the dense signals (named in French).</summary>
/// <param name="Category">offensive, off_topic, political, commercial or complaint.</param>
/// <param name="RawScore">The model's raw score (before calibration) that the probability comes from.</param>
/// <param name="Bias">The raw score of the reference comment (no word; as close to its post as can be).</param>
/// <param name="Spans">The spans of the text sent that pushed the score up, strongest first (UTF-16 offsets, end exclusive).</param>
/// <param name="Signals">The dense signals' contributions, strongest first.</param>
/// <param name="SignalShare">Share of the upward push that comes from the dense signals.</param>
public sealed record EvidenceBody(string Category, double RawScore, double Bias, List<EvidenceSpanBody> Spans, List<SignalBody> Signals, double SignalShare);

/// <param name="Contribution">Share of the raw score.</param>
/// <param name="ProbabilityShare">How much lower the probability would be without it.</param>
/// <param name="Text">The span as typed, personal information replaced by placeholders.</param>
public sealed record EvidenceSpanBody(int Start, int End, double Contribution, double ProbabilityShare, string Text);

public sealed record SignalBody(string Key, string Name, double Contribution);

/// <summary>A hyperlink of the comment: offsets in UTF-16 code units of the text sent.</summary>
public sealed record LinkResult(string Url, string Domain, int Start, int End, bool Allowed, bool Shortened);

/// <summary>The moderation history's part of a verdict.</summary>
/// <param name="Author">The author's pseudonym tag (the name is never stored nor returned).</param>
/// <param name="Repetition">same_author or campaign, or absent.</param>
/// <param name="EarlierIds">Ids of the earlier comments with the same content.</param>
/// <param name="RecentRemovals">The author's comments removed in the last <paramref name="RemovalWindowDays"/> days.</param>
/// <param name="Recommendation">« récidive : envisager de bloquer l'accès à la page » when the policy's count is reached; never an automatic block.</param>
public sealed record HistoryResult(string Author, string? Repetition, List<string> EarlierIds, int RecentRemovals, int RemovalWindowDays, string? Recommendation);

public sealed record BatchVerdictBody(BundleBody Bundle, List<VerdictBody> Verdicts);

/// <summary>A moderator's correction of a comment's labels (native form).</summary>
/// <param name="Labels">The labels the moderator decided, by category name (offensive, off_topic, political, commercial, complaint); those left out keep the bundle's decision.</param>
public sealed record FeedbackRequest(string? Text, Dictionary<string, bool>? Labels, string? Post = null, string? Id = null, string? Author = null);

/// <summary>What happened to a correction.</summary>
/// <param name="Outcome">written (new row), duplicate (the same correction was already recorded), replaced (a different earlier correction of the same id this month was replaced).</param>
public sealed record FeedbackResponse(string Outcome, string Id, string File, Dictionary<string, bool> Labels, List<string> LabelledByModerator);

public sealed record HealthBody(string Status, BundleBody? Bundle, DateTimeOffset? LoadedUtc, string? LastRefusal);
