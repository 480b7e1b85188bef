using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetiquetteML.Scoring;
using NetiquetteML.Tests.Service.Support;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Bundles;
using Xunit.Abstractions;

namespace NetiquetteML.Tests.Service;

/// <summary>
/// The bundle in service follows the trainer's real promote and rollback under load: requests keep
/// going while a different bundle is promoted, a broken one is dropped in, and the old one is rolled
/// back. No request fails, and every answer (batches included) is entirely from one bundle: its
/// probabilities are those that bundle gives, checked against each bundle loaded directly.
/// </summary>
public sealed class BundleSwapTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Comments =
    [
        "Gang de tabarnak d'innocents au conseil",
        "Merci pour l'information, bonne journée",
        "Vends pneus d'hiver 300$, écrivez-moi en privé",
        "Votez CAQ aux prochaines élections",
    ];

    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Promote_broken_drop_and_rollback_under_load_fail_no_request_and_never_mix_bundles()
    {
        var champion = Path.Combine(_dir.Path, "Models", "netiquette");
        Copy(Repo.ShippedBundle, champion);
        var challenger = Path.Combine(_dir.Path, "challenger");
        Copy(TrainedBundle.Shared.Directory, challenger);
        using var service = new ServiceFactory(new Dictionary<string, string?> { ["Netiquette:BundlePath"] = champion });
        var client = service.CreateClient();
        var answers = new ConcurrentBag<Answer>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var load = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    var batch = (worker + i) % 2 == 0;
                    var response = batch
                        ? await client.PostAsJsonAsync("/v1/moderate:batch", new { comments = Comments.Select(t => new { text = t }) }, CancellationToken.None)
                        : await client.PostAsJsonAsync("/v1/moderate", new { text = Comments[i % Comments.Length] }, CancellationToken.None);
                    var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    if (response.StatusCode != HttpStatusCode.OK) { failures.Add($"{(int)response.StatusCode}: {body}"); continue; }
                    answers.Add(Answer.Read(JsonDocument.Parse(body).RootElement, batch, i % Comments.Length));
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    failures.Add(e.Message);
                }
            }
        })).ToArray();

        var original = Version(champion);
        await WaitForAsync(client, original, "the shipped bundle at start");
        await WaitForAnswersAsync(answers, 20);

        BundleArchive.Promote(challenger, champion);
        // Read from the folder in service: promote may rewrite the manifest it copies (its name).
        var promoted = Version(champion);
        await WaitForAsync(client, promoted, "the promoted bundle");
        await WaitForAnswersAsync(answers, 20);
        var afterPromote = answers.Count;

        var broken = Path.Combine(_dir.Path, "broken");
        Copy(TrainedBundle.Shared.Directory, broken);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(broken, "manifest.json")))!;
        manifest["createdUtc"] = DateTimeOffset.UtcNow.ToString("O");
        File.WriteAllText(Path.Combine(broken, "manifest.json"), manifest.ToJsonString());
        var model = File.ReadAllBytes(Path.Combine(broken, "model.zip"));
        model[model.Length / 2] ^= 0xFF;
        File.WriteAllBytes(Path.Combine(broken, "model.zip"), model);
        BundleStore.Replace(broken, champion);
        await WaitForRefusalAsync(client);
        await WaitForAnswersAsync(answers, 20);
        var duringBroken = answers.Count;

        BundleArchive.Rollback(champion);
        await WaitForAsync(client, original, "the rolled-back bundle");
        await WaitForAnswersAsync(answers, 20);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        output.WriteLine($"{answers.Count} answers ({afterPromote} by the promotion, {duringBroken} by the refusal), {failures.Count} failures");
        Assert.True(failures.IsEmpty, $"{failures.Count} failed requests, e.g. {failures.FirstOrDefault()}");
        var expected = new Dictionary<string, double[][]>
        {
            [original] = ExpectedProbabilities(NetiquetteScorer.Load(champion)),
            [promoted] = ExpectedProbabilities(TrainedBundle.Shared.Scorer),
        };
        Assert.Equal(2, expected.Count);
        Assert.All(answers, a => Assert.Contains(a.Version, expected.Keys));
        Assert.All(answers, a => Assert.True(a.Matches(expected[a.Version]), $"an answer claiming bundle {a.Version} has probabilities of another bundle"));
        Assert.True(answers.Select(a => a.Version).Distinct().Count() == 2, "both bundles served answers");
        Assert.True(answers.Count > duringBroken && duringBroken > afterPromote, "requests kept going through every step");
        Assert.Contains("Modèle refusé", service.Logs.All);
        Assert.Matches("netiquette_bundle_loads_total\\{outcome=\"refused\"\\} [1-9]", await client.GetStringAsync("/metrics"));
    }

    /// <summary>One answer: the bundle it names and, per comment it scored, the probabilities it gave.</summary>
    private sealed record Answer(string Version, int[] CommentIndices, double[][] Probabilities)
    {
        public static Answer Read(JsonElement body, bool batch, int index)
        {
            var version = body.GetProperty("bundle").GetProperty("version").GetString()!;
            var verdicts = batch ? body.GetProperty("verdicts").EnumerateArray().ToList() : [body];
            var indices = batch ? Enumerable.Range(0, verdicts.Count).ToArray() : [index];
            return new Answer(version, indices, verdicts.Select(v => Categories.All
                .Select(c => v.GetProperty("categories").GetProperty(c.Name()).GetProperty("probability").GetDouble()).ToArray()).ToArray());
        }

        /// <summary>True when every probability is the one the named bundle gives that comment (as the service rounds it).</summary>
        public bool Matches(double[][] expected) =>
            CommentIndices.Select((comment, i) => Categories.All.All(c => Math.Abs(Probabilities[i][(int)c] - Math.Round(expected[comment][(int)c], 4)) < 1e-9)).All(m => m);
    }

    private static double[][] ExpectedProbabilities(NetiquetteScorer scorer) =>
        Comments.Select(t => scorer.Score(t).Categories.Select(c => c.Probability).ToArray()).ToArray();

    private static async Task WaitForAsync(HttpClient client, string version, string what)
    {
        for (var start = DateTime.UtcNow; DateTime.UtcNow - start < TimeSpan.FromSeconds(30); await Task.Delay(50))
        {
            var ready = await client.GetFromJsonAsync<JsonElement>("/readyz");
            if (ready.GetProperty("bundle").GetProperty("version").GetString() == version) return;
        }
        Assert.Fail($"{what} ({version}) was not served within 30 s");
    }

    /// <summary>Lets the load run on until <paramref name="more"/> answers arrived in the current step (30 s at most).</summary>
    private static async Task WaitForAnswersAsync(ConcurrentBag<Answer> answers, int more)
    {
        var target = answers.Count + more;
        for (var start = DateTime.UtcNow; answers.Count < target; await Task.Delay(20))
        {
            if (DateTime.UtcNow - start > TimeSpan.FromSeconds(30)) Assert.Fail($"the load stalled: {answers.Count} answers, {target} expected");
        }
    }

    private static async Task WaitForRefusalAsync(HttpClient client)
    {
        for (var start = DateTime.UtcNow; DateTime.UtcNow - start < TimeSpan.FromSeconds(30); await Task.Delay(50))
        {
            var ready = await client.GetFromJsonAsync<JsonElement>("/readyz");
            if (ready.TryGetProperty("lastRefusal", out var reason))
            {
                Assert.Contains("SHA-256", reason.GetString());
                return;
            }
        }
        Assert.Fail("the broken bundle was not refused within 30 s");
    }

    private static string Version(string bundle) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(bundle, "manifest.json"))))[..12];

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    public void Dispose() => _dir.Dispose();
}
