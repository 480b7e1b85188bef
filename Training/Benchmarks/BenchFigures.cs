using System.Text.Json;

namespace NetiquetteML.Training.Benchmarks;

/// <summary>The figures of one bench run, in insertion order, written as one flat JSON object.</summary>
public sealed class BenchFigures
{
    private readonly List<(string Key, object Value)> _values = [];

    public IReadOnlyList<(string Key, object Value)> Values => _values;

    public void Set(string key, double value) => Put(key, Math.Round(value, 3));

    public void Set(string key, long value) => Put(key, value);

    public void Set(string key, bool value) => Put(key, value);

    public void Set(string key, string value) => Put(key, value);

    /// <summary>Median, p99, throughput and allocations of a latency result under <paramref name="prefix"/>.</summary>
    public void Set(string prefix, LatencyResult result)
    {
        Set(prefix + "_us_median", result.MedianUs);
        Set(prefix + "_us_p99", result.P99Us);
        Set(prefix + "_us_mean", result.MeanUs);
        Set(prefix + "_comments_per_second", result.PerSecond);
        Set(prefix + "_alloc_bytes_per_comment", result.AllocatedBytesPerCall);
    }

    public object? Get(string key) => _values.FirstOrDefault(v => v.Key == key).Value;

    private void Put(string key, object value)
    {
        var index = _values.FindIndex(v => v.Key == key);
        if (index >= 0) _values[index] = (key, value);
        else _values.Add((key, value));
    }

    public void WriteJson(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        var temp = full + $".tmp-{Guid.NewGuid():N}";
        try
        {
            using (var stream = File.Create(temp))
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                foreach (var (key, value) in _values)
                {
                    switch (value)
                    {
                        case double d: writer.WriteNumber(key, double.IsFinite(d) ? d : 0); break;
                        case long l: writer.WriteNumber(key, l); break;
                        case bool b: writer.WriteBoolean(key, b); break;
                        default: writer.WriteString(key, value.ToString()); break;
                    }
                }
                writer.WriteEndObject();
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
