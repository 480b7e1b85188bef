using Microsoft.Extensions.Options;
using NetiquetteML.Scoring;
using NetiquetteML.Service.Api;
using NetiquetteML.Service.Bundles;
using NetiquetteML.Service.Feedback;
using NetiquetteML.Service.Hosting;
using NetiquetteML.Service.Operations;
using NetiquetteML.Service.Security;
using static NetiquetteML.Service.Perspective.PerspectiveAttributes;

namespace NetiquetteML.Service.Perspective;

/// <summary>
/// Perspective's Comment Analyzer API v1alpha1: a client switches by changing its base URL (and
/// key). Errors keep Perspective's shape (<c>error.code/message/status</c>) inside the problem details.
/// </summary>
public static class PerspectiveEndpoints
{
    public static void MapPerspectiveApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1alpha1").WithTags("Compatible Perspective (Comment Analyzer v1alpha1)")
            .RequireApiKey().RequireRateLimiting(RateLimits.PolicyName);

        group.MapPost("/comments:analyze", AnalyzeAsync)
            .WithName("commentanalyzer.comments.analyze")
            .WithSummary("Analyse un commentaire, à la manière de Perspective / Analyzes a comment, Perspective-style")
            .WithDescription($"Attributs : {string.Join(", ", All)} (TOXICITY = propos offensants). Langue : fr. Clé : ?key= ou en-tête X-Api-Key.")
            .Accepts<AnalyzeCommentRequest>("application/json")
            .Produces<AnalyzeCommentResponse>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(429).ProducesProblem(503);

