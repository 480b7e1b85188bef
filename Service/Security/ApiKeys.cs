using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NetiquetteML.Service.Api;
using NetiquetteML.Service.Hosting;

namespace NetiquetteML.Service.Security;

/// <summary>Marks the endpoints that need an API key (all but health, metrics and documentation).</summary>
public sealed class ApiKeyRequired
{
    public static readonly ApiKeyRequired Instance = new();
}

public static class ApiKeyEndpointExtensions
{
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiKeyRequired.Instance);
}

/// <summary>
/// Checks the API key of the endpoints that need one, from <c>?key=</c> (as Perspective clients send
/// it), the <c>X-Api-Key</c> header or Google's <c>X-Goog-Api-Key</c>, and records which client
/// called (the key's name, never the key) for the rate limiter and the logs. With no key
/// configured the service is local-only: it listens on loopback and refuses any other caller.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ServiceOptions> options)
{
    public const string ClientItem = "netiquette.client";
    public const string LocalClient = "local";

    private readonly (byte[] Key, ApiKeyOptions Options)[] _keys =
        options.Value.ApiKeys.Where(k => k.Key.Length > 0).Select(k => (Encoding.UTF8.GetBytes(k.Key), k)).ToArray();

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiKeyRequired>() is null) return next(context);
        if (options.Value.LocalOnly)
        {
            if (!IsLocal(context.Connection.RemoteIpAddress)) return Problems.NotLocal().WriteAsync(context);
            context.Items[ClientItem] = LocalClient;
            return next(context);
        }
        string? presented = context.Request.Query["key"];
        if (string.IsNullOrEmpty(presented)) presented = context.Request.Headers["X-Api-Key"];
        if (string.IsNullOrEmpty(presented)) presented = context.Request.Headers["X-Goog-Api-Key"];
        if (string.IsNullOrEmpty(presented)) return Problems.MissingKey().WriteAsync(context);
        var match = Find(presented);
        if (match is null) return Problems.InvalidKey().WriteAsync(context);
        context.Items[ClientItem] = match.Name;
        return next(context);
    }

    /// <summary>Compares in constant time, so the answer's timing says nothing about how close a guess was.</summary>
    private ApiKeyOptions? Find(string presented)
    {
        var bytes = Encoding.UTF8.GetBytes(presented);
        ApiKeyOptions? found = null;
        foreach (var (key, keyOptions) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(key, bytes)) found = keyOptions;
        }
        return found;
    }

    /// <summary>Loopback, or no remote address at all (an in-process test server).</summary>
    public static bool IsLocal(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}
