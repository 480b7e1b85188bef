using CsCheck;
using NetiquetteML.Scoring.Text;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Tests.Text;

/// <summary><see cref="TextNormalizer.NormalizeWithMap"/>: the same text as Normalize, and a map back to what was typed.</summary>
public class NormalizerMapTests
{
    private static readonly string[] Pieces =
    [
        "a", "c", "i", "o", "t", "calisse", "c*lisse", "t@b@rn@k", "i d i o t", "c.o.n", "C.O.N.S!", "0stie", "nooon", "!!!", "?!?!", "*", "#", "$", "€",
        "4", "7", "10e", "4x4", "5$", " ", "  ", "\t", "\n", "\u00A0", "\u2003", "\u200B", "\u00AD", "-", ".", "é", "e\u0301", "Œ", "’", "😀", "ﬁ", "①",
        "ᴛᴀʙᴀʀɴᴀᴋ", "𝐜𝐨𝐧", "⒞⒪⒩", "ⓒⓞⓝ", "ѕ", "XXURL", "1er", "819 555-0199", "819-737-2296", "jean@gmail.com", "info@ville.senneterre.qc.ca",
        "https://bit.ly/x", "www.senneterre.com", "@Julie", " @Julie Tremblay", "25 $", "1 250,50$", "\uFFFE", "\uD800", "\u1100\u1161\u11A8", "가",
    ];

    private static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String,
        Gen.Char.Array[0, 200].Select(c => new string(c)),
        Gen.Char['\0', '\u02FF'].Array[0, 120].Select(c => new string(c)),
        Gen.Int[0, Pieces.Length - 1].Array[0, 30].Select(picks => string.Concat(picks.Select(p => Pieces[p]))));

    [Fact]
    public void Its_text_is_what_Normalize_returns_for_any_string() =>
        AnyText.Sample(s => Assert.Equal(TextNormalizer.Normalize(s), TextNormalizer.NormalizeWithMap(s).Text), iter: 6000);

    [Fact]
    public void Its_text_is_what_Normalize_returns_for_every_comment_and_post_of_the_corpus()
    {
        var rows = LabelledCsvLoader.LoadAll(Repo.CorpusFiles).SelectMany(f => f.Rows).ToList();
        Assert.True(rows.Count > 10_000);
        foreach (var text in rows.SelectMany(r => new[] { r.Text, r.Post }).Distinct())
            Assert.Equal(TextNormalizer.Normalize(text), TextNormalizer.NormalizeWithMap(text).Text);
    }

    [Fact]
    public void Every_character_maps_inside_the_original()
    {
        AnyText.Sample(s =>
        {
            var mapped = TextNormalizer.NormalizeWithMap(s);
            for (var i = 0; i < mapped.Text.Length; i++)
            {
                var (start, end) = mapped.OriginalRange(i, i + 1);
                Assert.InRange(start, 0, s.Length);
                Assert.InRange(end, start, s.Length);
            }
        }, iter: 2000);
    }

    [Theory]
    [InlineData("t@b@rn@k de maire", "tabarnak", "t@b@rn@k")]
    [InlineData("gang de t a b a r n a k !", "tabarnak", "t a b a r n a k")]
    [InlineData("Espèce de c.o.n", "con", "c.o.n")]
    [InlineData("C*lisse, le pont", "calisse", "C*lisse")]
    [InlineData("ᴛᴀʙᴀʀɴᴀᴋ", "tabarnak", "ᴛᴀʙᴀʀɴᴀᴋ")]
    [InlineData("ta\u200Bbar\u200Dnak", "tabarnak", "ta\u200Bbar\u200Dnak")]
    [InlineData("Noooooon merci", "non", "Noooooon")]
    [InlineData("L'hôtel de ville", "hotel", "hôtel")]
    [InlineData("Appelez au 819 555-0199 svp", "xxtelephone", "819 555-0199")]
    [InlineData("Déneigement", "deneigement", "Déneigement")]
    [InlineData("ÉCŒURANT", "ecoeurant", "ÉCŒURANT")]
    public void A_word_points_at_the_characters_the_author_typed(string raw, string word, string typed)
    {
        var mapped = TextNormalizer.NormalizeWithMap(raw);
        var at = (" " + mapped.Text + " ").IndexOf(" " + word + " ", StringComparison.Ordinal);
        Assert.True(at >= 0, $"« {word} » not in « {mapped.Text} »");
        var (start, end) = mapped.OriginalRange(at, at + word.Length);
        Assert.Equal(typed, raw[start..end]);
    }

    [Fact]
    public void Spaces_between_tokens_stand_for_nothing_typed()
    {
        var mapped = TextNormalizer.NormalizeWithMap("merci!!!");
        Assert.Equal("merci !!", mapped.Text);
        Assert.Equal((0, 0), mapped.OriginalRange(5, 6));
        Assert.Equal((5, 8), mapped.OriginalRange(6, 8));
    }
}
