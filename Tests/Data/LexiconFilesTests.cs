using NetiquetteML.Scoring.Text;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Tests.Data;

public class LexiconFilesTests
{
    private static void WriteLexiconFolder(string folder, string own, string falseFriends = "", string roots = "", string outside = "")
    {
        File.WriteAllText(Path.Combine(folder, LexiconFiles.OwnFile), own);
        File.WriteAllText(Path.Combine(folder, LexiconFiles.FalseFriendsFile), falseFriends);
        File.WriteAllText(Path.Combine(folder, LexiconFiles.CategoryRootsFile), roots);
        File.WriteAllText(Path.Combine(folder, LexiconFiles.OutsideFiles[0]), outside);
        File.WriteAllText(Path.Combine(folder, LexiconFiles.OutsideFiles[1]), "");
    }

    [Fact]
    public void Outside_words_take_the_category_of_their_longest_root_else_insult()
    {
        using var dir = new TempDirectory();
        WriteLexiconFolder(dir.Path, "# own\n", roots: "encul\tSexual\nenculette\tInsult\n", outside: "enculé\nenculette\nbranleur\n");
        var entries = LexiconFiles.Load(dir.Path).Entries;
        Assert.Contains(new LexiconEntry("encule", LexiconCategory.Sexual), entries);
        Assert.Contains(new LexiconEntry("enculette", LexiconCategory.Insult), entries);
        Assert.Contains(new LexiconEntry("branleur", LexiconCategory.Insult), entries);
    }

    [Fact]
    public void False_friends_phrases_and_list_artefacts_are_left_out_and_own_terms_win()
    {
        using var dir = new TempDirectory();
        WriteLexiconFolder(dir.Path, "calice\tChurchWord\n", falseFriends: "Chat\n", outside: "chat\ncalice\nje te déteste\nc@5\nab\n");
        var entries = LexiconFiles.Load(dir.Path).Entries;
        Assert.Equal([new LexiconEntry("calice", LexiconCategory.ChurchWord)], entries);
    }

    [Fact]
    public void A_bad_line_is_reported_with_its_file_and_line()
    {
        using var dir = new TempDirectory();
        WriteLexiconFolder(dir.Path, "# header\ntabarnak\tSacre\nconnard\tInsulte\nsans tabulation\n");
        var error = Assert.Throws<DataValidationException>(() => LexiconFiles.Load(dir.Path));
        Assert.Collection(error.Problems,
            p => { Assert.Equal(3, p.Line); Assert.Contains("unknown category 'Insulte'", p.Message); },
            p => Assert.Equal(4, p.Line));
    }

    [Fact]
    public void The_shipped_lexicon_uses_both_outside_lists_and_every_category()
    {
        var lexicon = TrainedBundle.SharedLexicon.Value;
        Assert.All(Lexicon.Categories, c => Assert.Contains(lexicon.Entries, e => e.Category == c));
        Assert.Contains(new LexiconEntry("enculeur", LexiconCategory.Sexual), lexicon.Entries);   // only in the outside lists
        Assert.InRange(lexicon.Entries.Count, 800, 3_000);
    }

    [Fact]
    public void Every_vendored_list_sits_beside_its_licence_and_the_notice_names_it()
    {
        var notice = File.ReadAllText(Path.Combine(Repo.Lexicons, "NOTICE.md"));
        foreach (var list in LexiconFiles.OutsideFiles)
        {
            Assert.True(File.Exists(Path.Combine(Repo.Lexicons, list)), list);
            Assert.True(File.Exists(Path.Combine(Repo.Lexicons, "LICENSE-" + list)), "LICENSE-" + list);
            Assert.Contains(list, notice);
        }
    }
}
