using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NetiquetteML.Tests.Reports;
using NetiquetteML.Tests.Service.Support;
using NetiquetteML.Tests.Support;
using Xunit.Abstractions;

namespace NetiquetteML.Tests.Service;

/// <summary>
/// A client nobody here wrote: Jigsaw's perspective-api-client 3.1.0 (npm), run by Node against the
/// service on loopback, gets valid answers for French comments, and its error classes fire as they
/// do against Perspective. Skipped, saying why, when Node or the npm packages are missing.
/// </summary>
public sealed class PerspectiveNodeClientTests(ITestOutputHelper output)
{
    public static string ClientDirectory => Path.Combine(Repo.Root, "Tests", "Service", "PerspectiveClient");

    [NodeFact]
    public void Jigsaws_client_gets_valid_answers_and_its_error_classes_fire()
    {
        const string key = "cle-client-node-0123456789";
        using var service = new ServiceFactory(new Dictionary<string, string?>
        {
            ["Netiquette:ApiKeys:0:Name"] = "client-node",
            ["Netiquette:ApiKeys:0:Key"] = key,
        });
        service.UseKestrel(0);
        service.StartServer();
        var address = service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var run = ExternalProcess.Run("node", ["check-client.js", address, key], TimeSpan.FromSeconds(90), ClientDirectory);
        output.WriteLine($"node check-client.js: exit {run.ExitCode} in {run.Elapsed.TotalSeconds:0.0} s");
        Assert.True(run.ExitCode == 0 && !run.TimedOut, run.All);
        var results = JsonDocument.Parse(run.Out).RootElement;

        var sacre = results.GetProperty("sacre");
        Assert.Empty(OpenApiContract.Perspective.Validate(sacre, "AnalyzeCommentResponse"));
        Assert.True(Summary(sacre, "TOXICITY") > 0.5, sacre.ToString());
        Assert.True(Summary(results.GetProperty("thanks"), "TOXICITY") < 0.5, results.GetProperty("thanks").ToString());

        var full = results.GetProperty("full");
        Assert.Empty(OpenApiContract.Perspective.Validate(full, "AnalyzeCommentResponse"));
        Assert.Equal("client-node-1", full.GetProperty("clientToken").GetString());
        Assert.Equal(6, full.GetProperty("attributeScores").EnumerateObject().Count());
        Assert.True(Summary(full, "COMMERCIAL") > 0.5, full.ToString());
        var phone = Assert.Single(full.GetProperty("attributeScores").GetProperty("PERSONAL_INFO").GetProperty("spanScores").EnumerateArray());
        Assert.Equal("Vente de garage samedi, appelez ".Length, phone.GetProperty("begin").GetInt32());

        var errors = results.GetProperty("errors");
        AssertError(errors, "empty", "TextEmptyError", null, "text must not be empty");
        AssertError(errors, "tooLong", "TextTooLongError", null, "text must not be greater than 20480 characters");
        AssertError(errors, "unsupportedAttribute", "ResponseError", 400, "Attribute INSULT is not supported. Supported attributes: TOXICITY");
        AssertError(errors, "unsupportedLanguage", "ResponseError", 400, "Attribute TOXICITY does not support request languages: en");
        AssertError(errors, "wrongKey", "ResponseError", 401, "API key not valid. Please pass a valid API key.");
    }

    private static double Summary(JsonElement response, string attribute) =>
        response.GetProperty("attributeScores").GetProperty(attribute).GetProperty("summaryScore").GetProperty("value").GetDouble();

    private static void AssertError(JsonElement errors, string call, string errorClass, int? status, string messageStart)
    {
        var error = errors.GetProperty(call);
        Assert.True(error.GetProperty("thrown").GetBoolean(), $"{call}: no error thrown: {error}");
        Assert.Equal(errorClass, error.GetProperty("name").GetString());
        Assert.True(error.GetProperty("isClientError").GetBoolean(), $"{call}: not a PerspectiveAPIClientError");
        Assert.StartsWith(messageStart, error.GetProperty("message").GetString());
        if (status is null) Assert.Equal(JsonValueKind.Null, error.GetProperty("status").ValueKind);
        else Assert.Equal(status, error.GetProperty("status").GetInt32());
    }
}

/// <summary>Runs only where Node and the client's npm packages are installed (.ci/run installs them with npm ci); otherwise skipped with the reason.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (!OnPath("node"))
            Skip = "Node.js is not installed: the test of Jigsaw's perspective-api-client cannot run (apt-get install nodejs npm, then npm ci in Tests/Service/PerspectiveClient).";
        else if (!Directory.Exists(Path.Combine(PerspectiveNodeClientTests.ClientDirectory, "node_modules", "perspective-api-client")))
            Skip = "perspective-api-client is not installed: run `npm ci --prefix Tests/Service/PerspectiveClient` (.ci/run does it when npm exists).";
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
