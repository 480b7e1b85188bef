namespace NetiquetteML.Service.Perspective;

// The messages of Perspective's Comment Analyzer API v1alpha1, as its published contract
// (shared/contracts/perspective-commentanalyzer-v1alpha1.json) names them. Fields the service
// does not use are still read, so a client sending them gets no error.

public sealed class TextEntry
{
    public string? Text { get; set; }
    public string? Type { get; set; }
}

public sealed class ArticleAndParentComment
{
    public TextEntry? Article { get; set; }
    public TextEntry? ParentComment { get; set; }
}

public sealed class PerspectiveContext
{
    public List<TextEntry>? Entries { get; set; }
    public ArticleAndParentComment? ArticleAndParentComment { get; set; }
}

public sealed class AttributeParameters
{
    public float? ScoreThreshold { get; set; }
    public string? ScoreType { get; set; }
}

public sealed class AnalyzeCommentRequest
{
    public TextEntry? Comment { get; set; }
    public PerspectiveContext? Context { get; set; }
    public Dictionary<string, AttributeParameters?>? RequestedAttributes { get; set; }
    public List<string>? Languages { get; set; }
    public bool? SpanAnnotations { get; set; }
    public bool? DoNotStore { get; set; }
    public bool? DropUnsupportedAttributes { get; set; }
    public string? ClientToken { get; set; }
    public string? SessionId { get; set; }
    public string? CommunityId { get; set; }
}

public sealed class Score
{
    public double Value { get; set; }
    public string? Type { get; set; }
}

public sealed class SpanScore
{
    public int? Begin { get; set; }
    public int? End { get; set; }
    public Score? Score { get; set; }
}

public sealed class AttributeScores
{
    public List<SpanScore>? SpanScores { get; set; }
    public Score? SummaryScore { get; set; }
}

public sealed class AnalyzeCommentResponse
{
    public Dictionary<string, AttributeScores> AttributeScores { get; set; } = [];
    public List<string> Languages { get; set; } = [];
    public string? ClientToken { get; set; }
}

public sealed class SuggestCommentScoreRequest
{
    public TextEntry? Comment { get; set; }
    public PerspectiveContext? Context { get; set; }
    public Dictionary<string, AttributeScores?>? AttributeScores { get; set; }
    public List<string>? Languages { get; set; }
    public string? ClientToken { get; set; }
    public string? SessionId { get; set; }
    public string? CommunityId { get; set; }
}

public sealed class SuggestCommentScoreResponse
{
    public string? ClientToken { get; set; }
    public List<string>? RequestedLanguages { get; set; }
}
