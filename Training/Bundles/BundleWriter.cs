using Microsoft.ML;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Scoring.Text;
using NetiquetteML.Training.Data;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Training.Bundles;

/// <summary>
/// Writes a bundle into a temporary folder next to its destination, verifies it by loading it
/// with the public scorer and evaluating the held-out rows, and only then moves it into place.
/// A failure or cancellation at any step leaves the previous bundle untouched and no
/// temporary folder behind.
/// </summary>
public static class BundleWriter
{
    public static string ToolVersion => typeof(BundleWriter).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>
    /// Writes, verifies and swaps in the bundle; a bundle already at <paramref name="destination"/> is
    /// first archived under Models/archive/ (<see cref="BundleArchive.Archive"/>), so training over the
    /// bundle in service can be undone with <c>rollback</c>. <see cref="Written.Archived"/> names the archive.
    /// </summary>
    public static (BundleManifest Manifest, Dictionary<string, CategoryMetrics> TestMetrics) Write(
        TrainedModel trained, IReadOnlyList<LabelledCsvLoader.LoadedFile> data, string destination, string name,
        CancellationToken cancellationToken = default, bool preferLatest = false)
    {
        var written = WriteArchiving(trained, data, destination, name, cancellationToken, preferLatest);
        return (written.Manifest, written.TestMetrics);
    }

    public sealed record Written(BundleManifest Manifest, Dictionary<string, CategoryMetrics> TestMetrics, string? Archived);

    public static Written WriteArchiving(
        TrainedModel trained, IReadOnlyList<LabelledCsvLoader.LoadedFile> data, string destination, string name,
        CancellationToken cancellationToken = default, bool preferLatest = false)
    {
        var full = Path.GetFullPath(destination);
        var parent = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(parent);
        BundleStore.Recover(full);
        var temp = Path.Combine(parent, $".tmp-{Path.GetFileName(full)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var ml = new MLContext(seed: 1);
            var manifest = new BundleManifest
            {
                Name = name,
                CreatedUtc = DateTimeOffset.UtcNow,
                ToolVersion = ToolVersion,
                NormalizerVersion = TextNormalizer.Version,
                Labels = Categories.All.Select(c => c.Name()).ToList(),
                TrainingData = DataHash.Describe(data),
                Split = trained.Split,
                Categories = trained.Categories,
            };
            manifest.TrainingData.PreferLatest = preferLatest;
            var modelPath = Path.Combine(temp, manifest.ModelFile);
            ml.Model.Save(trained.Model, trained.InputSchema, modelPath);
            var featurePath = Path.Combine(temp, manifest.FeatureFile);
            File.WriteAllText(featurePath, trained.Features.ToJson());
            manifest.Features = new FeatureInfo
            {
                WordNgrams = trained.Features.WordFeatures,
                CharNgrams = trained.Features.CharFeatures,
                Signals = CommentFeaturizer.SignalCount,
                MinimumDocuments = trained.Features.MinimumDocuments,
            };
            manifest.Files = [Describe(modelPath), Describe(featurePath)];
            File.WriteAllText(Path.Combine(temp, BundleManifest.FileName), manifest.ToJson());
            cancellationToken.ThrowIfCancellationRequested();

            // Verify through the same door the apps use, and record what it measures on held-out rows.
            var scorer = NetiquetteScorer.Load(temp);
            var metrics = BundleEvaluator.Metrics(BundleEvaluator.Score(scorer, trained.TestRows));
            foreach (var (category, m) in metrics) manifest.Categories[category].Test = m;
            File.WriteAllText(Path.Combine(temp, BundleManifest.FileName), manifest.ToJson());
            ModelBundle.ReadVerifiedManifest(temp);
            cancellationToken.ThrowIfCancellationRequested();

            var archived = BundleArchive.Archive(full);
            BundleStore.Replace(temp, full);
            return new Written(manifest, metrics, archived);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    private static BundleFile Describe(string path) =>
        new() { Name = Path.GetFileName(path), Sha256 = ModelBundle.Sha256OfFile(path), Bytes = new FileInfo(path).Length };
}
