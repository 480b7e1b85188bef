using System.Diagnostics;
using System.Text;
using NetiquetteML.Tests.Commands;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Hostile;

/// <summary>A real Ctrl+C (SIGINT) sent to a training process in the middle of its work.</summary>
[Collection(CliCollection.Name)]
public class InterruptTests
{
    // A shell that starts jobs in the background (or nohup) makes them ignore SIGINT, and a child
    // inherits that: .NET then never sees Ctrl+C. The child is started through python3, which puts
    // SIGINT back to its default before running dotnet; the test checks it took.
    private const string ResetSigint =
        "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])";

    [SigintFact]
    public async Task Ctrl_c_during_training_exits_130_and_leaves_the_bundle_in_service_untouched()
    {
        using var dir = new TempDirectory();
        var bundle = dir.File("bundle");
        TrainCommandTests.CopyDirectory(TrainedBundle.Shared.Directory, bundle);
        var before = TrainCommandTests.Hashes(bundle);

        var training = TrainingAssembly();
        var info = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { "-c", ResetSigint, "dotnet", training, "train", "--data", TrainedBundle.Shared.DataFile, "--output", bundle })
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();

        // Wait until training has really started (the split is printed before cross-validation).
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null && !line.Contains("partage :")) { }
        Assert.NotNull(line);
        if (OperatingSystem.IsLinux()) Assert.False(SigintFactAttribute.IgnoresSigint($"/proc/{process.Id}/status"), "the child still ignores SIGINT");
        Assert.Equal(0, Kill(process.Id, "INT"));
        var rest = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var (stderr, stdout) = (await error, await rest);

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("cancelled", stderr + stdout);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal(before, TrainCommandTests.Hashes(bundle));
        Assert.Empty(Directory.GetDirectories(dir.Path, ".tmp-*"));
    }

    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString()]) { UseShellExecute = false })!;
        kill.WaitForExit();
        return kill.ExitCode;
    }

    /// <summary>The Training build of the same configuration as these tests (…/bin/&lt;Configuration&gt;/net10.0/).</summary>
    internal static string TrainingAssembly()
    {
        var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDir.Parent!.Name;
        var path = Path.Combine(Repo.Root, "Training", "bin", configuration, tfmDir.Name, "NetiquetteML.Training.dll");
        Assert.True(File.Exists(path), $"{path} not built");
        return path;
    }
}

/// <summary>Runs where a real SIGINT can be sent to a child that does not ignore it; otherwise reports a skip saying why, never a pass.</summary>
public sealed class SigintFactAttribute : FactAttribute
{
    public SigintFactAttribute()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            Skip = "Ctrl+C is sent as a POSIX SIGINT; this system has none, so the interruption test cannot run here.";
        else if (NetiquetteML.Tests.Reports.ExternalProcess.FindOnPath("python3") is null)
            Skip = "python3 is needed to start the child with SIGINT at its default (it may be inherited as ignored); install python3 to run this test.";
    }

    /// <summary>True when the process whose /proc status file is given ignores SIGINT (bit 2 of SigIgn).</summary>
    public static bool IgnoresSigint(string statusFile)
    {
        var line = File.ReadLines(statusFile).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << 1)) != 0;
    }
}
