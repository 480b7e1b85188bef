using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NetiquetteML.Tests.Service.Support;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Service;

/// <summary>Settings reach the service: a policy file, a personal-information allow-list, CORS origins; nonsense settings stop the start.</summary>
public sealed class ServiceSettingsTests(ServiceSettingsTests.ConfiguredService service) : IClassFixture<ServiceSettingsTests.ConfiguredService>
{
    private const string Shouting = "MERCI À L'ÉQUIPE DES TRAVAUX PUBLICS POUR LE DÉNEIGEMENT!!!";

    public sealed class ConfiguredService : ServiceFactory
    {
        private static readonly TempDirectory Files = new();

        public ConfiguredService()
            : base(new Dictionary<string, string?>
            {
                ["Netiquette:PolicyFile"] = Files.Write("policy.json", """{ "shoutingAction": "Allow" }"""),
                ["Netiquette:PersonalInfoFile"] = Files.Write("allow.json", """{ "allowedPhoneNumbers": ["819 737-2296", "819 555-0199"] }"""),
                ["Netiquette:CorsOrigins:0"] = "https://moderation.example",
            })
        {
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) Files.Dispose();
        }
    }

    [Fact]
    public async Task The_policy_file_and_the_allow_list_change_the_verdicts()
    {
        var shouting = await ModerateAsync(Shouting);
        Assert.True(shouting.GetProperty("shouting").GetProperty("isShouting").GetBoolean());
        Assert.Equal("allow", shouting.GetProperty("action").GetString());

        var allowed = await ModerateAsync("Pour les inscriptions, appelez le 819-555-0199");
        Assert.Empty(allowed.GetProperty("personalInfo").EnumerateArray());
        var other = await ModerateAsync("Pour les inscriptions, appelez le 819-555-0142");
        Assert.Single(other.GetProperty("personalInfo").EnumerateArray());
    }

    [Fact]
    public async Task A_configured_origin_gets_cors_headers_and_another_does_not()
    {
        var client = service.CreateClient();
        Assert.Equal("https://moderation.example", (await PreflightAsync(client, "https://moderation.example")).Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False((await PreflightAsync(client, "https://ailleurs.example")).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("Netiquette:ApiKeys:0:Key", "courte", "Key of at least 16 characters")]
    [InlineData("Netiquette:Limits:MaxBatchSize", "0", "MaxBatchSize must be positive")]
    [InlineData("Netiquette:RateLimit:PermitsPerWindow", "-1", "RateLimit needs positive")]
    public void Nonsense_settings_stop_the_start_naming_the_problem(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.Contains("ApiKeys", StringComparison.Ordinal)) settings["Netiquette:ApiKeys:0:Name"] = "appli";
        using var broken = new ServiceFactory(settings);
        var error = Assert.Throws<OptionsValidationException>(() => broken.CreateClient());
        Assert.Contains(message, error.Message);
    }

    internal static Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/moderate");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        return client.SendAsync(request);
    }

    private async Task<JsonElement> ModerateAsync(string text)
    {
        var response = await service.CreateClient().PostAsJsonAsync("/v1/moderate", new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
