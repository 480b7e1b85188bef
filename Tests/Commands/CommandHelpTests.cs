using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Commands.Help;

namespace NetiquetteML.Tests.Commands;

[Collection(CliCollection.Name)]
public class CommandHelpTests
{
    public static TheoryData<string> CommandNames => new(CommandHelp.Commands.Select(c => c.Command));

    [Fact]
    public void Every_command_and_option_has_its_french_words()
    {
        Assert.Equal(11, CommandHelp.Commands.Count);
        foreach (var (command, options) in CommandHelp.Commands)
        {
            Assert.False(string.IsNullOrEmpty(HelpTexts.Summary(command)), command);
            foreach (var option in options) Assert.True(HelpTexts.HasOption(command, option.Name), $"{command} {option.Name} has no description");
        }
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Command_help_is_plain_french_with_real_defaults_and_exit_codes(string command)
    {
        var result = CliRunner.Run(command, "--help");
        Assert.Equal(0, result.ExitCode);
        AssertNoCSharp(result.Out);
        Assert.Contains($"netiquette {command}", result.Out);
        Assert.Contains("Codes de sortie", result.Out);
        foreach (var option in CommandHelp.Commands.Single(c => c.Command == command).Options)
        {
            Assert.Contains(option.Name, result.Out);
            if (option.Default is string or int or long) Assert.Contains($"par défaut : {option.Default}", result.Out);
        }
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Top_level_help_lists_every_command_in_french(params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(0, result.ExitCode);
        AssertNoCSharp(result.Out);
        Assert.Contains("Utilisation : netiquette <commande>", result.Out);
        foreach (var (command, _) in CommandHelp.Commands) Assert.Contains($"  {command} ", result.Out);
    }

    [Fact]
    public void Score_help_shows_the_bundle_default_as_a_plain_path()
    {
        var result = CliRunner.Run("score", "--help");
        Assert.Contains("--model DOSSIER", result.Out);
        Assert.Contains("par défaut : Models/netiquette", result.Out);
    }

    [Fact]
    public void An_unknown_command_is_named_with_the_ones_that_exist()
    {
        var result = CliRunner.Run("scorer", "--text", "allo");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("commande inconnue « scorer »", result.Error);
        Assert.Contains("score", result.Error);
    }

    internal static void AssertNoCSharp(string help)
    {
        foreach (var csharp in new[] { "<string", "<int", "<bool", "<double", "?>", "@\"", "[Default:", "Usage:", "string[]", "null]" })
            Assert.DoesNotContain(csharp, help);
    }
}
