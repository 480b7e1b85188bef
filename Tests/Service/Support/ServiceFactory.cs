using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Service.Support;

/// <summary>
/// The real service in process (WebApplicationFactory), on the shipped bundle, writing corrections
/// to a temporary folder, with its logs captured. Settings given override appsettings.json; the
/// default rate limit is raised so only the rate-limit tests meet it.
/// </summary>
public class ServiceFactory : WebApplicationFactory<NetiquetteML.Service.Hosting.ServiceApp>
{
    private readonly Dictionary<string, string?> _settings;

    public ServiceFactory()
        : this(null)
    {
    }

    internal ServiceFactory(IDictionary<string, string?>? settings)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Netiquette:BundlePath"] = Repo.ShippedBundle,
            ["Netiquette:Feedback:Directory"] = Work.Path,
            ["Netiquette:RateLimit:PermitsPerWindow"] = "1000000",
            ["Netiquette:BundlePollInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    public TempDirectory Work { get; } = new();

    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddProvider(Logs);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Work.Dispose();
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async Task<HttpResponseMessage> PostAsync(string path, object body, HttpClient? client = null) =>
        await (client ?? CreateClient()).PostAsJsonAsync(path, body);
}

/// <summary>Every log line the service writes: its message and each structured value, for the privacy tests.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public string All => string.Join("\n", _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values) line.Append($" | {key}={value}");
            }
            if (exception is not null) line.Append(" | ").Append(exception);
            capture._lines.Enqueue(line.ToString());
        }
    }
}
