using System.Diagnostics;
using System.Text;

namespace NetiquetteML.Tests.Reports;

/// <summary>Runs a program with a timeout, capturing its output; the whole process tree is killed on timeout.</summary>
public static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Out, string Error, bool TimedOut, TimeSpan Elapsed)
    {
        public string All => Out + Error;
    }

    public static Result Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null,
        Action<IDictionary<string, string?>>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        environment?.Invoke(info.Environment);

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        var (stdout, stderr) = (new StringBuilder(), new StringBuilder());
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExit(timeout);
        if (!exited)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        else
        {
            process.WaitForExit(); // flush the asynchronous readers
        }
        lock (stdout) lock (stderr)
        {
            return new Result(exited ? process.ExitCode : -1, stdout.ToString(), stderr.ToString(), !exited, stopwatch.Elapsed);
        }
    }

    /// <summary>The full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>Headless Chromium, when installed (scripts/install-chromium.sh installs the Debian package).</summary>
public static class Chromium
{
    public static string? Path { get; } = ExternalProcess.FindOnPath("chromium") ?? ExternalProcess.FindOnPath("chromium-browser");

    public const string MissingMessage = "SKIPPED: chromium not installed (not on PATH); run scripts/install-chromium.sh to run the report rendering test.";

    /// <summary>Runs Chromium headless on <paramref name="page"/> with a fresh profile in <paramref name="profile"/>.</summary>
    public static ExternalProcess.Result Run(string page, string profile, params string[] mode)
    {
        string[] args =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--hide-scrollbars", $"--user-data-dir={profile}",
            .. mode,
            new Uri(page).AbsoluteUri,
        ];
        return ExternalProcess.Run(Path ?? throw new InvalidOperationException(MissingMessage), args, TimeSpan.FromSeconds(60));
    }
}

/// <summary>A fact that is skipped, with a clear message, when Chromium is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null) Skip = Chromium.MissingMessage;
    }
}
