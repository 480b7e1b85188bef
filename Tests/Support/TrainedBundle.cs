using NetiquetteML.Scoring;
using NetiquetteML.Training.Bundles;
using NetiquetteML.Training.Data;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Tests.Support;

/// <summary>
/// One small bundle trained once per test run (both learners, few trees, a sample of the shipped
/// corpus) and shared by every test that needs a model, instead of retraining in each.
/// </summary>
public static class TrainedBundle
{
    private static readonly Lazy<Built> Instance = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The lexicon of Data/lexicons/, built once for every test that trains.</summary>
    public static readonly Lazy<NetiquetteML.Scoring.Text.Lexicon> SharedLexicon = new(() => LexiconFiles.Load(Repo.Lexicons));

    public sealed record Built(string Directory, string DataFile, NetiquetteScorer Scorer, IReadOnlyList<LabelledComment> Rows);

    public static Built Shared => Instance.Value;

    /// <summary>A stratified-enough sample: every 6th row of the corpus keeps all posts and all labels.</summary>
    public static IReadOnlyList<LabelledComment> SampleRows(int every = 6) =>
        LabelledCsvLoader.LoadOne(Repo.Corpus).Rows.Where((_, i) => i % every == 0).ToList();

    /// <summary>
    /// How the test bundles are trained: small, fast, and with targets a sixth of the corpus can
    /// promise with 95 % confidence (0.90 and 0.97 it cannot: the thresholds' rule); they stand in
    /// for real bundles, whose targets are reached, in workflow tests.
    /// </summary>
    public static TrainingOptions SmallBundleOptions() => new()
    {
        Folds = 3,
        LearnerSettings = new LearnerSettings { FastTreeTrees = 20 },
        FlagPrecisionTarget = 0.80,
        FlagPrecisionTargetOverrides = new Dictionary<Category, double>(),
        RemovePrecisionTarget = 0.90,
        Features = new FeatureOptions { Lexicon = SharedLexicon.Value },
    };

    private static Built Build()
    {
        var root = Path.Combine(Path.GetTempPath(), "netiquette-shared-bundle-" + Environment.ProcessId);
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Directory.CreateDirectory(root);
        DeleteAtExit(root);
        var dataFile = Path.Combine(root, "sample.csv");
        SampleCsv.Write(dataFile, SampleRows());
        var loaded = LabelledCsvLoader.LoadAll([dataFile]);
        var trained = new ModelTrainer(SmallBundleOptions(), _ => { }).Train(loaded[0].Rows);
        var bundle = Path.Combine(root, "bundle");
        BundleWriter.Write(trained, loaded, bundle, "test");
        return new Built(bundle, dataFile, NetiquetteScorer.Load(bundle), loaded[0].Rows);
    }

    /// <summary>Removes a folder shared by the whole test run when the test process exits.</summary>
    public static void DeleteAtExit(string directory) =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
}

/// <summary>Writes labelled rows back to a contract CSV (for tests that need a file).</summary>
public static class SampleCsv
{
    public static void Write(string path, IEnumerable<LabelledComment> rows)
    {
        var list = rows.ToList();
        // The optional complaint column is written when the rows carry it (the corpus does).
        var withComplaint = list.Any(r => r.Complaint.HasValue);
        using var writer = CsvHelper.CsvWriter.ToFile(path, new CsvHelper.CsvWriterOptions { NewLine = "\n" });
        foreach (var h in LabelledCsvLoader.RequiredColumns) writer.WriteField(h);
        if (withComplaint) writer.WriteField("complaint");
        writer.EndRecord();
        foreach (var r in list)
        {
            writer.WriteField(r.Id);
            writer.WriteField(r.Post);
            writer.WriteField(r.Text);
            writer.WriteField(r.Offensive ? "1" : "0");
            writer.WriteField(r.OffTopic ? "1" : "0");
            writer.WriteField(r.Political ? "1" : "0");
            writer.WriteField(r.Commercial ? "1" : "0");
            if (withComplaint) writer.WriteField(r.Complaint == true ? "1" : "0");
            writer.EndRecord();
        }
    }
}
