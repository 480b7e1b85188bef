using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using NetiquetteML.Service.Api;
using NetiquetteML.Service.Hosting;

namespace NetiquetteML.Service.Security;

/// <summary>
/// Per-key rate limiting with ASP.NET Core's limiter: a fixed window per client (the key's name,
/// or "local"), each key's limit configurable. A refused request gets 429 with Retry-After, in the
/// service's problem shape. One request is one permit, batch or not: the batch size has its own limit.
/// </summary>
public static class RateLimits
{
    public const string PolicyName = "per-key";

    public static IServiceCollection AddPerKeyRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (rejected, _) =>
            {
                var options = Settings(rejected.HttpContext);
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : Math.Max(1, (int)Math.Ceiling(options.RateLimit.Window.TotalSeconds));
                await Problems.RateLimited(retryAfter).WriteAsync(rejected.HttpContext);
            };
            limiter.AddPolicy(PolicyName, context =>
            {
                var options = Settings(context);
                var client = context.Items[ApiKeyMiddleware.ClientItem] as string ?? ApiKeyMiddleware.LocalClient;
                if (!options.RateLimit.Enabled) return RateLimitPartition.GetNoLimiter(client);
                var permits = options.ApiKeys.FirstOrDefault(k => k.Name == client)?.PermitsPerWindow ?? options.RateLimit.PermitsPerWindow;
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = options.RateLimit.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
        return services;
    }

    private static ServiceOptions Settings(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServiceOptions>>().Value;
}
