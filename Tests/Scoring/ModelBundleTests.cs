using System.Text.Json.Nodes;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Scoring.Features;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Scoring;

public class ModelBundleTests
{
    private static TempDirectory CopyOfSharedBundle(out string bundle)
    {
        var dir = new TempDirectory();
        bundle = Path.Combine(dir.Path, "bundle");
        Directory.CreateDirectory(bundle);
        foreach (var file in Directory.GetFiles(TrainedBundle.Shared.Directory))
            File.Copy(file, Path.Combine(bundle, Path.GetFileName(file)));
        return dir;
    }

    [Fact]
    public void Tampered_model_file_is_refused_naming_the_file()
    {
        using var dir = CopyOfSharedBundle(out var bundle);
        var model = Path.Combine(bundle, "model.zip");
        var bytes = File.ReadAllBytes(model);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(model, bytes);
        var e = Assert.Throws<BundleException>(() => NetiquetteScorer.Load(bundle));
        Assert.Contains("model.zip", e.Message);
        Assert.Contains("SHA-256", e.Message);
    }

    [Fact]
    public void Truncated_model_file_is_refused()
    {
        using var dir = CopyOfSharedBundle(out var bundle);
        var model = Path.Combine(bundle, "model.zip");
        var bytes = File.ReadAllBytes(model);
        File.WriteAllBytes(model, bytes[..(bytes.Length / 3)]);
        Assert.Throws<BundleException>(() => NetiquetteScorer.Load(bundle));
    }

    [Fact]
    public void Newer_schema_version_is_refused()
    {
        using var dir = CopyOfSharedBundle(out var bundle);
        Edit(bundle, m => m["schemaVersion"] = BundleManifest.CurrentSchemaVersion + 1);
        Assert.Contains("newer", Assert.Throws<BundleException>(() => NetiquetteScorer.Load(bundle)).Message);
    }

    [Fact]
    public void Older_schema_version_is_refused_asking_for_a_retrain()
    {
        using var dir = CopyOfSharedBundle(out var bundle);
        Edit(bundle, m => m["schemaVersion"] = 1);
        var e = Assert.Throws<BundleException>(() => NetiquetteScorer.Load(bundle));
        Assert.Contains("schema version 1", e.Message);
        Assert.Contains("Retrain", e.Message);
    }

    [Fact]
    public void Tampered_feature_file_is_refused_naming_the_file()
    {
        using var dir = CopyOfSharedBundle(out var bundle);
        var features = Path.Combine(bundle, FeatureSpace.FileName);
        File.WriteAllText(features, File.ReadAllText(features).Replace("\"wordHashes\":[", "\"wordHashes\":[12345,"));
        var e = Assert.Throws<BundleException>(() => NetiquetteScorer.Load(bundle));
        Assert.Contains(FeatureSpace.FileName, e.Message);
        Assert.Contains("SHA-256", e.Message);
    }

    [Fact]
    public void Feature_file_of_another_training_is_refused_even_with_a_matching_hash()
    {
        using var dir = CopyOfSharedBundle(out var bundle);
        var features = Path.Combine(bundle, FeatureSpace.FileName);
        File.WriteAllText(features, File.ReadAllText(features).Replace("\"wordHashes\":[", "\"wordHashes\":[12345,"));
        Edit(bundle, m =>
        {
            foreach (var file in m["files"]!.AsArray())
            {
                if ((string?)file!["name"] == FeatureSpace.FileName) file["sha256"] = ModelBundle.Sha256OfFile(features);
            }
        });
        var e = Assert.Throws<BundleException>(() => NetiquetteScorer.Load(bundle));
        Assert.Contains("do not belong together", e.Message);
    }

    [Fact]
    public void Bundle_without_its_feature_file_is_refused()
    {
        using var dir = CopyOfSharedBundle(out var bundle);
        File.Delete(Path.Combine(bundle, FeatureSpace.FileName));
        Assert.Contains("missing", Assert.Throws<BundleException>(() => NetiquetteScorer.Load(bundle)).Message);
    }

    [Fact]
    public void Wrong_label_set_is_refused()
    {
        using var dir = CopyOfSharedBundle(out var bundle);
        Edit(bundle, m => m["labels"] = new JsonArray("offensive", "spam"));
        Assert.Contains("label set", Assert.Throws<BundleException>(() => NetiquetteScorer.Load(bundle)).Message);
    }

    [Fact]
    public void Missing_bundle_and_missing_manifest_are_refused_clearly()
    {
        using var dir = new TempDirectory();
        Assert.Contains("does not exist", Assert.Throws<BundleException>(() => NetiquetteScorer.Load(Path.Combine(dir.Path, "nope"))).Message);
        Assert.Contains("manifest.json is missing", Assert.Throws<BundleException>(() => NetiquetteScorer.Load(dir.Path)).Message);
    }

    [Fact]
    public void Corrupt_manifest_is_refused()
    {
        using var dir = CopyOfSharedBundle(out var bundle);
        File.WriteAllText(Path.Combine(bundle, "manifest.json"), "{ not json");
        Assert.Contains("not valid JSON", Assert.Throws<BundleException>(() => NetiquetteScorer.Load(bundle)).Message);
    }

    [Fact]
    public void Manifest_records_what_was_trained_on_and_how()
    {
        var manifest = TrainedBundle.Shared.Scorer.Bundle.Manifest;
        Assert.Equal(Categories.All.Select(c => c.Name()), manifest.Labels);
        Assert.Single(manifest.TrainingData.Files);
        Assert.Equal(64, manifest.TrainingData.Sha256.Length);
        Assert.All(Categories.All, c =>
        {
            var entry = manifest.For(c);
            Assert.Equal(2, entry.CrossValidatedAveragePrecision.Count);
            Assert.NotNull(entry.Test);
            Assert.InRange(entry.Thresholds.Flag, 0, 1.01);
        });
        Assert.True(manifest.Split.TestIds.Count > 0);
        var features = TrainedBundle.Shared.Scorer.Bundle.Features;
        Assert.Equal(features.WordFeatures, manifest.Features.WordNgrams);
        Assert.Equal(features.CharFeatures, manifest.Features.CharNgrams);
        Assert.True(features.WordFeatures > 0 && features.CharFeatures > 0);
    }

    [Fact]
    public void Off_topic_flags_at_its_best_f1_and_the_other_categories_for_precision()
    {
        var manifest = TrainedBundle.Shared.Scorer.Bundle.Manifest;
        Assert.All(Categories.All, c => Assert.Equal(c == Category.OffTopic ? FlagObjective.BestF1 : FlagObjective.Precision, manifest.For(c).Thresholds.FlagObjective));
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(TrainedBundle.Shared.Directory, "manifest.json")))!;
        Assert.Equal("BestF1", (string?)json["categories"]!["off_topic"]!["thresholds"]!["flagObjective"]);
    }

    [Fact]
    public void A_manifest_written_before_the_flag_objective_reads_as_a_precision_flag()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(TrainedBundle.Shared.Directory, "manifest.json")))!;
        json["categories"]!["off_topic"]!["thresholds"]!.AsObject().Remove("flagObjective");
        Assert.Equal(FlagObjective.Precision, BundleManifest.FromJson(json.ToJsonString()).For(Category.OffTopic).Thresholds.FlagObjective);
    }

    private static void Edit(string bundle, Action<JsonObject> change)
    {
        var path = Path.Combine(bundle, "manifest.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(node);
        File.WriteAllText(path, node.ToJsonString());
    }
}
