using System.Globalization;

namespace NetiquetteML.Training.Commands.Help;

/// <summary>
/// Checks a command's arguments before ConsoleAppFramework parses them, so that a typo, a missing
/// value or a missing required option gets a French message naming the fix, instead of the
/// framework's English one or, for a missing required option, its generated help with C# syntax.
/// </summary>
public static class ArgumentCheck
{
    /// <summary>The problems of <paramref name="args"/> (a known command and its options), in French then English; empty when none.</summary>
    public static IReadOnlyList<(string French, string English)> Problems(string[] args)
    {
        var problems = new List<(string, string)>();
        if (args.Length == 0) return problems;
        var command = CommandHelp.Commands.FirstOrDefault(c => c.Command == args[0]);
        if (command.Command is null) return problems;
        var options = command.Options.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!options.TryGetValue(arg, out var option))
            {
                problems.Add(arg.StartsWith('-')
                    ? ($"option « {arg} » inconnue pour {command.Command} ; options permises : {string.Join(", ", options.Keys)}.",
                       $"unknown option '{arg}' for {command.Command}.")
                    : ($"« {arg} » n'est la valeur d'aucune option (une option oubliée devant, ou un texte à mettre entre guillemets ?).",
                       $"'{arg}' is not the value of any option."));
                continue;
            }
            given.Add(arg);
            if (option.IsFlag) continue;
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problems.Add(($"{arg} demande une valeur ({CommandHelp.Placeholder(option)}).", $"{arg} needs a value."));
                continue;
            }
            var value = args[++i];
            if (!Parses(option.Type, value))
                problems.Add(($"{arg} attend un nombre, pas « {value} ».", $"{arg} expects a number, not '{value}'."));
        }
        var missing = command.Options.Where(o => o.Required && !given.Contains(o.Name)).Select(o => o.Name).ToList();
        if (missing.Count > 0)
            problems.Add(($"{command.Command} demande {string.Join(" et ", missing)} (aide : {CommandHelp.ToolName} {command.Command} --help).",
                          $"{command.Command} requires {string.Join(", ", missing)}."));
        return problems;
    }

    private static bool Parses(Type type, string value)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(int)) return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        if (t == typeof(long)) return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        if (t == typeof(double)) return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        return true;
    }
}
