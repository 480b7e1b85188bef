using Microsoft.AspNetCore.Mvc;

namespace NetiquetteML.Service.Api;

/// <summary>
/// One error the service can answer, in French first with an English twin, written as RFC 9457
/// problem details: <c>title</c>/<c>detail</c> in French, <c>title_en</c>/<c>detail_en</c> in
/// English, a stable <c>code</c>. On the Perspective-compatible routes the body also carries
/// Google's error object (<c>error.code</c>, <c>error.message</c>, <c>error.status</c>), which
/// Perspective clients read.
/// </summary>
public sealed record ServiceProblem(int Status, string Code, string TitleFr, string TitleEn, string DetailFr, string DetailEn)
{
    /// <summary>Google's canonical status name, for the Perspective error object.</summary>
    public string GoogleStatus { get; init; } = Status switch
    {
        400 or 413 or 415 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "INTERNAL",
    };

    /// <summary>The message of the Perspective error object; the English detail unless Perspective words it otherwise.</summary>
    public string? GoogleMessage { get; init; }

    /// <summary>Seconds, for a 429 or 503 answer.</summary>
    public int? RetryAfterSeconds { get; init; }

    public const string PerspectivePrefix = "/v1alpha1/";

    public ProblemDetails ToProblemDetails(HttpContext context)
    {
        var problem = new ProblemDetails
        {
            Status = Status,
            Type = $"urn:netiquetteml:error:{Code}",
            Title = TitleFr,
            Detail = DetailFr,
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = Code;
        problem.Extensions["title_en"] = TitleEn;
        problem.Extensions["detail_en"] = DetailEn;
        // The same correlation id whichever way the problem is written (the framework adds it to typed results).
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier;
        if (context.Request.Path.StartsWithSegments("/v1alpha1"))
        {
            problem.Extensions["error"] = new GoogleError(Status, GoogleMessage ?? DetailEn, GoogleStatus);
        }
        return problem;
    }

    public IResult ToResult(HttpContext context)
    {
        AddRetryAfter(context);
        return TypedResults.Problem(ToProblemDetails(context));
    }

    public async Task WriteAsync(HttpContext context)
    {
        if (context.Response.HasStarted) return;
        context.Response.Clear();
        context.Response.StatusCode = Status;
        AddRetryAfter(context);
        var json = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value;
        var typeInfo = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ProblemDetails>)json.SerializerOptions.GetTypeInfo(typeof(ProblemDetails));
        await context.Response.WriteAsJsonAsync(ToProblemDetails(context), typeInfo, contentType: "application/problem+json; charset=utf-8");
    }

