using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NetiquetteML.Service.Hosting;
using NetiquetteML.Service.Security;
using NetiquetteML.Tests.Service.Support;

namespace NetiquetteML.Tests.Service;

/// <summary>No key configured: local-only mode, said at start; a caller from another address is refused.</summary>
public sealed class LocalOnlyModeTests(LocalOnlyModeTests.RemoteCallerService service) : IClassFixture<LocalOnlyModeTests.RemoteCallerService>
{
    /// <summary>Every request arrives from 10.1.2.3 unless it says X-Test-Loopback (no traffic leaves the process: TestServer).</summary>
    public sealed class RemoteCallerService : ServiceFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFilter>());
        }

        private sealed class RemoteAddressFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    context.Connection.RemoteIpAddress = context.Request.Headers.ContainsKey("X-Test-Loopback") ? IPAddress.Loopback : IPAddress.Parse("10.1.2.3");
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }

    [Fact]
    public async Task A_caller_from_another_machine_is_refused_and_a_local_one_served()
    {
        var client = service.CreateClient();
        await ProblemDetailsTests.AssertProblemAsync(await client.PostAsJsonAsync("/v1/moderate", new { text = "Bonjour" }), 403, "local_only", "remote caller");

        using var local = new HttpRequestMessage(HttpMethod.Post, "/v1/moderate") { Content = JsonContent.Create(new { text = "Bonjour" }) };
        local.Headers.Add("X-Test-Loopback", "1");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(local)).StatusCode);
    }

    [Fact]
    public void The_start_says_local_only_mode()
    {
        _ = service.Server;
        Assert.Contains("Mode local : aucune clé d'API n'est configurée", service.Logs.All);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", "http://localhost:5080", true)]
    [InlineData("http://*:5080", "http://localhost:5080", true)]
    [InlineData("http://+:8080;http://127.0.0.1:5080", "http://localhost:8080;http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", "http://localhost:5080", false)]
    [InlineData("http://[::1]:5080", "http://[::1]:5080", false)]
    public void Listening_addresses_other_than_loopback_become_localhost(string configured, string expected, bool refused)
    {
        var refusedUrls = new List<string>();
        Assert.Equal(expected, ServiceApp.LoopbackOnly(configured, refusedUrls));
        Assert.Equal(refused, refusedUrls.Count > 0);
    }

    [Fact]
    public void Loopback_and_in_process_callers_count_as_local()
    {
        Assert.True(ApiKeyMiddleware.IsLocal(IPAddress.Loopback));
        Assert.True(ApiKeyMiddleware.IsLocal(IPAddress.IPv6Loopback));
        Assert.True(ApiKeyMiddleware.IsLocal(null));
        Assert.False(ApiKeyMiddleware.IsLocal(IPAddress.Parse("192.0.2.7")));
    }
}
