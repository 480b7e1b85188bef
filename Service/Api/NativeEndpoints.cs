using System.Diagnostics;
using Microsoft.Extensions.Options;
using NetiquetteML.Scoring;
using NetiquetteML.Service.Bundles;
using NetiquetteML.Service.Feedback;
using NetiquetteML.Service.History;
using NetiquetteML.Service.Hosting;
using NetiquetteML.Service.Operations;
using NetiquetteML.Service.Security;

namespace NetiquetteML.Service.Api;

/// <summary>The plain JSON API: one comment, a batch, and a moderator's correction.</summary>
public static class NativeEndpoints
{
    public static void MapNativeApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithTags("Modération (API native)").RequireApiKey().RequireRateLimiting(RateLimits.PolicyName);

        v1.MapPost("/moderate", ModerateAsync)
            .WithName("moderate")
            .WithSummary("Modère un commentaire / Moderates one comment")
            .WithDescription("Retourne le verdict : action, probabilité par catégorie et seuils atteints, renseignements personnels (type et position), cri, raisons en français, texte caviardé, modèle utilisé, et les indices (evidence) des catégories signalées : les passages du texte et les signaux qui ont fait monter le score (« explain »: true pour toutes les catégories).")
            .Accepts<ModerateRequest>("application/json")
            .Produces<VerdictBody>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(429).ProducesProblem(503);

        v1.MapPost("/moderate:batch", ModerateBatchAsync)
            .WithName("moderateBatch")
            .WithSummary("Modère plusieurs commentaires / Moderates a batch")
            .WithDescription("Jusqu'au nombre configuré de commentaires (Netiquette:Limits:MaxBatchSize), tous jugés par le même modèle ; verdicts dans l'ordre reçu.")
            .Accepts<ModerateBatchRequest>("application/json")
            .Produces<BatchVerdictBody>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(429).ProducesProblem(503);

