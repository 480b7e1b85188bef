using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Training.Commands;

/// <summary>Turns every failure into a clear, redacted message and an exit code: never a stack trace for a user error.</summary>
public static class CommandGuard
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (HelpShownException e)
        {
            Console.Out.WriteLine(e.Message);
            return ExitCodes.Success;
        }
        catch (DataValidationException e)
        {
            SafeConsole.Error("error: " + e.Message);
            return ExitCodes.InvalidInput;
        }
        catch (InputException e)
        {
            SafeConsole.Error("error: " + e.Message);
            return ExitCodes.InvalidInput;
        }
        catch (BundleException e)
        {
            SafeConsole.Error("error: invalid model bundle: " + e.Message);
            return ExitCodes.InvalidBundle;
        }
        catch (OperationCanceledException)
        {
            SafeConsole.Error("cancelled: nothing was replaced; the bundle in service is unchanged.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            SafeConsole.Error($"error: {e.Message}");
            if (Environment.GetEnvironmentVariable("NETIQUETTE_DEBUG") == "1") SafeConsole.Error(e.ToString());
            return ExitCodes.InvalidInput;
        }
    }
}

/// <summary>Help was asked for (--help): its text is printed and the run ends successfully.</summary>
public sealed class HelpShownException(string help) : Exception(help);

/// <summary>A user error in a command's input that is not a labelled-file problem (e.g. a score input file).</summary>
public sealed class InputException(string message) : Exception(message);
