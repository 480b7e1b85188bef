using System.Text.RegularExpressions;
using NetiquetteML.Scoring;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Tests.Data;

/// <summary>The French labelling guide of docs/ says what the contract (shared/LABELS.md) and the loader say.</summary>
public class LabellingGuideTests
{
    private static readonly string Guide = File.ReadAllText(Path.Combine(Repo.Root, "docs", "labelling-guide.md"));

    private static string Collapse(string s) => Regex.Replace(s, @"\s+", " ").Trim();

    [Fact]
    public void The_guide_names_every_column_the_loader_reads_and_every_category()
    {
        foreach (var column in LabelledCsvLoader.RequiredColumns.Concat(["complaint", "author", "created"]))
            Assert.Contains($"`{column}`", Guide);
        foreach (var category in Categories.All.Select(c => c.Name()).Concat(["complaint", "personal_info", "shouting"]))
            Assert.Matches(new Regex($@"^###.*`{category}`", RegexOptions.Multiline), Guide);
    }

    [Fact]
    public void Every_english_reference_definition_in_the_guide_is_the_contracts_word_for_word()
    {
        var contract = Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "LABELS.md"));
        Assert.True(File.Exists(contract), $"{contract} is missing: the guide cannot be checked against the contract");
        var labels = Collapse(File.ReadAllText(contract));
        var quotes = Regex.Matches(Guide, @"^> Définition de référence \(anglais\) :\s*\n>\s*\n((?:>.*\n?)+)", RegexOptions.Multiline);
        Assert.Equal(7, quotes.Count);
        foreach (Match quote in quotes)
        {
            var english = Collapse(string.Join(' ', quote.Groups[1].Value.Split('\n').Select(l => l.TrimStart('>').Trim())));
            Assert.True(labels.Contains(english, StringComparison.Ordinal), $"not in LABELS.md: « {english[..Math.Min(120, english.Length)]}… »");
        }
    }

    [Fact]
    public void The_guide_explains_the_columns_suggest_writes()
    {
        Assert.Contains("id,post,text,offensive,off_topic,political,commercial,priority", Guide);
    }
}
