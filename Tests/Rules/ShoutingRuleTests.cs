using NetiquetteML.Scoring.Rules;

namespace NetiquetteML.Tests.Rules;

public sealed class ShoutingRuleTests
{
    private static readonly ShoutingRule Rule = new();

    [Theory]
    [InlineData("MERCI À L'ÉQUIPE DES TRAVAUX PUBLICS!!!")]
    [InlineData("C'EST INACCEPTABLE, LA RUE N'EST PAS DÉNEIGÉE DEPUIS TROIS JOURS")]
    [InlineData("QUAND EST-CE QUE VOUS ALLEZ RÉPARER LES NIDS-DE-POULE???")]
    [InlineData("ARRÊTEZ DE ROULER VITE DANS LA RUE, IL Y A DES ENFANTS")]
    [InlineData("ÇA N'A PAS DE BON SENS CE QUI SE PASSE À L'ARÉNA")]
    public void Comment_written_in_capitals_is_shouting(string text) => Assert.True(Rule.Evaluate(text).IsShouting);

    [Theory]
    [InlineData("Merci à l'équipe des travaux publics!")]
    [InlineData("Quand aura lieu la prochaine séance du conseil?")]
    [InlineData("C'est inacceptable, la rue n'est pas déneigée depuis trois jours")]
    public void Ordinary_comment_is_not_shouting(string text) => Assert.False(Rule.Evaluate(text).IsShouting);

    [Theory]
    [InlineData("C'est VRAIMENT DANGEREUX pour les enfants du quartier")]
    [InlineData("Il faut ABSOLUMENT ralentir dans la rue des Pins")]
    [InlineData("URGENT URGENT la route est fermée")]
    [InlineData("MERCI BEAUCOUP les cols bleus")]
    public void One_or_two_capitalised_words_for_emphasis_are_not_shouting(string text)
    {
        var result = Rule.Evaluate(text);
        Assert.False(result.IsShouting, $"ratio {result.CapitalRatio:0.00}");
    }

    [Fact]
    public void Three_capitalised_words_with_few_lower_case_letters_are_shouting() =>
        Assert.True(Rule.Evaluate("VOUS ÊTES INCOMPÉTENTS ok").IsShouting);

    [Fact]
    public void Accented_capitals_count_as_capitals()
    {
        var result = Rule.Evaluate("ÉÀÇÈÊÔÛÎ ÉÉÉÉÉ");
        Assert.Equal(13, result.LettersCounted);
        Assert.Equal(1.0, result.CapitalRatio);
        Assert.True(result.IsShouting);
    }

    [Fact]
    public void Acronyms_are_ignored()
    {
        var result = Rule.Evaluate("La MRC, la SQ, le CLSC et la SAAQ ont répondu à la RAMQ");
        Assert.False(result.IsShouting);
        Assert.Equal("Lalaleetlaontréponduàla".Length, result.LettersCounted);
        Assert.Equal(1.0 / result.LettersCounted, result.CapitalRatio, 6);
    }

    [Fact]
    public void Comment_made_only_of_acronyms_is_not_shouting()
    {
        var result = Rule.Evaluate("SAAQ RAMQ CLSC CPE MRC SQ CHSLD CISSS COVID");
        Assert.False(result.IsShouting);
        Assert.Equal(0, result.LettersCounted);
    }

    [Fact]
    public void Acronyms_do_not_hide_shouting_around_them() =>
        Assert.True(Rule.Evaluate("LA MRC ET LA SQ NE FONT RIEN POUR NOUS").IsShouting);

    [Theory]
    [InlineData("STOP!!!")]
    [InlineData("OK MERCI")]
    [InlineData("BRAVO 👏👏👏")]
    [InlineData("ENFIN!")]
    public void Short_comment_is_never_shouting(string text) => Assert.False(Rule.Evaluate(text).IsShouting);

    [Fact]
    public void Emojis_digits_and_symbols_are_not_letters()
    {
        var result = Rule.Evaluate("😡😡😡 123 456 $$$ !!! ### 🚧🚧");
        Assert.Equal(0, result.LettersCounted);
        Assert.Equal(0.0, result.CapitalRatio);
        Assert.False(result.IsShouting);
    }

    [Fact]
    public void Emojis_do_not_change_the_count_of_letters()
    {
        var plain = Rule.Evaluate("MERCI POUR LE DÉNEIGEMENT");
        var decorated = Rule.Evaluate("🙏 MERCI 😀 POUR LE 🚜 DÉNEIGEMENT ❄️❄️");
        Assert.Equal(plain, decorated);
        Assert.True(decorated.IsShouting);
    }

    [Fact]
    public void Ratio_is_capitals_over_cased_letters()
    {
        var result = Rule.Evaluate("ABCDEFGHI abc");
        Assert.Equal(12, result.LettersCounted);
        Assert.Equal(9.0 / 12.0, result.CapitalRatio, 6);
    }

    [Fact]
    public void Styled_mathematical_capitals_count_as_capitals() =>
        Assert.True(Rule.Evaluate("𝗔𝗧𝗧𝗘𝗡𝗧𝗜𝗢𝗡 𝗟𝗔 𝗥𝗢𝗨𝗧𝗘 𝗘𝗦𝗧 𝗙𝗘𝗥𝗠𝗘́𝗘").IsShouting);

    [Fact]
    public void Null_empty_and_broken_text_is_not_shouting()
    {
        Assert.Equal(new ShoutingResult(false, 0, 0), Rule.Evaluate(null));
        Assert.Equal(new ShoutingResult(false, 0, 0), Rule.Evaluate(string.Empty));
        Assert.False(Rule.Evaluate("\uD800\uDC00\uDFFF\uD800 A\u0301B\u0302").IsShouting);
    }

    [Fact]
    public void Combining_accents_stay_inside_their_word() =>
        Assert.True(Rule.Evaluate("E\u0301NORME DE\u0301GA\u0302T DANS LA RUE PRINCIPALE").IsShouting);

    [Fact]
    public void Default_options_match_the_documented_thresholds()
    {
        var options = ShoutingOptions.Default;
        Assert.Equal(12, options.MinLetters);
        Assert.Equal(0.7, options.Threshold);
        Assert.Equal(2, options.MaxEmphasisWords);
        Assert.Subset(
            new HashSet<string>(options.Acronyms),
            new HashSet<string> { "MRC", "SQ", "CLSC", "CPE", "SAAQ", "RAMQ", "DG", "COVID", "CISSS", "CHSLD", "HLM", "OMH", "VIA", "CAQ", "PQ", "PLQ", "QS", "PCC", "NPD", "PLC", "BBQ", "OK", "SOPFEU", "TVQ", "TPS", "CN", "UQAT", "CEGEP", "FADOQ" });
    }

    [Fact]
    public void Custom_options_change_the_verdict()
    {
        var strict = new ShoutingRule(new ShoutingOptions { MinLetters = 3, Threshold = 0.5, MaxEmphasisWords = 0, Acronyms = [] });
        Assert.True(strict.Evaluate("STOP!!!").IsShouting);
        Assert.True(strict.Evaluate("URGENT URGENT la route").IsShouting);
        Assert.True(strict.Evaluate("SAAQ RAMQ CLSC").IsShouting);
    }

    [Fact]
    public void Acronym_list_is_copied()
    {
        var acronyms = new List<string> { "ABC" };
        var options = new ShoutingOptions { Acronyms = acronyms };
        acronyms.Add("DEF");
        Assert.Equal(new[] { "ABC" }, options.Acronyms);
    }
}
