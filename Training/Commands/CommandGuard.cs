using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Training.Commands;

/// <summary>
/// Turns every failure into a clear, redacted message and an exit code: never a stack trace for a
/// user error. The first line says in French what happened and what to do; the English details
/// that follow (file:line:column and the problem) are kept for logs and for developers.
/// </summary>
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
            SafeConsole.Error(e.French);
            SafeConsole.Error("error: " + e.Message);
            return ExitCodes.InvalidInput;
        }
        catch (InputException e)
        {
            SafeConsole.Error("erreur : " + e.French + " (aide : --help)");
            SafeConsole.Error("error: " + e.Message);
            return ExitCodes.InvalidInput;
        }
        catch (BundleException e)
        {
            SafeConsole.Error("erreur : le modèle (bundle) est absent, abîmé ou d'une autre version ; réentraînez-le (train) ou restaurez-le (rollback).");
            SafeConsole.Error("error: invalid model bundle: " + e.Message);
            return ExitCodes.InvalidBundle;
        }
        catch (OperationCanceledException)
        {
            SafeConsole.Error("annulé : rien n'a été remplacé ; le modèle en service est inchangé.");
            SafeConsole.Error("cancelled: nothing was replaced; the bundle in service is unchanged.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            SafeConsole.Error("erreur : l'opération n'a pas pu se faire (fichier, dossier ou réglage) ; le détail suit.");
            SafeConsole.Error($"error: {e.Message}");
            if (Environment.GetEnvironmentVariable("NETIQUETTE_DEBUG") == "1") SafeConsole.Error(e.ToString());
            return ExitCodes.InvalidInput;
        }
    }
}

/// <summary>Help was asked for (--help): its text is printed and the run ends successfully.</summary>
public sealed class HelpShownException(string help) : Exception(help);

/// <summary>
/// A user error in a command's input that is not a labelled-file problem (e.g. a bad option). The
/// staff read <see cref="French"/>; <see cref="Exception.Message"/> keeps the English for logs.
/// </summary>
public sealed class InputException(string french, string english) : Exception(english)
{
    public string French { get; } = french;
}
