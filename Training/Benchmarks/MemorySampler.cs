using System.Diagnostics;

namespace NetiquetteML.Training.Benchmarks;

/// <summary>
/// Samples the process working set (<see cref="Environment.WorkingSet"/>) on a background thread
/// while a measured step runs. <see cref="Process.PeakWorkingSet64"/> is the peak of the whole
/// process life (model loading, earlier steps), so it cannot tell one step from another; sampling
/// can, and can also tell whether memory keeps growing with the input (see <see cref="PeakBetween"/>).
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private readonly List<(double Progress, long Bytes)> _samples = [];
    private readonly Func<double> _progress;
    private readonly Thread _thread;
    private readonly TimeSpan _interval;
    private volatile bool _stop;

    /// <param name="progress">Where the step is, from 0 to 1, recorded with each sample.</param>
    public MemorySampler(Func<double>? progress = null, TimeSpan? interval = null)
    {
        _progress = progress ?? (() => 0);
        _interval = interval ?? TimeSpan.FromMilliseconds(25);
        Sample();
        _thread = new Thread(Run) { IsBackground = true, Name = "bench memory sampler", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    public long PeakBytes
    {
        get { lock (_samples) return _samples.Max(s => s.Bytes); }
    }

    public long FirstBytes
    {
        get { lock (_samples) return _samples[0].Bytes; }
    }

    /// <summary>Peak of the samples taken while progress was in [from, to); 0 when none.</summary>
    public long PeakBetween(double from, double to)
    {
        lock (_samples)
        {
            var inRange = _samples.Where(s => s.Progress >= from && s.Progress < to).ToList();
            return inRange.Count == 0 ? 0 : inRange.Max(s => s.Bytes);
        }
    }

    public int SampleCount
    {
        get { lock (_samples) return _samples.Count; }
    }

    private void Run()
    {
        while (!_stop)
        {
            Thread.Sleep(_interval);
            Sample();
        }
    }

    private void Sample()
    {
        var bytes = Environment.WorkingSet;
        var progress = _progress();
        lock (_samples) _samples.Add((progress, bytes));
    }

    public void Dispose()
    {
        if (_stop) return;
        _stop = true;
        _thread.Join();
        Sample();
    }

    public static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
