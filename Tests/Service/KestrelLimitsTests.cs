using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NetiquetteML.Tests.Service.Support;
using Xunit.Abstractions;

namespace NetiquetteML.Tests.Service;

/// <summary>
/// The service on real Kestrel, on loopback only, with short timeouts: slow clients are cut off
/// with a clear answer, 1,000 simultaneous connections are all answered, and it stays up.
/// </summary>
public sealed class KestrelLimitsTests(KestrelLimitsTests.KestrelService service, ITestOutputHelper output) : IClassFixture<KestrelLimitsTests.KestrelService>
{
    public sealed class KestrelService : ServiceFactory
    {
        public KestrelService()
            : base(new Dictionary<string, string?>
            {
                ["Netiquette:Limits:RequestTimeout"] = "00:00:02",
                ["Netiquette:Limits:RequestHeadersTimeout"] = "00:00:02",
            })
        {
            UseKestrel(0);
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Endpoint = new Uri(address);
        }

        public Uri Endpoint { get; }
    }

    [Fact]
    public async Task The_server_listens_on_loopback_only()
    {
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(service.Endpoint.Host)) || service.Endpoint.Host == "localhost", service.Endpoint.ToString());
        using var client = new HttpClient { BaseAddress = service.Endpoint };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/moderate", new { text = "Bonjour" })).StatusCode);
    }

    [Fact]
    public async Task A_client_sending_its_body_slowly_gets_a_timeout_problem_and_others_are_served()
    {
        var stopwatch = Stopwatch.StartNew();
        using var socket = await ConnectAsync();
        var body = "{\"text\": \"Bonjour, ceci arrive lentement\"}";
        await SendAsync(socket, $"POST /v1/moderate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
        var sender = Task.Run(async () =>
        {
            foreach (var b in Encoding.ASCII.GetBytes(body))
            {
                try { await socket.SendAsync(new[] { b }); } catch (SocketException) { return; } catch (ObjectDisposedException) { return; }
                await Task.Delay(300);
            }
        });
        var answer = await ReadAnswerAsync(socket, TimeSpan.FromSeconds(10));
        output.WriteLine($"slow body answered after {stopwatch.Elapsed.TotalSeconds:0.0} s: {answer.Split('\n')[0]}");

        Assert.StartsWith("HTTP/1.1 504", answer);
        Assert.Contains("\"code\":\"timeout\"", answer);
        Assert.InRange(stopwatch.Elapsed.TotalSeconds, 1.5, 8);
        await AssertServesAsync();
    }

    [Fact]
    public async Task A_client_that_never_finishes_its_headers_is_disconnected()
    {
        var stopwatch = Stopwatch.StartNew();
        using var socket = await ConnectAsync();
        await SendAsync(socket, "POST /v1/moderate HTTP/1.1\r\nHost: localhost\r\nContent-Ty");

        var answer = await ReadAnswerAsync(socket, TimeSpan.FromSeconds(10));
        output.WriteLine($"slow headers ended after {stopwatch.Elapsed.TotalSeconds:0.0} s: '{answer.Split('\n')[0]}'");

        Assert.True(answer.Length == 0 || answer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), answer);
        Assert.InRange(stopwatch.Elapsed.TotalSeconds, 1.5, 9);
        await AssertServesAsync();
    }

    [Fact]
    public async Task A_thousand_simultaneous_connections_are_all_answered()
    {
        const int connections = 1000;
        var sockets = new Socket[connections];
        try
        {
            for (var i = 0; i < connections; i++) sockets[i] = await ConnectAsync();
            var stopwatch = Stopwatch.StartNew();
            var answers = await Task.WhenAll(sockets.Select(async (socket, i) =>
            {
                var body = $"{{\"text\": \"Commentaire {i} : merci pour le déneigement\", \"id\": \"c-{i}\"}}";
                var bytes = Encoding.UTF8.GetByteCount(body);
                await SendAsync(socket, $"POST /v1/moderate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {bytes}\r\nConnection: close\r\n\r\n{body}");
                return await ReadAnswerAsync(socket, TimeSpan.FromSeconds(60));
            }));
            output.WriteLine($"{connections} connections answered in {stopwatch.Elapsed.TotalSeconds:0.00} s");

            var notOk = answers.Where(a => !a.StartsWith("HTTP/1.1 200", StringComparison.Ordinal)).ToList();
            Assert.True(notOk.Count == 0, $"{notOk.Count} answers were not 200, e.g. {notOk.FirstOrDefault()?.Split('\n')[0]}");
            for (var i = 0; i < connections; i += 97) Assert.Contains($"\"id\":\"c-{i}\"", answers[i]);
        }
        finally
        {
            foreach (var socket in sockets) socket?.Dispose();
        }
        await AssertServesAsync();
    }

    private async Task AssertServesAsync()
    {
        using var client = new HttpClient { BaseAddress = service.Endpoint };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/moderate", new { text = "Toujours là?" })).StatusCode);
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(service.Endpoint.Host == "localhost" ? "127.0.0.1" : service.Endpoint.Host, service.Endpoint.Port);
        return socket;
    }

    private static async Task SendAsync(Socket socket, string text) => await socket.SendAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Reads until the server closes the connection or the response is complete (Content-Length reached).</summary>
    private static async Task<string> ReadAnswerAsync(Socket socket, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
                if (read == 0) break;
                received.Write(buffer, 0, read);
                if (IsComplete(Encoding.UTF8.GetString(received.ToArray()))) break;
            }
        }
        catch (SocketException)
        {
        }
        catch (OperationCanceledException)
        {
            return "(no answer within " + timeout.TotalSeconds + " s)";
        }
        return Encoding.UTF8.GetString(received.ToArray());
    }

    private static bool IsComplete(string response)
    {
        var headerEnd = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headerEnd < 0) return false;
        var headers = response[..headerEnd];
        var lengthLine = headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (lengthLine is not null) return Encoding.UTF8.GetByteCount(response[(headerEnd + 4)..]) >= int.Parse(lengthLine[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return response.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
    }
}
