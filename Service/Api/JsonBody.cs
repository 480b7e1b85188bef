using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using NetiquetteML.Service.Hosting;

namespace NetiquetteML.Service.Api;

/// <summary>
/// Reads a request body as JSON, with the service's own limits and errors. The body is read into
/// memory up to the configured size (so the limit holds on any server, not only Kestrel) and
/// parsed in one go; malformed JSON, wrong types and invalid UTF-8 become a 400 that says where,
/// never a stack trace and never the offending value (it could be personal information).
/// </summary>
public static class JsonBody
{
    public readonly record struct Outcome<T>(T? Value, ServiceProblem? Problem) where T : class;

    public static async Task<Outcome<T>> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo) where T : class
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.Limits.MaxRequestBodyBytes;
        var request = context.Request;
        if (request.ContentType is { Length: > 0 } contentType && !IsJson(contentType))
            return new(null, Problems.UnsupportedMediaType(contentType));
        if (request.ContentLength > limit) return new(null, Problems.BodyTooLarge(limit));

        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is > 0 and var length ? (int)length + 1 : 16 * 1024);
        try
        {
            var size = 0;
            while (true)
            {
                if (size == buffer.Length)
                {
                    if (buffer.Length > limit) return new(null, Problems.BodyTooLarge(limit));
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, size).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                int read;
                try
                {
                    read = await request.Body.ReadAsync(buffer.AsMemory(size), context.RequestAborted);
                }
                catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    return new(null, Problems.BodyTooLarge(limit));
                }
                if (read == 0) break;
                size += read;
                if (size > limit) return new(null, Problems.BodyTooLarge(limit));
            }
            if (IsBlank(buffer.AsSpan(0, size))) return new(null, Problems.EmptyBody());
            try
            {
                var value = JsonSerializer.Deserialize(buffer.AsSpan(0, size), typeInfo);
                return value is null ? new(null, Problems.EmptyBody()) : new(value, null);
            }
            catch (JsonException e)
            {
                var where = $"{e.Path ?? "$"}, ligne {e.LineNumber + 1}, octet {e.BytePositionInLine + 1}";
                var whereEn = $"{e.Path ?? "$"}, line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}";
                return new(null, Problems.InvalidJson(where, whereEn));
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json reports text it cannot transcode (invalid UTF-8 in a string) this way.
                return new(null, Problems.InvalidJson("UTF-8 invalide", "invalid UTF-8"));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes) => bytes.Trim(" \t\r\n"u8).IsEmpty;
}
