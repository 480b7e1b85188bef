using CsCheck;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Commands.Help;

namespace NetiquetteML.Tests.Commands;

[Collection(CliCollection.Name)]
public class ArgumentCheckTests
{
    [Theory]
    [InlineData("option « --txt » inconnue pour score", "score", "--txt", "allo")]
    [InlineData("--count attend un nombre, pas « abc »", "suggest", "--input", "a.csv", "--count", "abc")]
    [InlineData("--text demande une valeur", "score", "--text")]
    [InlineData("« peut-être » n'est la valeur d'aucune option", "score", "--text", "a", "--with-text", "peut-être")]
    [InlineData("confirm demande --data et --output", "confirm")]
    public void A_mistyped_command_line_is_named_in_french_with_the_fix(string french, params string[] args)
    {
        var problems = ArgumentCheck.Problems(args);
        Assert.Contains(problems, p => p.French.StartsWith(french, StringComparison.Ordinal));
        Assert.All(problems, p => Assert.False(string.IsNullOrEmpty(p.English)));
    }

    [Theory]
    [InlineData("score", "--text", "Bonjour", "--post", "Avis", "--with-text")]
    [InlineData("train", "--seed", "-1", "--folds", "3", "--test-fraction", "0.25")]
    [InlineData("confirm", "--data", "page.csv", "--output", "policy.json")]
    [InlineData("bench")]
    [InlineData("inconnue", "--n'importe-quoi")]
    public void A_correct_command_line_has_no_problem(params string[] args) =>
        Assert.Empty(ArgumentCheck.Problems(args));

    [Fact]
    public void A_missing_required_option_exits_1_in_french_instead_of_printing_generated_help()
    {
        var result = CliRunner.Run("confirm");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("erreur : confirm demande --data et --output", result.Error);
        CommandHelpTests.AssertNoCSharp(result.Out + result.Error);
    }

    [Fact]
    public void Any_option_of_any_command_with_a_well_typed_value_passes_the_check()
    {
        var commands = CommandHelp.Commands.Where(c => c.Options.Count > 0).ToArray();
        Gen.Int[0, commands.Length - 1].SelectMany(i =>
                Gen.Shuffle(commands[i].Options.ToArray()).Select(options => (commands[i].Command, options)))
            .Sample(t =>
            {
                var args = new List<string> { t.Command };
                foreach (var option in t.options)
                {
                    args.Add(option.Name);
                    if (!option.IsFlag) args.Add(ValueFor(option.Type));
                }
                Assert.Empty(ArgumentCheck.Problems([.. args]));
            });
    }

    private static string ValueFor(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(int) || t == typeof(long) ? "3" : t == typeof(double) ? "0.5" : "valeur";
    }
}