        group.MapPost("/comments:suggestscore", SuggestScoreAsync)
            .WithName("commentanalyzer.comments.suggestscore")
            .WithSummary("Enregistre une correction, à la manière de Perspective / Records a correction, Perspective-style")
            .WithDescription($"Attributs étiquetables : {string.Join(", ", Labelled)} ; summaryScore.value ≥ 0,5 donne l'étiquette 1. Écrit une ligne dans le fichier d'étiquettes du mois.")
            .Accepts<SuggestCommentScoreRequest>("application/json")
            .Produces<SuggestCommentScoreResponse>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(429).ProducesProblem(503);
    }

    private static async Task<IResult> AnalyzeAsync(HttpContext context, BundleHolder holder, IOptions<ServiceOptions> options,
        ServiceMetrics metrics, VerdictLog log)
    {
        var body = await JsonBody.ReadAsync(context, ServiceJsonContext.Default.AnalyzeCommentRequest);
        if (body.Problem is not null) return body.Problem.ToResult(context);
        var request = body.Value!;
        var limits = options.Value.Limits;
        var text = request.Comment?.Text;
        if (CheckComment(request.Comment, request.Context, limits) is { } invalid) return invalid.ToResult(context);
        if (request.RequestedAttributes is not { Count: > 0 } requested)
            return Problems.Invalid("no_attributes", "« requestedAttributes » doit demander au moins un attribut : " + string.Join(", ", All) + ".",
                "requestedAttributes must request at least one attribute: " + string.Join(", ", All) + ".").ToResult(context);

        var attributes = new List<(string Name, AttributeParameters? Parameters)>();
        foreach (var (name, parameters) in requested)
        {
            if (!All.Contains(name))
            {
                if (request.DropUnsupportedAttributes == true) continue;
                return UnknownAttribute(name, All).ToResult(context);
            }
            if (parameters?.ScoreType is { } type && type is not ("PROBABILITY" or "SCORE_TYPE_UNSPECIFIED"))
                return Problems.Invalid("unsupported_score_type",
                    $"Le type de score {type} n'est pas offert pour {name} ; seul PROBABILITY l'est.",
                    $"Score type {type} is not supported for attribute {name}; only PROBABILITY is.").ToResult(context);
            attributes.Add((name, parameters));
        }
        if (LanguageProblem(request.Languages, attributes.Count > 0 ? attributes[0].Name : requested.Keys.First()) is { } language)
            return language.ToResult(context);
        if (holder.Current is not { } bundle) return Problems.NotReady().ToResult(context);

        // Span annotations ask for the evidence of every attribute requested; without them none is computed.
        var verdict = bundle.Scorer.Score(new Comment(text!, PostOf(request.Context)), request.SpanAnnotations == true ? Explanations.All : Explanations.None);
        metrics.Verdict(verdict);
        log.Verdict("comments:analyze", verdict, text!.Length, bundle);
        var response = new AnalyzeCommentResponse
        {
            Languages = request.Languages is { Count: > 0 } languages ? languages : [.. SupportedLanguages],
            ClientToken = request.ClientToken,
        };
        var minLetters = bundle.Scorer.Shouting.Options.MinLetters;
        foreach (var (name, parameters) in attributes)
        {
            var (summary, spans) = Evaluate(name, verdict, text.Length, minLetters);
            // Perspective leaves out an attribute scored below the threshold the client asked for.
            if (parameters?.ScoreThreshold is { } threshold && summary < threshold) continue;
            response.AttributeScores[name] = new AttributeScores
            {
                SummaryScore = Probability(summary),
                SpanScores = request.SpanAnnotations == true || name == PersonalInfo ? spans : null,
            };
        }
        return TypedResults.Ok(response);
    }

    private static async Task<IResult> SuggestScoreAsync(HttpContext context, BundleHolder holder, IOptions<ServiceOptions> options,
        FeedbackRecorder recorder)
    {
        var body = await JsonBody.ReadAsync(context, ServiceJsonContext.Default.SuggestCommentScoreRequest);
        if (body.Problem is not null) return body.Problem.ToResult(context);
        var request = body.Value!;
        if (CheckComment(request.Comment, request.Context, options.Value.Limits) is { } invalid) return invalid.ToResult(context);
        if (request.AttributeScores is not { Count: > 0 } scores)
            return Problems.Invalid("no_attributes", "« attributeScores » doit donner au moins un attribut : " + string.Join(", ", Labelled) + ".",
                "attributeScores must not be empty; give at least one of: " + string.Join(", ", Labelled) + ".").ToResult(context);
        var given = new Dictionary<Category, bool>();
        foreach (var (name, score) in scores)
        {
            if (CategoryOf(name) is not { } category) return UnknownAttribute(name, Labelled).ToResult(context);
            if (score?.SummaryScore is not { } summary || double.IsNaN(summary.Value) || summary.Value is < 0 or > 1)
                return Problems.Invalid("invalid_score",
                    $"{name} : summaryScore.value doit être donné, entre 0 et 1 (0 ou 1 pour une étiquette) ; les scores par segment ne s'enregistrent pas.",
                    $"{name}: summaryScore.value must be set, between 0 and 1 (0 or 1 for a label); span scores cannot be recorded.").ToResult(context);
            given[category] = summary.Value >= 0.5;
        }
        if (LanguageProblem(request.Languages, scores.Keys.First()) is { } language) return language.ToResult(context);
        if (holder.Current is not { } bundle) return Problems.NotReady().ToResult(context);

        var result = await recorder.RecordAsync(bundle, new ModerateRequest(request.Comment!.Text, PostOf(request.Context)), given, context.RequestAborted);
        if (result.Problem is not null) return result.Problem.ToResult(context);
        return TypedResults.Ok(new SuggestCommentScoreResponse { ClientToken = request.ClientToken, RequestedLanguages = request.Languages });
    }

    private static ServiceProblem? CheckComment(TextEntry? comment, PerspectiveContext? context, LimitOptions limits)
    {
        if (comment?.Type is "HTML")
            return Problems.Invalid("unsupported_text_type", "Les commentaires HTML ne sont pas pris en charge ; envoyez du texte brut (PLAIN_TEXT).",
                "HTML comments are not supported; send PLAIN_TEXT.");
        return CommentLimits.CheckText("comment.text", comment?.Text, limits)
            ?? CommentLimits.CheckOptional("context", PostOf(context), limits.MaxPostLength);
    }

    private static ServiceProblem? LanguageProblem(List<string>? languages, string attribute)
    {
        if (languages is null || languages.Count == 0) return null;
        return languages.All(IsSupportedLanguage) ? null : UnsupportedLanguages(attribute, languages);
    }

    /// <summary>The post a comment answers: the article of its context, else the context's first entry.</summary>
    private static string? PostOf(PerspectiveContext? context) =>
        context?.ArticleAndParentComment?.Article?.Text ?? context?.Entries?.FirstOrDefault()?.Text;
}
