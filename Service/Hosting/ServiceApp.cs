using System.Net;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using NetiquetteML.Service.Api;
using NetiquetteML.Service.Bundles;
using NetiquetteML.Service.Feedback;
using NetiquetteML.Service.History;
using NetiquetteML.Service.Operations;
using NetiquetteML.Service.Perspective;
using NetiquetteML.Service.Security;
using Prometheus;
using Scalar.AspNetCore;

namespace NetiquetteML.Service.Hosting;

/// <summary>
/// Builds the service: settings, services, the middleware pipeline and the routes. Not static so
/// that tests can name it as the entry point of WebApplicationFactory (Training has a Program too).
/// </summary>
public sealed partial class ServiceApp
{
    private ServiceApp()
    {
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Settings are read through IOptions when first needed, not here: a test host adds its own after this method.
        var section = builder.Configuration.GetSection(ServiceOptions.Section);
        var paths = ServicePaths.For(builder.Environment.ContentRootPath);

        var services = builder.Services;
        services.AddOptions<ServiceOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServiceOptions>, ServiceOptionsValidation>();
        services.AddSingleton(paths);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<BundleHolder>();
        services.AddSingleton<ServiceMetrics>();
        services.AddSingleton<VerdictLog>();
        services.AddSingleton<BatchScoringGate>();
        services.AddSingleton<BundleWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<BundleWatcher>());
        services.AddSingleton(sp =>
        {
            var feedback = sp.GetRequiredService<IOptions<ServiceOptions>>().Value.Feedback;
            return new FeedbackCsvStore(paths.Resolve(feedback.Directory), feedback.FileNamePattern);
        });
        services.AddSingleton<FeedbackRecorder>();
        services.AddSingleton<ServiceHistory>();
        services.AddHostedService<HistoryPurger>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ServiceJsonContext.Default);
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            // French stays readable (« é », not \u00E9); these bodies are JSON, never embedded in HTML.
            json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        builder.Logging.AddJsonConsole(console => console.JsonWriterOptions = new System.Text.Json.JsonWriterOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<BundleReadyCheck>("bundle", tags: [HealthEndpoints.ReadyTag]);
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "NetiquetteML — service de modération";
            document.Info.Description = "Modération de commentaires en français selon la nétiquette de la Ville de Senneterre. " +
                "API native (/v1) et API compatible Perspective (/v1alpha1/comments:analyze). Erreurs : RFC 9457, en français avec un double anglais (detail_en).";
            return Task.CompletedTask;
        }));
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<ServiceOptions>>((timeouts, settings) =>
        {
            var limit = settings.Value.Limits.RequestTimeout;
            timeouts.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = limit,
                TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
                WriteTimeoutResponse = context => Problems.Timeout(limit).WriteAsync(context),
            };
        });
        services.AddPerKeyRateLimiting();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<ServiceOptions>>((cors, settings) =>
        {
            // No origin configured: the policy allows none, so no CORS header is ever sent.
            cors.AddDefaultPolicy(policy => policy.WithOrigins([.. settings.Value.CorsOrigins]).AllowAnyHeader().WithMethods("GET", "POST"));
        });
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServiceOptions>>((kestrel, settings) =>
        {
            kestrel.AddServerHeader = false;
            // A little above the service's own check, so the client gets the service's 413 in its words.
            kestrel.Limits.MaxRequestBodySize = settings.Value.Limits.MaxRequestBodyBytes + 1024L;
            kestrel.Limits.RequestHeadersTimeout = settings.Value.Limits.RequestHeadersTimeout;
        });

        // Last, so a caller (the bench) can change settings, logging and services.
        configure?.Invoke(builder);

        // Listening addresses are decided before the host is built, from the settings known then.
        var localOnly = (section.GetSection(nameof(ServiceOptions.ApiKeys)).Get<List<ApiKeyOptions>>() ?? []).Count == 0;
        var refusedUrls = new List<string>();
        if (localOnly && builder.Configuration["urls"] is { Length: > 0 } urls)
            builder.WebHost.UseUrls(LoopbackOnly(urls, refusedUrls));

        var app = builder.Build();
        var metrics = app.Services.GetRequiredService<ServiceMetrics>();
        var options = app.Services.GetRequiredService<IOptions<ServiceOptions>>().Value;

        app.UseExceptionHandler(handler => handler.Run(context => Problems.Internal().WriteAsync(context)));
        app.UseStatusCodePages(context => context.HttpContext.Response.StatusCode switch
        {
            404 => Problems.NotFound().WriteAsync(context.HttpContext),
            405 => Problems.MethodNotAllowed().WriteAsync(context.HttpContext),
            415 => Problems.UnsupportedMediaType(context.HttpContext.Request.ContentType).WriteAsync(context.HttpContext),
            _ => Task.CompletedTask,
        });
        app.UseRouting();
        app.UseCors();
        app.UseHttpMetrics(http => http.SetMetricFactory(metrics.Factory));
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseRateLimiter();
        app.UseRequestTimeouts();

        app.MapNativeApi();
        app.MapPerspectiveApi();
        app.MapHealth();
        app.MapMetrics("/metrics", metrics.Registry);
        app.MapOpenApi();
        app.MapScalarApiReference(scalar => scalar.WithTitle("NetiquetteML — référence de l'API"));
        app.MapGet("/", () => Results.Redirect("/scalar/v1")).ExcludeFromDescription();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NetiquetteML.Service");
        app.Lifetime.ApplicationStarted.Register(() => LogStart(logger, app, options, refusedUrls));
        return app;
    }

    private static void LogStart(ILogger logger, WebApplication app, ServiceOptions options, List<string> refusedUrls)
    {
        var addresses = string.Join(", ", app.Urls);
        if (options.LocalOnly)
        {
            LogLocalOnly(logger, addresses);
            foreach (var refused in refusedUrls) LogRefusedUrl(logger, refused);
        }
        else
        {
            LogWithKeys(logger, options.ApiKeys.Count, string.Join(", ", options.ApiKeys.Select(k => k.Name)), addresses);
        }
    }

    /// <summary>Keeps loopback addresses; any other host becomes localhost on the same port.</summary>
    internal static string LoopbackOnly(string urls, List<string> refused)
    {
        var kept = new List<string>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            var rest = schemeEnd < 0 ? url : url[(schemeEnd + 3)..];
            var hostEnd = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOf(':') is var colon and >= 0 ? colon : rest.Length;
            var host = rest[..hostEnd].Trim('[', ']');
            if (host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip)))
            {
                kept.Add(url);
                continue;
            }
            refused.Add(url);
            kept.Add((schemeEnd < 0 ? "http://" : url[..(schemeEnd + 3)]) + "localhost" + rest[hostEnd..]);
        }
        return string.Join(';', kept.Distinct());
    }

    internal static List<string> SettingProblems(ServiceOptions options)
    {
        var problems = new List<string>();
        var limits = options.Limits;
        if (limits.MaxCommentLength <= 0) problems.Add("Limits:MaxCommentLength must be positive");
        if (limits.MaxBatchSize <= 0) problems.Add("Limits:MaxBatchSize must be positive");
        if (limits.MaxRequestBodyBytes <= 0) problems.Add("Limits:MaxRequestBodyBytes must be positive");
        if (limits.RequestTimeout <= TimeSpan.Zero) problems.Add("Limits:RequestTimeout must be positive");
        if (options.RateLimit.PermitsPerWindow <= 0 || options.RateLimit.Window <= TimeSpan.Zero) problems.Add("RateLimit needs positive PermitsPerWindow and Window");
        if (options.BundlePollInterval <= TimeSpan.Zero) problems.Add("BundlePollInterval must be positive");
        if (options.History.RetentionDays < 1 || options.History.PurgeInterval <= TimeSpan.Zero) problems.Add("History needs RetentionDays of at least 1 and a positive PurgeInterval");
        if (options.History.FlushInterval < TimeSpan.Zero) problems.Add("History:FlushInterval must not be negative");
        if (options.ApiKeys.Any(k => string.IsNullOrWhiteSpace(k.Name) || k.Key.Length < 16))
            problems.Add("each ApiKeys entry needs a Name and a Key of at least 16 characters");
        if (options.ApiKeys.Select(k => k.Name).Distinct().Count() != options.ApiKeys.Count) problems.Add("ApiKeys names must be unique");
        return problems;
    }

    /// <summary>Refuses to start on settings that make no sense, each problem named.</summary>
    private sealed class ServiceOptionsValidation : IValidateOptions<ServiceOptions>
    {
        public ValidateOptionsResult Validate(string? name, ServiceOptions options) =>
            SettingProblems(options) is { Count: > 0 } problems
                ? ValidateOptionsResult.Fail(problems.Select(p => $"{ServiceOptions.Section}: {p}."))
                : ValidateOptionsResult.Success;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Mode local : aucune clé d'API n'est configurée ; le service n'écoute que sur la boucle locale ({Addresses}) et refuse tout autre appelant. Configurez Netiquette:ApiKeys pour l'ouvrir au réseau.")]
    private static partial void LogLocalOnly(ILogger logger, string addresses);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Mode local : l'adresse {Url} n'est pas locale ; remplacée par localhost.")]
    private static partial void LogRefusedUrl(ILogger logger, string url);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{KeyCount} clé(s) d'API configurée(s) ({KeyNames}) ; écoute sur {Addresses}")]
    private static partial void LogWithKeys(ILogger logger, int keyCount, string keyNames, string addresses);
}
