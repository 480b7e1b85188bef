using CsCheck;
using NetiquetteML.Scoring.Text;

namespace NetiquetteML.Tests.Text;

public class WordTrieTests
{
    /// <summary>What a lookup must give, by the definition: every stem the word starts with, and the word itself if it is an entry.</summary>
    internal static uint Reference(IEnumerable<(string Entry, uint Bits)> entries, string word)
    {
        uint bits = 0;
        foreach (var (entry, value) in entries)
        {
            var matches = entry.EndsWith('*') ? word.StartsWith(entry[..^1], StringComparison.Ordinal) : word == entry;
            if (matches) bits |= value;
        }
        return bits;
    }

    /// <summary>The words at the edges of a list: each entry, each of its prefixes, each extended by a letter, a digit or a character outside the alphabet.</summary>
    internal static IEnumerable<string> EdgeWords(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            var letters = entry.TrimEnd('*');
            for (var length = 0; length <= letters.Length; length++) yield return letters[..length];
            foreach (var extra in new[] { "a", "s", "e", "z", "0", "9", "-", "é", "x\u0301", "ab", "s-e" }) yield return letters + extra;
        }
    }

    // Few letters, so that random entries share prefixes and random words meet them.
    private static readonly Gen<string> Letters = Gen.Char["abcs0-é"].Array[0, 6].Select(c => new string(c));

    private static readonly Gen<(string, uint)> Entry =
        Gen.Select(Gen.Char["abcs0"].Array[1, 5].Select(c => new string(c)), Gen.Bool, Gen.Int[0, 31])
            .Select((letters, stem, bit) => (stem ? letters + "*" : letters, 1u << bit));

    [Fact]
    public void A_lookup_gives_the_bits_of_every_stem_the_word_starts_with_and_of_the_whole_word()
    {
        Gen.Select(Entry.List[0, 40], Letters.List[1, 30]).Sample((entries, words) =>
        {
            var trie = WordTrie.Build(entries);
            foreach (var word in words.Concat(EdgeWords(entries.Select(e => e.Item1))))
                Assert.Equal(Reference(entries, word), trie.Lookup(word));
        }, iter: 2000);
    }

    [Fact]
    public void A_stem_matches_the_word_it_spells_and_longer_words_only()
    {
        var trie = WordTrie.Build([("deneig*", 1u), ("rue", 2u), ("ru*", 4u)]);
        Assert.Equal(1u, trie.Lookup("deneig"));
        Assert.Equal(1u, trie.Lookup("deneigement"));
        Assert.Equal(0u, trie.Lookup("denei"));
        Assert.Equal(6u, trie.Lookup("rue"));
        Assert.Equal(4u, trie.Lookup("rues"));
        Assert.Equal(0u, trie.Lookup(""));
    }

    [Fact]
    public void A_character_outside_the_alphabet_ends_the_word_but_keeps_the_stems_before_it()
    {
        var trie = WordTrie.Build([("egout*", 1u), ("egouts", 2u)]);
        Assert.Equal(1u, trie.Lookup("egout-pluvial"));
        Assert.Equal(0u, trie.Lookup("égouts"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("rué")]
    [InlineData("Rue")]
    [InlineData("rue pavée")]
    public void An_entry_no_normalised_word_could_match_is_refused(string entry) =>
        Assert.Throws<ArgumentException>(() => WordTrie.Build([(entry, 1u)]));
}