        v1.MapPost("/feedback", FeedbackAsync)
            .WithName("feedback")
            .WithSummary("Enregistre la correction d'un modérateur / Records a moderator's correction")
            .WithDescription("Ajoute une ligne au fichier d'étiquettes du mois (Data/feedback-AAAA-MM.csv par défaut), que `train` lit. Les catégories non fournies prennent la décision du modèle en service (colonne labelled_by_moderator).")
            .Accepts<FeedbackRequest>("application/json")
            .Produces<FeedbackResponse>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(429).ProducesProblem(503);
    }

    private static async Task<IResult> ModerateAsync(HttpContext context, BundleHolder holder, IOptions<ServiceOptions> options,
        ServiceMetrics metrics, VerdictLog log, ServiceHistory history)
    {
        var body = await JsonBody.ReadAsync(context, ServiceJsonContext.Default.ModerateRequest);
        if (body.Problem is not null) return body.Problem.ToResult(context);
        var request = body.Value!;
        if (CommentLimits.Check("", request, options.Value.Limits) is { } invalid) return invalid.ToResult(context);
        if (holder.Current is not { } bundle) return Problems.NotReady().ToResult(context);

        var verdict = history.Score(bundle.Scorer, new Comment(request.Text!, request.Post, request.Id, request.Author, request.Created), ExplanationsFor(request));
        metrics.Verdict(verdict);
        log.Verdict("moderate", verdict, request.Text!.Length, bundle);
        return TypedResults.Ok(verdict.ToBody(bundle.ToBody()));
    }

    private static async Task<IResult> ModerateBatchAsync(HttpContext context, BundleHolder holder, IOptions<ServiceOptions> options,
        ServiceMetrics metrics, VerdictLog log, BatchScoringGate gate, ServiceHistory history)
    {
        var body = await JsonBody.ReadAsync(context, ServiceJsonContext.Default.ModerateBatchRequest);
        if (body.Problem is not null) return body.Problem.ToResult(context);
        var comments = body.Value!.Comments;
        var limits = options.Value.Limits;
        if (comments is null || comments.Count == 0)
            return Problems.Invalid("empty_batch", "Le champ « comments » doit contenir au moins un commentaire.",
                "The field 'comments' must hold at least one comment.").ToResult(context);
        if (comments.Count > limits.MaxBatchSize)
            return Problems.Invalid("batch_too_large",
                $"Le lot contient {comments.Count} commentaires ; la limite est de {limits.MaxBatchSize} par requête.",
                $"The batch holds {comments.Count} comments; the limit is {limits.MaxBatchSize} per request.").ToResult(context);
        for (var i = 0; i < comments.Count; i++)
        {
            if (comments[i] is not { } comment)
                return Problems.Invalid("empty_comment", $"comments[{i}] est nul.", $"comments[{i}] is null.").ToResult(context);
            if (CommentLimits.Check($"comments[{i}].", comment, limits) is { } invalid) return invalid.ToResult(context);
        }
        if (holder.Current is not { } bundle) return Problems.NotReady().ToResult(context);

        var stopwatch = Stopwatch.StartNew();
        var inputs = new Comment[comments.Count];
        for (var i = 0; i < inputs.Length; i++)
            inputs[i] = new Comment(comments[i]!.Text!, comments[i]!.Post, comments[i]!.Id, comments[i]!.Author, comments[i]!.Created);
        // Scored on this request's thread, one batch per core at a time (BatchScoringGate): measured
        // on 2 cores, spreading one batch over the pool (ScoreMany) gained nothing at concurrency 1
        // and lost 10 % at 16 and 64, where other requests keep every core busy already (see bench).
        var verdicts = new List<VerdictBody>(inputs.Length);
        using var slot = await gate.EnterAsync(context.RequestAborted);
        // With a history, the whole batch is one history transaction: recorded entirely or not at all.
        using (var session = history.Begin())
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                var input = inputs[i];
                context.RequestAborted.ThrowIfCancellationRequested();
                var verdict = history.Score(session, bundle.Scorer, input, ExplanationsFor(comments[i]!));
                metrics.Verdict(verdict);
                verdicts.Add(verdict.ToBody(null));
            }
            session?.Commit();
        }
        log.Batch("moderate:batch", inputs.Length, stopwatch.ElapsedTicks * 1_000_000 / Stopwatch.Frequency, bundle);
        return TypedResults.Ok(new BatchVerdictBody(bundle.ToBody(), verdicts));
    }

    /// <summary>Flagged categories carry evidence; « explain »: true asks for every category's.</summary>
    private static Explanations ExplanationsFor(ModerateRequest request) => request.Explain == true ? Explanations.All : Explanations.Flagged;

    private static async Task<IResult> FeedbackAsync(HttpContext context, BundleHolder holder, IOptions<ServiceOptions> options,
        FeedbackRecorder recorder)
    {
        var body = await JsonBody.ReadAsync(context, ServiceJsonContext.Default.FeedbackRequest);
        if (body.Problem is not null) return body.Problem.ToResult(context);
        var request = body.Value!;
        var comment = new ModerateRequest(request.Text, request.Post, request.Id, request.Author);
        if (CommentLimits.Check("", comment, options.Value.Limits) is { } invalid) return invalid.ToResult(context);
        if (request.Labels is not { Count: > 0 } labels)
            return Problems.Invalid("no_labels", "Le champ « labels » doit donner au moins une catégorie (offensive, off_topic, political, commercial).",
                "The field 'labels' must give at least one category (offensive, off_topic, political, commercial).").ToResult(context);
        var given = new Dictionary<Category, bool>();
        foreach (var (name, value) in labels)
        {
            if (!Categories.TryParse(name, out var category))
                return FeedbackRecorder.UnknownLabel(name).ToResult(context);
            given[category] = value;
        }
        if (holder.Current is not { } bundle) return Problems.NotReady().ToResult(context);

        var result = await recorder.RecordAsync(bundle, comment, given, context.RequestAborted);
        return result.Problem is not null ? result.Problem.ToResult(context) : TypedResults.Ok(result.Response!);
    }
}
