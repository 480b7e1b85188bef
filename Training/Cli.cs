using ConsoleAppFramework;
using NetiquetteML.Training.Commands;
using NetiquetteML.Training.Commands.Help;

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
        // Help is ours, in French and in plain words: the generated one shows C# types and literals.
        if (CommandHelp.For(args) is { } help)
        {
            Console.Out.WriteLine(help);
            return ExitCodes.Success;
        }
        if (CommandHelp.UnknownCommand(args) is { } unknown)
        {
            SafeConsole.Error("erreur : " + unknown);
            return ExitCodes.InvalidInput;
        }
        if (ArgumentCheck.Problems(args) is { Count: > 0 } problems)
        {
            foreach (var (french, _) in problems) SafeConsole.Error("erreur : " + french);
            foreach (var (_, english) in problems) SafeConsole.Error("error: " + english);
            return ExitCodes.InvalidInput;
        }
        // Anything the check above lets through and the framework still rejects keeps a French first line.
        ConsoleApp.LogError = message =>
        {
            SafeConsole.Error($"erreur : les arguments n'ont pas pu être lus (aide : {CommandHelp.ToolName} {args.FirstOrDefault()} --help).");
            SafeConsole.Error("error: " + message);
        };
        // Ctrl+C cancels the token; an ML.NET fit only notices between steps, so give it time to
        // stop cleanly (temporary folders removed, bundle in service untouched) before a forced exit.
        ConsoleApp.Timeout = TimeSpan.FromMinutes(2);
        var app = ConsoleApp.Create();
        app.Add<NetiquetteCommands>();
        app.Add<RetrainingCommands>();
        app.Add<ConfirmCommands>();
        app.Add<ReportCommands>();
        app.Add<BenchCommands>();
        app.Add<HistoryCommands>();
        await app.RunAsync(args, cancellationToken);
        return Environment.ExitCode;
    }
}
