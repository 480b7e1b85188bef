using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Text;
using NetiquetteML.Training.Data;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Tests.Text;

public class WordAssociationsTests
{
    private const string TreePost = "Rappel : un certificat est exigé pour abattre un arbre sur votre terrain.";
    private const string WaterPost = "Interruption d'eau mercredi sur la rue Principale pour réparer la conduite.";
    private const string LibraryPost = "La bibliothèque ouvre le samedi matin à compter de janvier.";

    private static string Normal(string text) => TextNormalizer.Normalize(text);

    /// <summary>Three comments on topic under tree posts say « émondeur »; under water posts, « cruches ».</summary>
    private static readonly (string Comment, string Post)[] OnTopic =
    [
        ("Un bon émondeur coûte combien?", TreePost),
        ("Mon émondeur est passé hier, rapide", "Abattre un arbre malade : la demande se fait en ligne."),
        ("Appelez un émondeur assuré", "Pour abattre un arbre de plus de 10 cm, un certificat est gratuit."),
        ("J'ai rempli mes cruches hier soir", WaterPost),
        ("Des cruches à la caserne?", "Eau coupée jeudi sur la 4e Rue, travaux sur la conduite."),
        ("Les cruches sont prêtes", "L'eau sera coupée vendredi matin dans le quartier Sainte-Marie."),
        ("Merci pour les heures!", LibraryPost),
        ("Les heures du samedi sont parfaites", "La bibliothèque change ses heures en janvier."),
        ("Les corridors de nage sont ouverts?", "La piscine ouvre ses portes lundi pour l'été."),
        ("Ma rue est encore blanche", "Déneigement cette nuit dans le secteur du lac."),
        ("Le conteneur déborde déjà", "Collecte des encombrants la semaine prochaine."),
        ("Bravo aux bénévoles de la fête", "Merci à tous pour le carnaval de février."),
    ];

    private static readonly WordAssociations Learned = WordAssociations.Learn(OnTopic.Select(p => (Normal(p.Comment), Normal(p.Post))));

    private static float Association(WordAssociations table, string comment, string post) =>
        CommentFeaturizer.ToModelInput(new Comment(comment, post), table).Signals[CommentFeaturizer.SignalNames.ToList().IndexOf("post_word_association")];

    [Fact]
    public void A_comment_word_met_often_under_posts_with_a_word_goes_with_that_word()
    {
        var underTree = Learned.ForPost(Normal(TreePost));
        Assert.True(underTree.GetValueOrDefault("emondeur") >= WordAssociations.MinimumInformation);
        Assert.False(underTree.ContainsKey("cruches"));
        Assert.True(Learned.ForPost(Normal(WaterPost)).ContainsKey("cruches"));
    }

    [Fact]
    public void A_pair_met_fewer_than_three_times_is_not_kept()
    {
        var twice = WordAssociations.Learn(OnTopic.Take(2).Select(p => (Normal(p.Comment), Normal(p.Post))));
        Assert.Equal(0, twice.Count);
    }

    [Fact]
    public void A_comment_sharing_no_word_with_its_post_can_still_be_about_it()
    {
        const string comment = "Quelqu'un connaît un émondeur fiable?";
        Assert.True(Association(Learned, comment, TreePost) > 0);
        Assert.Equal(0f, Association(Learned, comment, LibraryPost));
        Assert.Equal(0f, Association(WordAssociations.Empty, comment, TreePost));
        Assert.Equal(0f, Association(Learned, comment, ""));
    }

    [Fact]
    public void The_stored_form_reads_back_to_the_same_table()
    {
        var back = WordAssociations.FromStored(Learned.ToStored());
        Assert.Equal(Learned.Count, back.Count);
        foreach (var post in new[] { TreePost, WaterPost, LibraryPost })
            Assert.Equal(Learned.ForPost(Normal(post)), back.ForPost(Normal(post)));
    }

    [Theory]
    [InlineData("emondeur")]
    [InlineData("emondeur 1.5 cruches")]
    [InlineData("emondeur abc")]
    public void A_damaged_stored_form_is_refused(string line)
    {
        Assert.Throws<FormatException>(() => WordAssociations.FromStored(new Dictionary<string, string> { ["abattre"] = line }));
    }

    [Fact]
    public void Training_learns_only_from_real_comments_on_topic_under_a_post()
    {
        LabelledComment Row(string id, string post, string text, bool offTopic = false, bool repaired = false) =>
            new(id, post, text, false, offTopic, false, false, "t.csv", 1) { Repaired = repaired };
        var onTopic = OnTopic.Select((p, i) => Row($"r{i}", p.Post, p.Comment)).ToList();
        var noise = new[]
        {
            Row("o1", TreePost, "Vends cruches vides", offTopic: true),
            Row("o2", TreePost, "Cruches à donner", offTopic: true),
            Row("o3", TreePost, "Qui veut mes cruches", offTopic: true),
            Row("p1", "", "cruches cruches"),
            Row("x1", TreePost, "cruches", repaired: true),
        };
        var learned = ModelTrainer.LearnAssociations([.. onTopic, .. noise]);
        Assert.False(learned.ForPost(Normal(TreePost)).ContainsKey("cruches"));
        Assert.True(learned.ForPost(Normal(TreePost)).ContainsKey("emondeur"));
    }
}
