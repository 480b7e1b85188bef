using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Hostile;

/// <summary>
/// What a town employee met on first use, checked on the shipped bundle: benign comments the
/// models flagged (fixed at the root, in the corpus and the features, not only by the cautious
/// policy) and insults hidden inside ordinary sentences that they missed.
/// </summary>
public class FalseRemovalTests
{
    private static readonly Lazy<NetiquetteScorer> Shipped = new(() => NetiquetteScorer.Load(Repo.ShippedBundle));

    // Every model category allowed to remove (off_topic excepted, as always): the models alone decide.
    private static readonly Lazy<NetiquetteScorer> Permissive = new(() => NetiquetteScorer.Load(Repo.ShippedBundle,
        ModerationPolicy.FromJson("""{ "autoRemoveCategories": ["offensive", "political", "commercial"] }""")));

    [Theory]
    [InlineData("Le tabernacle et le calice de l'église ont été restaurés par des bénévoles", Category.Offensive)]
    [InlineData("Les Foreurs ont gagné 4-3 en prolongation hier", Category.Commercial)]
    [InlineData("Chien perdu près du parc Bellevue, un beagle nommé Bobby. Appelez-moi au 819-555-0199 si vous le voyez", Category.Commercial)]
    [InlineData("Pour un bris d'aqueduc, appelez la ville au 819 737-2296 poste 221", Category.Commercial)]
    [InlineData("Merci au maire pour sa présence à l'inauguration", Category.Political)]
    public void A_benign_comment_is_not_flagged_in_the_category_it_was_wrongly_removed_for(string text, Category category)
    {
        var verdict = Shipped.Value.Score(text);
        Assert.False(verdict[category].Flagged, $"« {text} »: {category.Name()} {verdict[category].Probability:0.00}");
        // Even where the town lets the models remove, nothing but personal information removes it.
        if (!verdict.HasPersonalInfo) Assert.NotEqual(ModerationAction.Remove, Permissive.Value.Score(text).Action);
    }

    [Fact]
    public void The_towns_own_number_is_neither_personal_information_nor_an_ad()
    {
        var verdict = Shipped.Value.Score("Pour un bris d'aqueduc, appelez la ville au 819 737-2296 poste 221");
        Assert.False(verdict.HasPersonalInfo);
        Assert.Equal(ModerationAction.Allow, verdict.Action);
    }

    [Theory]
    [InlineData("C*lisse, le seul pont qu'on a pis y'est fermé")]
    [InlineData("Décision de c.o.n.s")]
    [InlineData("Gang de c.o.n.s au conseil")]
    [InlineData("Gang de c-o-n-s au conseil")]
    [InlineData("ᴛᴀʙᴀʀɴᴀᴋ que c'est long")]
    public void An_insult_hidden_inside_a_sentence_is_flagged(string text) =>
        Assert.True(Shipped.Value.Score(text)[Category.Offensive].Flagged, text);

    [Fact]
    public void A_comment_split_over_two_lines_scores_as_on_one()
    {
        var one = Shipped.Value.Score("Gang de c.o.n.s au conseil, vous comprenez rien");
        var two = Shipped.Value.Score("Gang de c.o.n.s\nau conseil, vous comprenez rien");
        Assert.Equal(one[Category.Offensive].Probability, two[Category.Offensive].Probability, 6);
        Assert.True(two[Category.Offensive].Flagged);
    }

    [Fact]
    public void By_default_the_shipped_models_never_remove_a_comment_on_their_own()
    {
        var verdict = Shipped.Value.Score("Gang de tabarnak d'innocents au conseil, mangez d'la marde");
        Assert.True(verdict[Category.Offensive].Flagged);
        Assert.Equal(ModerationAction.Review, verdict.Action);
    }
}
