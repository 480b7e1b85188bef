using System.Security.Cryptography;
using System.Text;
using NetiquetteML.Scoring.Bundles;

namespace NetiquetteML.Training.Data;

/// <summary>The training-data fingerprint recorded in a bundle and compared with Data/ by the tests.</summary>
public static class DataHash
{
    public static TrainingDataInfo Describe(IReadOnlyList<LabelledCsvLoader.LoadedFile> files)
    {
        var entries = files
            .Select(f => new DataFileInfo { Name = Path.GetFileName(f.Path), Rows = f.Rows.Count, Sha256 = f.Sha256 })
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        return new TrainingDataInfo { Files = entries, Sha256 = Combine(entries) };
    }

    public static string Combine(IEnumerable<DataFileInfo> files)
    {
        var text = string.Join("\n", files.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => $"{f.Name}:{f.Sha256}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Every CSV of a data folder, in a stable order (the default input of train).</summary>
    public static IReadOnlyList<string> DefaultFiles(string dataDirectory) =>
        Directory.Exists(dataDirectory)
            ? Directory.GetFiles(dataDirectory, "*.csv").Order(StringComparer.Ordinal).ToList()
            : [];
}
