using ConsoleAppFramework;
using NetiquetteML.Training.Commands;

namespace NetiquetteML.Training;

/// <summary>
/// Builds the command-line app. Tests call <see cref="RunAsync"/> directly (ConsoleAppFramework
/// cannot register commands from another assembly), in a non-parallel collection because the
/// exit code is process-wide.
/// </summary>
public static class Cli
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        Environment.ExitCode = 0;
        var app = ConsoleApp.Create();
        app.Add<NetiquetteCommands>();
        app.Add<RetrainingCommands>();
        await app.RunAsync(args, cancellationToken);
        return Environment.ExitCode;
    }
}
