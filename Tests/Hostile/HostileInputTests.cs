using System.Text;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Scoring.Text;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Tests.Hostile;

public class HostileInputTests
{
    private const string Header = "id,post,text,offensive,off_topic,political,commercial";

    [Fact]
    public void Megabyte_comment_in_a_labelled_file_is_read()
    {
        using var dir = new TempDirectory();
        var huge = string.Concat(Enumerable.Repeat("bla bla, \"cité\" ", 70_000));
        var path = dir.Write("huge.csv", Header + "\nh1,p,\"" + huge.Replace("\"", "\"\"") + "\",0,0,0,0\n");
        Assert.Equal(huge, Assert.Single(LabelledCsvLoader.LoadOne(path).Rows).Text);
    }

    [Fact]
    public void Million_row_file_loads()
    {
        using var dir = new TempDirectory();
        var path = dir.File("million.csv");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            writer.Write(Header + "\n");
            for (var i = 0; i < 1_000_000; i++) writer.Write($"m{i},p{i % 500},commentaire {i},0,{i % 2},0,0\n");
        }
        var rows = LabelledCsvLoader.LoadOne(path).Rows;
        Assert.Equal(1_000_000, rows.Count);
        Assert.Equal("commentaire 999999", rows[^1].Text);
    }

    private static readonly Lazy<NetiquetteScorer> Shipped = new(() => NetiquetteScorer.Load(Repo.ShippedBundle));

    [Theory]
    [InlineData("Gang de tabarnak d'innocents")]
    [InlineData("T'es juste un ostie de cave")]
    [InlineData("Le maire est un crisse de voleur")]
    public void Evasion_spellings_normalize_to_the_plain_comment_and_stay_offensive(string plain)
    {
        var normalized = TextNormalizer.Normalize(plain);
        Assert.True(Shipped.Value.Score(plain)[Category.Offensive].Flagged, plain);
        foreach (var variant in Evasions(plain))
        {
            Assert.Equal(normalized, TextNormalizer.Normalize(variant));
            Assert.True(Shipped.Value.Score(variant)[Category.Offensive].Flagged, $"« {variant} » is not flagged offensive");
        }
    }

    /// <summary>Zero-width characters, Cyrillic look-alikes, full-width letters, leetspeak, elongation, capitals.</summary>
    private static IEnumerable<string> Evasions(string plain)
    {
        yield return string.Join("\u200B", plain.ToCharArray());
        yield return plain.Replace('a', '\u0430').Replace('o', '\u043E').Replace('e', '\u0435');
        yield return new string(plain.Select(c => c is >= 'a' and <= 'z' ? (char)(c - 'a' + 'ａ') : c).ToArray());
        yield return plain.Replace("a", "@").Replace("o", "0");
        yield return plain.Replace("a", "aaaa").Replace("e", "eee");
        yield return plain.ToUpperInvariant();
    }

    [Theory]
    [InlineData("tabarnak!!!!!!!!!! ?!?!?! enwoye!!!")]
    [InlineData("tabarnak ?!?!?!")]
    [InlineData("gang de caves ? ? ? ? ? ?")]
    public void Repeated_punctuation_does_not_hide_a_sacre(string text)
    {
        Assert.True(Shipped.Value.Score(text)[Category.Offensive].Flagged, text);
    }

    [Theory]
    [InlineData("Merci beaucoup")]
    [InlineData("Super merci")]
    [InlineData("Merci pour l'info")]
    [InlineData("Bravo!")]
    [InlineData("👍")]
    [InlineData("Enfin!!!")]
    [InlineData("Quand?")]
    public void Short_thanks_and_questions_are_allowed(string text)
    {
        // The corpus once had almost no short comments but insults, and « Merci beaucoup » scored
        // 0.27 offensive: short benign comments are what a town's page sees most.
        Assert.Equal(ModerationAction.Allow, Shipped.Value.Score(text).Action);
    }

    [Theory]
    [InlineData("Appelez le 819\u200B-555\u200B-0142")]
    [InlineData("Appelez le ８１９-５５５-０１４２")]
    [InlineData("écrivez à bob\u200B@gmail.com")]
    public void Personal_information_is_found_through_invisible_and_full_width_characters(string text)
    {
        var verdict = TrainedBundle.Shared.Scorer.Score(text);
        Assert.True(verdict.HasPersonalInfo, text);
        Assert.DoesNotContain("555", verdict.RedactedText.Normalize(NormalizationForm.FormKC));
        Assert.DoesNotContain("bob", verdict.RedactedText);
    }
}
