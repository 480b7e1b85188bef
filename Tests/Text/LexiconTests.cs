using NetiquetteML.Scoring.Text;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Tests.Text;

public class LexiconTests
{
    private static readonly Lexicon Small = Lexicon.Create(
    [
        new LexiconEntry("tabarnak", LexiconCategory.Sacre),
        new LexiconEntry("con", LexiconCategory.Insult),
        new LexiconEntry("Je sais où tu restes", LexiconCategory.Threat),
        new LexiconEntry("immigrants", LexiconCategory.Group),
        new LexiconEntry("parasites", LexiconCategory.Contempt),
        new LexiconEntry("sont des parasites", LexiconCategory.Exclusion),
    ]);

    private static int[] Counts(Lexicon lexicon, string raw)
    {
        var counts = new int[Lexicon.Categories.Count];
        lexicon.Count(TextNormalizer.Normalize(raw), counts);
        return counts;
    }

    private static int CountOf(Lexicon lexicon, string raw, LexiconCategory category) => Counts(lexicon, raw)[(int)category];

    [Theory]
    [InlineData("tabarnak")]
    [InlineData("TABARNAK!!!")]
    [InlineData("ta\u200Bbar\u200Dnak")]          // zero-width characters
    [InlineData("t@b@rn@k")]                      // leetspeak
    [InlineData("ᴛᴀʙᴀʀɴᴀᴋ")]                      // small capitals
    [InlineData("𝐭𝐚𝐛𝐚𝐫𝐧𝐚𝐤")]                      // mathematical bold
    [InlineData("t a b a r n a k")]               // spaced letters
    [InlineData("t-a-b-a-r-n-a-k")]               // letters joined by hyphens
    [InlineData("tаbаrnаk")]                      // Cyrillic « а »
    public void A_sacre_counts_through_every_obfuscation_the_normaliser_reads(string raw) =>
        Assert.Equal(1, CountOf(Small, raw, LexiconCategory.Sacre));

    [Theory]
    [InlineData("Séance du conseil lundi")]
    [InlineData("Le concours de photos est lancé")]
    [InlineData("la consommation d'eau a baissé")]
    public void A_word_never_counts_inside_a_longer_word(string raw) =>
        Assert.Equal(0, CountOf(Small, raw, LexiconCategory.Insult));

    [Fact]
    public void A_phrase_counts_only_when_all_its_words_follow_each_other()
    {
        Assert.Equal(1, CountOf(Small, "Fais attention, je sais où tu restes.", LexiconCategory.Threat));
        Assert.Equal(0, CountOf(Small, "Je sais où tu travailles", LexiconCategory.Threat));
        Assert.Equal(0, CountOf(Small, "je sais", LexiconCategory.Threat));
    }

    [Fact]
    public void A_word_and_the_phrase_it_starts_both_count()
    {
        var counts = Counts(Small, "Les immigrants sont des parasites");
        Assert.Equal(1, counts[(int)LexiconCategory.Group]);
        Assert.Equal(1, counts[(int)LexiconCategory.Contempt]);
        Assert.Equal(1, counts[(int)LexiconCategory.Exclusion]);
    }

    [Fact]
    public void Matches_point_at_the_words_of_the_normalised_text()
    {
        var text = TextNormalizer.Normalize("Gang de C.O.N.S, tabarnak");
        var matches = Small.Matches(text);
        Assert.Equal(["tabarnak"], matches.Where(m => m.Category == LexiconCategory.Sacre).Select(m => text.Substring(m.Start, m.Length)));
    }

    [Fact]
    public void Entries_are_stored_normalised_once_each()
    {
        var lexicon = Lexicon.Create([new("Câlisse", LexiconCategory.Sacre), new("calisse", LexiconCategory.Sacre), new("  ", LexiconCategory.Insult)]);
        Assert.Equal([new LexiconEntry("calisse", LexiconCategory.Sacre)], lexicon.Entries);
    }

    // The project's own lexicon, built from Data/lexicons/ as train builds it.
    private static Lexicon Shipped => TrainedBundle.SharedLexicon.Value;

    [Theory]
    [InlineData("Tabernacle et calice de l'église restaurés", LexiconCategory.ChurchWord)]
    [InlineData("Le tabernacle et le calice de l'église ont été restaurés", LexiconCategory.ChurchContext)]
    [InlineData("tabarnak de maire", LexiconCategory.Sacre)]
    [InlineData("espèce de connard", LexiconCategory.Insult)]
    [InlineData("les immigrants nous envahissent", LexiconCategory.Exclusion)]
    [InlineData("je sais où tu restes mon gars", LexiconCategory.Threat)]
    [InlineData("le DG se sert dans la caisse", LexiconCategory.Accusation)]
    [InlineData("une bande de rats", LexiconCategory.Contempt)]
    public void The_shipped_lexicon_puts_each_kind_in_its_category(string raw, LexiconCategory category) =>
        Assert.True(CountOf(Shipped, raw, category) > 0, $"{category} not counted in « {raw} »");

    [Theory]
    [InlineData("chat")]        // a cat, in the outside lists as slang
    [InlineData("bonne")]
    [InlineData("manche")]
    [InlineData("maudit")]      // a mild oath: 0 by the labelling guide
    [InlineData("crime")]
    [InlineData("enfer")]
    [InlineData("gosse")]
    public void A_curated_false_friend_never_counts(string word)
    {
        Assert.All(Counts(Shipped, $"Mon {word} est là, {word}!"), c => Assert.Equal(0, c));
    }

    [Fact]
    public void Church_vocabulary_is_not_counted_as_a_sacre()
    {
        var counts = Counts(Shipped, "Calice, ciboire et tabernacle de l'église Saint-Marc");
        Assert.Equal(0, counts[(int)LexiconCategory.Sacre]);
        Assert.Equal(3, counts[(int)LexiconCategory.ChurchWord]);
        Assert.Equal(1, counts[(int)LexiconCategory.ChurchContext]);
        Assert.Equal(0, Counts(Shipped, "Tabarnak de calice que c'est long")[(int)LexiconCategory.ChurchContext]);
    }

    [Theory]
    [InlineData("Le calice, le ciboire et le tabernacle de l'église Saint-Marc", 4)]
    [InlineData("Les hosties sont dans le tabernacle", 2)]
    public void A_church_word_after_an_article_counts_as_church_context_not_as_a_possible_sacre(string raw, int context)
    {
        var counts = Counts(Shipped, raw);
        Assert.Equal(0, counts[(int)LexiconCategory.ChurchWord]);
        Assert.True(counts[(int)LexiconCategory.ChurchContext] >= context, $"church context {counts[(int)LexiconCategory.ChurchContext]}");
    }

    [Theory]
    [InlineData("Calice que c'est long les travaux")]
    [InlineData("Ce ciboire de pont est encore fermé")]
    [InlineData("Mon tabarnak d'auto part pas, hostie")]
    public void A_church_word_without_an_article_still_counts_as_a_possible_sacre(string raw)
    {
        Assert.True(Counts(Shipped, raw)[(int)LexiconCategory.ChurchWord] >= 1);
    }
}
