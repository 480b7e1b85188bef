using NetiquetteML.Scoring.Rules;

namespace NetiquetteML.Training.Commands;

/// <summary>
/// Everything the commands print goes through here, so that no message, table or error ever
/// shows a detected phone number, e-mail or other personal information in clear.
/// </summary>
public static class SafeConsole
{
    private static readonly PersonalInfoDetector Detector = new();

    public static string Redact(string text) => Detector.RedactAll(text);

    public static void Out(string text) => Console.Out.WriteLine(Redact(text));

    public static void Error(string text) => Console.Error.WriteLine(Redact(text));
}
