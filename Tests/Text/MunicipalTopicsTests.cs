using CsCheck;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Text;

namespace NetiquetteML.Tests.Text;

public class MunicipalTopicsTests
{
    private const string SnowPost = "Opération de déneigement cette nuit : les souffleuses passeront sur la 10e Avenue et la rue de la Gare.";
    private const string LibraryPost = "La bibliothèque municipale prolonge ses heures d'ouverture le jeudi soir.";

    private static float[] SignalsOf(string comment, string? post) => CommentFeaturizer.ToModelInput(new Comment(comment, post)).Signals;

    private static float Signal(float[] signals, string name) => signals[CommentFeaturizer.SignalNames.ToList().IndexOf(name)];

    [Fact]
    public void A_comment_sharing_no_word_with_its_post_still_shares_its_subject()
    {
        // « grattée » and « déneigement » have no letters in common worth a trigram; both are snow clearing.
        var signals = SignalsOf("Ma rue est pas grattée depuis jeudi", SnowPost);
        Assert.Equal(1f, Signal(signals, "post_subjects_shared"));
    }

    [Fact]
    public void The_same_complaint_under_the_library_post_raises_a_subject_the_post_does_not_have()
    {
        var signals = SignalsOf("Ma rue est pas grattée depuis jeudi", LibraryPost);
        Assert.Equal(0f, Signal(signals, "post_subjects_shared"));
        Assert.True(Signal(signals, "subjects_outside_post") >= 1f);
        // Still municipal life, which the labelling guide never calls off topic.
        Assert.True(Signal(signals, "municipal_subjects") >= 1f);
    }

    [Fact]
    public void Inflected_words_meet_their_stem()
    {
        Assert.Equal(MunicipalTopics.SubjectsOf("deneigement"), MunicipalTopics.SubjectsOf("deneiger"));
        Assert.NotEqual(0, MunicipalTopics.SubjectsOf("poubelles"));
        Assert.Equal(MunicipalTopics.SubjectsOf("recyclage"), MunicipalTopics.SubjectsOf("recyclables"));
    }

    [Theory]
    [InlineData("Legault nous a abandonnés, votez PQ")]
    [InlineData("Trudeau pis Ottawa s'en foutent des régions")]
    [InlineData("Le gouvernement caquiste coupe partout")]
    public void Partisan_provincial_or_federal_politics_is_counted_apart(string comment)
    {
        Assert.True(Signal(SignalsOf(comment, LibraryPost), "outside_politics_words") >= 1f);
    }

    [Theory]
    [InlineData("Le maire et le conseil ont voté le budget")]
    [InlineData("Le premier jour de la collecte")]
    [InlineData("Bonne fête nationale à tous les citoyens")]
    public void Municipal_politics_and_ordinary_words_are_not_outside_politics(string comment)
    {
        Assert.Equal(0f, Signal(SignalsOf(comment, LibraryPost), "outside_politics_words"));
    }

    [Theory]
    [InlineData("La 5G rend les enfants malades, réveillez-vous")]
    [InlineData("Jésus revient bientôt, repentez-vous mes frères")]
    [InlineData("Les chemtrails c'est pour nous contrôler")]
    public void Conspiracy_and_preaching_are_outside_subjects(string comment)
    {
        Assert.True(Signal(SignalsOf(comment, null), "outside_subject_words") >= 1f);
    }

    [Theory]
    [InlineData("Les pêcheurs ont pogné des beaux dorés au lac hier")]
    [InlineData("Mon père est un pêcheur de brochet depuis 50 ans")]
    public void A_fisherman_is_not_a_sinner_once_accents_are_gone(string comment)
    {
        Assert.Equal(0f, Signal(SignalsOf(comment, null), "outside_subject_words"));
    }

    [Fact]
    public void Without_a_post_only_the_comment_own_subjects_are_read()
    {
        var signals = SignalsOf("Les bacs de recyclage sont pas passés", null);
        Assert.Equal(0f, Signal(signals, "post_subjects_shared"));
        Assert.Equal(0f, Signal(signals, "subjects_outside_post"));
        Assert.Equal(1f, Signal(signals, "municipal_subjects"));
    }

    [Fact]
    public void Any_text_gives_bounded_subject_signals()
    {
        Gen.Select(Gen.String, Gen.String).Sample((comment, post) =>
        {
            var signals = SignalsOf(comment, post);
            Assert.InRange(Signal(signals, "post_subjects_shared"), 0f, 3f);
            Assert.InRange(Signal(signals, "subjects_outside_post"), 0f, 3f);
            Assert.InRange(Signal(signals, "municipal_subjects"), 0f, 4f);
            Assert.Equal(0, MunicipalTopics.SubjectsOf(TextNormalizer.Normalize(comment)) & ~((1 << MunicipalTopics.SubjectCount) - 1));
        }, iter: 2000);
    }

    private static readonly (string Entry, uint Bits)[] Entries = [.. MunicipalTopics.Entries.Select(e => (e.Entry, (uint)e.Bits))];

    [Fact]
    public void A_word_has_the_bits_a_plain_scan_of_the_lists_gives()
    {
        foreach (var edge in WordTrieTests.EdgeWords(Entries.Select(e => e.Entry)))
            Assert.Equal(WordTrieTests.Reference(Entries, edge), (uint)MunicipalTopics.Of(edge));
        var alphabet = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-é"];
        var word = Gen.OneOf(Gen.String, alphabet.Array[0, 14].Select(c => new string(c)),
            Gen.Select(Gen.Int[0, Entries.Length - 1], alphabet.Array[0, 4]).Select((i, tail) => Entries[i].Entry.TrimEnd('*') + new string(tail)));
        word.Sample(w => Assert.Equal(WordTrieTests.Reference(Entries, w), (uint)MunicipalTopics.Of(w)), iter: 20000);
    }

    [Fact]
    public void Partisan_politics_is_read_from_the_lexicon_with_its_stems()
    {
        Assert.All(Lexicons.PartisanPolitics, entry => Assert.True(MunicipalTopics.IsOutsidePolitics(MunicipalTopics.Of(entry.TrimEnd('*')))));
        Assert.True(MunicipalTopics.IsOutsidePolitics(MunicipalTopics.Of("ministres")));
        Assert.False(MunicipalTopics.IsOutsidePolitics(MunicipalTopics.Of("maire")));
        Assert.False(MunicipalTopics.IsOutsidePolitics(MunicipalTopics.Of("quebec")));
    }
}
