using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using NetiquetteML.Scoring.Features;

namespace NetiquetteML.Scoring.Bundles;

/// <summary>
/// A verified bundle: the manifest was read, its schema and labels are ones this code knows,
/// and every file's SHA-256 matches the manifest before ML.NET is allowed to open it.
/// </summary>
public sealed class ModelBundle
{
    private ModelBundle(string directory, BundleManifest manifest, ITransformer model, FeatureSpace features)
    {
        Directory = directory;
        Manifest = manifest;
        Model = model;
        Features = features;
    }

    public string Directory { get; }
    public BundleManifest Manifest { get; }
    public ITransformer Model { get; }
    /// <summary>How a comment becomes the vector the models read (features.json).</summary>
    public FeatureSpace Features { get; }

    public static ModelBundle Load(string directory, MLContext mlContext)
    {
        var manifest = ReadVerifiedManifest(directory);
        var featurePath = Path.Combine(directory, manifest.FeatureFile);
        FeatureSpace features;
        try
        {
            features = FeatureSpace.FromJson(File.ReadAllText(featurePath));
        }
        catch (FormatException e)
        {
            throw new BundleException($"The feature file '{featurePath}' matches its hash but cannot be used: {e.Message}. Retrain the bundle.", e);
        }

        var modelPath = Path.Combine(directory, manifest.ModelFile);
        ITransformer model;
        DataViewSchema schema;
        try
        {
            model = mlContext.Model.Load(modelPath, out schema);
        }
        catch (Exception e) when (e is not BundleException)
        {
            throw new BundleException($"The model file '{modelPath}' matches its hash but ML.NET cannot read it ({e.GetType().Name}: {e.Message}).", e);
        }
        var size = schema.GetColumnOrNull(Models.FeatureRow.FeatureColumn)?.Type is VectorDataViewType vector ? vector.Size : -1;
        if (size != features.Count)
            throw new BundleException($"The model in '{modelPath}' reads {size} features but '{featurePath}' describes {features.Count}: the files do not belong together.");
        return new ModelBundle(Path.GetFullPath(directory), manifest, model, features);
    }

    /// <summary>Reads manifest.json and checks schema, labels, normaliser and every file hash.</summary>
    public static BundleManifest ReadVerifiedManifest(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new BundleException($"No model bundle at '{directory}': the folder does not exist. Train one with `train`, or pass --model.");
        var manifestPath = Path.Combine(directory, BundleManifest.FileName);
        if (!File.Exists(manifestPath))
            throw new BundleException($"'{directory}' is not a model bundle: {BundleManifest.FileName} is missing.");

        BundleManifest manifest;
        try
        {
            manifest = BundleManifest.FromJson(File.ReadAllText(manifestPath));
        }
        catch (JsonException e)
        {
            throw new BundleException($"{manifestPath} is not valid JSON ({e.Message}).", e);
        }

        if (manifest.SchemaVersion > BundleManifest.CurrentSchemaVersion)
            throw new BundleException($"{manifestPath} has schema version {manifest.SchemaVersion}, newer than this scorer reads ({BundleManifest.CurrentSchemaVersion}). Update NetiquetteML.");
        if (manifest.SchemaVersion < 1)
            throw new BundleException($"{manifestPath} has an invalid schema version ({manifest.SchemaVersion}).");
        if (manifest.SchemaVersion < BundleManifest.CurrentSchemaVersion)
            throw new BundleException($"{manifestPath} has schema version {manifest.SchemaVersion}, written by an earlier NetiquetteML whose models read ML.NET's text features; this scorer reads version {BundleManifest.CurrentSchemaVersion}. Retrain the bundle with `train`.");
        if (manifest.NormalizerVersion != Text.TextNormalizer.Version)
            throw new BundleException($"{manifestPath} was trained with text normaliser version {manifest.NormalizerVersion}; this scorer has version {Text.TextNormalizer.Version}. Retrain the bundle.");

        var expected = Scoring.Categories.All.Select(c => c.Name()).ToList();
        if (!manifest.Labels.SequenceEqual(expected))
            throw new BundleException($"{manifestPath} has the label set [{string.Join(", ", manifest.Labels)}]; expected [{string.Join(", ", expected)}].");
        foreach (var label in expected)
        {
            if (!manifest.Categories.ContainsKey(label))
                throw new BundleException($"{manifestPath} has no thresholds or calibration for '{label}'.");
        }

        foreach (var required in new[] { manifest.ModelFile, manifest.FeatureFile })
        {
            if (!manifest.Files.Any(f => f.Name == required))
                throw new BundleException($"{manifestPath} lists no hash for the bundle file '{required}'.");
        }
        foreach (var file in manifest.Files)
        {
            if (file.Name.Contains("..") || Path.IsPathRooted(file.Name))
                throw new BundleException($"{manifestPath} names a file outside the bundle: '{file.Name}'.");
            var path = Path.Combine(directory, file.Name);
            if (!File.Exists(path))
                throw new BundleException($"The bundle file '{path}' listed in the manifest is missing.");
            var actual = Sha256OfFile(path);
            if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new BundleException($"The bundle file '{path}' has SHA-256 {actual}, but the manifest says {file.Sha256}: it was changed or corrupted after training. Refusing to load it.");
        }
        return manifest;
    }

    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