    private void AddRetryAfter(HttpContext context)
    {
        if (RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Google's error object, as Perspective returns it.</summary>
public sealed record GoogleError(int Code, string Message, string Status);

/// <summary>The errors of the service, each with its French and English wording.</summary>
public static class Problems
{
    public static ServiceProblem InvalidJson(string where, string whereEn) => new(400, "invalid_json",
        "Requête JSON invalide", "Invalid JSON request",
        $"Le corps de la requête n'est pas un JSON valide pour cette opération ({where}). Vérifiez la syntaxe, l'encodage UTF-8 et le type de chaque champ.",
        $"The request body is not valid JSON for this operation ({whereEn}). Check the syntax, the UTF-8 encoding and each field's type.");

    public static ServiceProblem EmptyBody() => new(400, "empty_body",
        "Corps de requête vide", "Empty request body",
        "La requête doit contenir un objet JSON.", "The request must contain a JSON object.");

    public static ServiceProblem UnsupportedMediaType(string? contentType) => new(415, "unsupported_media_type",
        "Type de contenu non pris en charge", "Unsupported media type",
        $"Le corps doit être du JSON (application/json), pas « {contentType} ».",
        $"The body must be JSON (application/json), not '{contentType}'.");

    public static ServiceProblem BodyTooLarge(int limit) => new(413, "body_too_large",
        "Requête trop volumineuse", "Request too large",
        $"Le corps de la requête dépasse la limite de {limit:N0} octets.".Replace(',', ' '),
        $"The request body exceeds the limit of {limit:N0} bytes.");

    public static ServiceProblem Invalid(string code, string detailFr, string detailEn) => new(400, code,
        "Requête invalide", "Invalid request", detailFr, detailEn);

    public static ServiceProblem EmptyComment(string field) => Invalid("empty_comment",
        $"Le champ « {field} » est vide : un commentaire doit contenir du texte.",
        $"The field '{field}' is empty: a comment must contain text.") with { GoogleMessage = "Comment must be non-empty." };

    public static ServiceProblem TooLong(string field, int length, int limit) => Invalid("too_long",
        $"Le champ « {field} » compte {length} caractères ; la limite est de {limit}.",
        $"The field '{field}' has {length} characters; the limit is {limit}.") with
    { GoogleMessage = $"Comment text too long: {length} characters, the limit is {limit}." };

    public static ServiceProblem NotReady() => new(503, "bundle_not_ready",
        "Modèle non disponible", "Model not available",
        "Aucun modèle vérifié n'est encore chargé ; réessayez dans quelques secondes (voir /readyz).",
        "No verified model bundle is loaded yet; retry in a few seconds (see /readyz).") { RetryAfterSeconds = 5 };

    public static ServiceProblem MissingKey() => new(401, "missing_api_key",
        "Clé d'API manquante", "Missing API key",
        "Passez votre clé d'API dans le paramètre « key » ou l'en-tête X-Api-Key.",
        "Pass your API key in the 'key' query parameter or the X-Api-Key header.")
    { GoogleMessage = "The request is missing a valid API key." };

    public static ServiceProblem InvalidKey() => new(401, "invalid_api_key",
        "Clé d'API invalide", "Invalid API key",
        "La clé d'API fournie n'est pas reconnue.", "The API key given is not recognised.")
    { GoogleMessage = "API key not valid. Please pass a valid API key." };

    public static ServiceProblem NotLocal() => new(403, "local_only",
        "Accès local seulement", "Local access only",
        "Aucune clé d'API n'est configurée : le service n'accepte que les appels de cette machine.",
        "No API key is configured: the service only accepts calls from this machine.");

    public static ServiceProblem RateLimited(int retryAfter) => new(429, "rate_limited",
        "Trop de requêtes", "Too many requests",
        $"La limite de requêtes de cette clé est atteinte ; réessayez dans {retryAfter} s.",
        $"This key's request limit is reached; retry in {retryAfter} s.")
    { RetryAfterSeconds = retryAfter, GoogleMessage = "Quota exceeded for this API key." };

    public static ServiceProblem Timeout(TimeSpan limit) => new(504, "timeout",
        "Délai dépassé", "Request timed out",
        $"La requête a dépassé le délai de {limit.TotalSeconds:0.#} s.",
        $"The request exceeded the time limit of {limit.TotalSeconds:0.#} s.");

    public static ServiceProblem NotFound() => new(404, "not_found",
        "Ressource introuvable", "Not found",
        "Cette adresse n'existe pas ; la liste des opérations est dans /openapi/v1.json.",
        "This address does not exist; the operations are listed in /openapi/v1.json.");

    public static ServiceProblem MethodNotAllowed() => new(405, "method_not_allowed",
        "Méthode non permise", "Method not allowed",
        "Cette adresse n'accepte pas cette méthode HTTP.", "This address does not accept this HTTP method.");

    public static ServiceProblem Internal() => new(500, "internal_error",
        "Erreur interne", "Internal error",
        "Une erreur inattendue est survenue ; elle a été journalisée.", "An unexpected error occurred; it was logged.");

    public static ServiceProblem FeedbackFailed() => new(500, "feedback_not_written",
        "Correction non enregistrée", "Correction not recorded",
        "La correction n'a pas pu être écrite sur disque ; rien n'a été enregistré, réessayez.",
        "The correction could not be written to disk; nothing was recorded, try again.");
}
