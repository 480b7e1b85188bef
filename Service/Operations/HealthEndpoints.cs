using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NetiquetteML.Service.Api;
using NetiquetteML.Service.Bundles;

namespace NetiquetteML.Service.Operations;

/// <summary>Ready when a verified bundle is in service; the answer names it and any bundle refused since.</summary>
public sealed class BundleReadyCheck(BundleHolder holder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(holder.Current is null
            ? HealthCheckResult.Unhealthy("Aucun modèle vérifié n'est chargé / no verified bundle is loaded.")
            : HealthCheckResult.Healthy());
}

public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        // Liveness: the process answers; no check runs.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Exploitation").WithSummary("Le processus répond / The process is up");
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .WithTags("Exploitation").WithSummary("Un modèle vérifié est en service / A verified bundle is in service");
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var holder = context.RequestServices.GetRequiredService<BundleHolder>();
        var bundle = holder.Current;
        var body = new HealthBody(report.Status.ToString(), bundle?.ToBody(), bundle?.LoadedUtc, holder.LastRefusal?.Reason);
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(body, ServiceJsonContext.Default.HealthBody);
    }
}
