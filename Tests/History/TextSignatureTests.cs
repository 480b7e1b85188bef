using CsCheck;
using NetiquetteML.Scoring.History;

namespace NetiquetteML.Tests.History;

public class TextSignatureTests
{
    private static readonly HistoryKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly HistoryKey OtherKey = new(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    private const string Scam = "Gagnez 500 $ par jour en travaillant de la maison, écrivez-moi en privé pour les détails";

    private static TextSignature Sign(string text, HistoryKey? key = null) => TextSignature.Of(text, (key ?? Key).Seeds);

    [Theory]
    [InlineData("GAGNEZ 500 $ PAR JOUR EN TRAVAILLANT DE LA MAISON, ÉCRIVEZ-MOI EN PRIVÉ POUR LES DÉTAILS")]
    [InlineData("Gagnez 500$ par jour en travaillant de la maison!!! 💰💰💰 Écrivez-moi en privé pour les détails 👉")]
    [InlineData("gagnez 900 $ par jour en travaillant de la maison ecrivez moi en prive pour les details")]
    [InlineData("  Gagnez 500 $ par jour... en travaillant de la maison; écrivez-moi en privé pour les détails.  ")]
    public void Case_accents_emojis_punctuation_and_numbers_do_not_change_the_signature(string variant) =>
        Assert.Equal(1.0, Sign(variant).Similarity(Sign(Scam)));

    [Theory]
    [InlineData("Gagnez 500 $ par jour en travaillant de chez vous, écrivez-moi en privé pour les détails")]
    [InlineData("Gagnez 500 $ par jour en travaillant de la maisn, écrivez-moi en privé pour les détails")]
    [InlineData("Gagnez 500 $ par jour en travaillant de la maison, écrivez-moi en privé pour plus de détails")]
    public void A_small_edit_stays_above_the_threshold(string edited) =>
        Assert.True(Sign(edited).Similarity(Sign(Scam)) >= TextSignature.DefaultThreshold, $"{Sign(edited).Similarity(Sign(Scam)):0.00}");

    [Fact]
    public void Unrelated_comments_of_the_page_stay_far_below_the_threshold()
    {
        var rows = LabelledCsvSample();
        var signatures = rows.Select(t => Sign(t)).ToList();
        var above = 0;
        var pairs = 0;
        for (var i = 0; i < signatures.Count; i++)
        for (var j = i + 1; j < signatures.Count; j++)
        {
            pairs++;
            if (signatures[i].Similarity(signatures[j]) >= TextSignature.DefaultThreshold) above++;
        }
        // Distinct texts of the corpus (near-duplicates removed by the corpus tests): almost none look alike.
        Assert.True(above <= pairs / 1000, $"{above} of {pairs} pairs of distinct comments above the threshold");
    }

    [Fact]
    public void Short_courtesies_are_never_meaningful_content()
    {
        Assert.False(Sign("Merci!").IsMeaningful);
        Assert.False(Sign("Bravo à toute l'équipe 👏").IsMeaningful);
        Assert.True(Sign(Scam).IsMeaningful);
    }

    [Fact]
    public void Another_key_gives_another_signature_of_the_same_text() =>
        Assert.True(Sign(Scam, OtherKey).Similarity(Sign(Scam)) < 0.2);

    [Fact]
    public void The_bytes_round_trip_and_hold_no_letter_of_the_text()
    {
        var signature = Sign(Scam);
        var bytes = signature.ToBytes();
        Assert.Equal(1.0, TextSignature.FromBytes(bytes).Similarity(signature));
        Assert.DoesNotContain("maison", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Similarity_is_symmetric_and_one_with_itself() =>
        Gen.String[Gen.Char.AlphaNumeric, 0, 200].Select(Gen.String[Gen.Char.AlphaNumeric, 0, 200]).Sample((a, b) =>
        {
            var (sa, sb) = (Sign(a), Sign(b));
            Assert.Equal(1.0, sa.Similarity(sa));
            Assert.Equal(sa.Similarity(sb), sb.Similarity(sa));
        }, iter: 300);

    private static List<string> LabelledCsvSample() =>
        NetiquetteML.Training.Data.LabelledCsvLoader.LoadOne(Support.Repo.Corpus).Rows
            .Where((_, i) => i % 25 == 0).Select(r => r.Text).Distinct().ToList();
}
