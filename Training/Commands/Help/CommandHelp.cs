using System.Globalization;
using System.Reflection;
using System.Text;

namespace NetiquetteML.Training.Commands.Help;

/// <summary>
/// The help a town employee reads: in French, in plain words, with the real defaults, examples and
/// exit codes. The options and their defaults are read from the command methods themselves, so
/// the help cannot drift from what the commands accept; only the words come from <see cref="HelpTexts"/>.
/// </summary>
public static class CommandHelp
{
    public const string ToolName = "netiquette";

    private static readonly Type[] CommandClasses =
        [typeof(NetiquetteCommands), typeof(RetrainingCommands), typeof(ConfirmCommands), typeof(ReportCommands), typeof(BenchCommands), typeof(HistoryCommands)];

    /// <summary>One option as a user types it.</summary>
    public sealed record Option(string Name, Type Type, bool Required, object? Default)
    {
        public bool IsFlag => Type == typeof(bool);
    }

    /// <summary>Every command with its options, in the order the help lists them.</summary>
    public static IReadOnlyList<(string Command, IReadOnlyList<Option> Options)> Commands { get; } = CommandClasses
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Where(m => m.ReturnType == typeof(int))
        .Select(m => (Kebab(m.Name), (IReadOnlyList<Option>)m.GetParameters()
            .Where(p => p.ParameterType != typeof(CancellationToken))
            .Select(p => new Option("--" + Kebab(p.Name!), p.ParameterType, !p.HasDefaultValue, p.HasDefaultValue ? p.DefaultValue : null))
            .ToList()))
        .OrderBy(c => Array.IndexOf(HelpTexts.Order, c.Item1))
        .ToList();

    /// <summary>The help asked for by <paramref name="args"/>, or null when the arguments are a command to run.</summary>
    public static string? For(string[] args)
    {
        if (args.Length == 0 || IsHelp(args[0]) || args[0] == "help")
            return args.Length > 1 && args[0] == "help" ? Command(args[1]) ?? Overview() : Overview();
        if (args.Skip(1).Any(IsHelp)) return Command(args[0]);
        return null;
    }

    /// <summary>The message for a command that does not exist, with the ones that do.</summary>
    public static string? UnknownCommand(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || Commands.Any(c => c.Command == args[0])) return null;
        return $"commande inconnue « {args[0]} ». Commandes : {string.Join(", ", Commands.Select(c => c.Command))}. " +
               $"Aide : {ToolName} --help / unknown command '{args[0]}'.";
    }

    private static bool IsHelp(string arg) => arg is "-h" or "--help" or "-?" or "/?";

    public static string Overview()
    {
        var sb = new StringBuilder();
        sb.AppendLine("NetiquetteML — modération des commentaires de la page Facebook de la Ville de Senneterre, selon sa nétiquette.");
        sb.AppendLine();
        sb.AppendLine($"Utilisation : {ToolName} <commande> [options]");
        sb.AppendLine($"   (ou, depuis le dépôt : dotnet run --project Training -c Release -- <commande> [options])");
        sb.AppendLine();
        sb.AppendLine("Commandes :");
        foreach (var (command, _) in Commands)
            sb.AppendLine($"  {command,-10} {HelpTexts.Summary(command)}");
        sb.AppendLine();
        sb.AppendLine($"Aide d'une commande : {ToolName} <commande> --help   (exemple : {ToolName} score --help)");
        sb.AppendLine();
        AppendExitCodes(sb);
        return sb.ToString().TrimEnd();
    }

    public static string? Command(string name)
    {
        var found = Commands.FirstOrDefault(c => c.Command == name);
        if (found.Command is null) return null;
        var sb = new StringBuilder();
        sb.AppendLine($"{ToolName} {name} — {HelpTexts.Summary(name)}");
        sb.AppendLine();
        sb.AppendLine($"Utilisation : {ToolName} {name} {string.Join(' ', found.Options.Where(o => o.Required).Select(o => $"{o.Name} {Placeholder(o)}"))}{(found.Options.Any(o => !o.Required) ? " [options]" : "")}".Replace("  ", " "));
        sb.AppendLine();
        sb.AppendLine("Options :");
        foreach (var option in found.Options)
        {
            var left = option.IsFlag ? option.Name : $"{option.Name} {Placeholder(option)}";
            sb.AppendLine($"  {left,-34} {HelpTexts.Option(name, option.Name)}");
            var shownDefault = option.Required ? "obligatoire" : DefaultText(option);
            if (shownDefault is not null) sb.AppendLine($"  {"",-34} ({shownDefault})");
        }
        var examples = HelpTexts.Examples(name);
        if (examples.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Exemples :");
            foreach (var example in examples) sb.AppendLine($"  {ToolName} {example}");
        }
        sb.AppendLine();
        AppendExitCodes(sb);
        return sb.ToString().TrimEnd();
    }

    private static void AppendExitCodes(StringBuilder sb)
    {
        sb.AppendLine("Codes de sortie :");
        sb.AppendLine($"  {ExitCodes.Success}    réussi");
        sb.AppendLine($"  {ExitCodes.InvalidInput}    entrée invalide (fichier, option) : le message dit quoi corriger, avec fichier, ligne et colonne");
        sb.AppendLine($"  {ExitCodes.InvalidBundle}    modèle (bundle) absent, abîmé ou d'une autre version : réentraîner ou restaurer");
        sb.AppendLine($"  {ExitCodes.Regression}    régression trouvée par compare ou promote : le modèle en service n'a pas été remplacé");
        sb.AppendLine($"  {ExitCodes.Cancelled}  annulé (Ctrl+C) : rien n'a été remplacé");
    }

    /// <summary>What to type after an option, in words: FICHIER, DOSSIER, NOMBRE…</summary>
    public static string Placeholder(Option option)
    {
        var type = Nullable.GetUnderlyingType(option.Type) ?? option.Type;
        if (type == typeof(string[])) return "FICHIER[,FICHIER…]";
        if (type == typeof(int) || type == typeof(long)) return "NOMBRE";
        if (type == typeof(double)) return "NOMBRE";
        return HelpTexts.ValueName(option.Name);
    }

    private static string? DefaultText(Option option)
    {
        if (option.IsFlag) return null;
        return option.Default switch
        {
            null => HelpTexts.EmptyDefault(option.Name),
            string s => $"par défaut : {s}",
            double d => $"par défaut : {d.ToString(CultureInfo.InvariantCulture)}",
            IFormattable f => $"par défaut : {f.ToString(null, CultureInfo.InvariantCulture)}",
            var other => $"par défaut : {other}",
        };
    }

    /// <summary>« ngramsPerCategory » → « ngrams-per-category », as ConsoleAppFramework names options and commands.</summary>
    public static string Kebab(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
