using System.Diagnostics;
using System.Text;
using NetiquetteML.Tests.Commands;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Hostile;

/// <summary>A real Ctrl+C (SIGINT) sent to a training process in the middle of its work.</summary>
[Collection(CliCollection.Name)]
public class InterruptTests
{
    [Fact]
    public async Task Ctrl_c_during_training_exits_130_and_leaves_the_bundle_in_service_untouched()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        using var dir = new TempDirectory();
        var bundle = dir.File("bundle");
        TrainCommandTests.CopyDirectory(TrainedBundle.Shared.Directory, bundle);
        var before = TrainCommandTests.Hashes(bundle);

        var training = TrainingAssembly();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { training, "train", "--data", TrainedBundle.Shared.DataFile, "--output", bundle }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();

        // Wait until training has really started (the split is printed before cross-validation).
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null && !line.Contains("split:")) { }
        Assert.NotNull(line);
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
    private static string TrainingAssembly()
    {
        var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDir.Parent!.Name;
        var path = Path.Combine(Repo.Root, "Training", "bin", configuration, tfmDir.Name, "NetiquetteML.Training.dll");
        Assert.True(File.Exists(path), $"{path} not built");
        return path;
    }
}
