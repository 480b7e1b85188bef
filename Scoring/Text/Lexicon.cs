using System.Collections.Frozen;

namespace NetiquetteML.Scoring.Text;

/// <summary>What a lexicon entry is evidence of; each category is one dense signal of the models.</summary>
public enum LexiconCategory
{
    /// <summary>Quebec sacres in their swearing spellings (tabarnak, câlisse, crisse, ostie).</summary>
    Sacre,

    /// <summary>Words that are sacres and also church vocabulary (tabernacle, calice, hostie, ciboire): the context decides.</summary>
    ChurchWord,

    /// <summary>Insults and vulgar words (épais, connard, merde).</summary>
    Insult,

    /// <summary>Contempt by metaphor (rats, vermine, sangsues, pourris): offensive said of people, ordinary said of things.</summary>
    Contempt,

    /// <summary>Slurs and identity attacks.</summary>
    Slur,

    /// <summary>Sexual and obscene words.</summary>
    Sexual,

    /// <summary>Threats (« je sais où tu restes », « casser la gueule »).</summary>
    Threat,

    /// <summary>Words of accusation of dishonesty or crime (voleur, fraude, pot-de-vin): defamation when aimed at someone identifiable.</summary>
    Accusation,

    /// <summary>Names of groups of people (immigrants, autochtones, musulmans, assistés sociaux): neutral alone.</summary>
    Group,

    /// <summary>Words of exclusion and hatred (« retourne chez vous », « je déteste », « pas leur place »).</summary>
    Exclusion,

    /// <summary>
    /// Words of church life (église, paroisse, messe, sacristie, patrimoine religieux): with a
    /// <see cref="ChurchWord"/>, they tell a restored tabernacle from a sacre.
    /// </summary>
    ChurchContext,
}

/// <summary>
/// Words and phrases counted per <see cref="LexiconCategory"/> in a normalised comment. Terms are
/// normalised by <see cref="TextNormalizer"/> when the lexicon is built, so an obfuscated spelling
/// in a comment (« t@b@rn@k », « ᴛᴀʙᴀʀɴᴀᴋ », « c.o.n ») meets its term, and a term matches whole
/// words only (« con » never counts inside « conseil »). Immutable and thread-safe.
/// </summary>
public sealed class Lexicon
{
    public static readonly IReadOnlyList<LexiconCategory> Categories = Enum.GetValues<LexiconCategory>();

    public static readonly Lexicon Empty = new([]);

    private readonly FrozenDictionary<string, CategorySet>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly FrozenDictionary<string, Phrase[]>.AlternateLookup<ReadOnlySpan<char>> _phrasesByFirstWord;

    private Lexicon(IReadOnlyList<LexiconEntry> entries)
    {
        Entries = entries;
        var words = new Dictionary<string, CategorySet>(StringComparer.Ordinal);
        var phrases = new Dictionary<string, List<Phrase>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var tokens = entry.Term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0) continue;
            if (tokens.Length == 1)
            {
                words[tokens[0]] = words.GetValueOrDefault(tokens[0]).With(entry.Category);
                continue;
            }
            if (!phrases.TryGetValue(tokens[0], out var list)) phrases[tokens[0]] = list = [];
            list.Add(new Phrase(tokens[1..], entry.Category));
        }
        _words = words.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _phrasesByFirstWord = phrases.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The entries, terms already normalised, as stored in a bundle.</summary>
    public IReadOnlyList<LexiconEntry> Entries { get; }

    /// <summary>Normalises every term and drops the ones that normalise to nothing or twice to the same (term, category).</summary>
    public static Lexicon Create(IEnumerable<LexiconEntry> entries) =>
        new(entries
            .Select(e => e with { Term = TextNormalizer.Normalize(e.Term) })
            .Where(e => e.Term.Length > 0)
            .Distinct()
            .OrderBy(e => e.Term, StringComparer.Ordinal).ThenBy(e => e.Category)
            .ToList());

    /// <summary>Entries whose terms are already normalised (read back from a bundle): no normalisation again, so a bundle means what it meant.</summary>
    internal static Lexicon FromNormalized(IReadOnlyList<LexiconEntry> entries) => new(entries);

    /// <summary>Adds to <paramref name="counts"/> (one slot per category) the matches in <paramref name="normalizedText"/>. Allocates nothing.</summary>
    public void Count(ReadOnlySpan<char> normalizedText, Span<int> counts)
    {
        if (counts.Length < Categories.Count) throw new ArgumentException($"{Categories.Count} slots are needed.", nameof(counts));
        foreach (var match in new MatchEnumerator(this, normalizedText))
            counts[(int)match.Category]++;
    }

    /// <summary>Every match, as character ranges of the normalised text, for explanations and tests.</summary>
    public List<LexiconMatch> Matches(string normalizedText)
    {
        var found = new List<LexiconMatch>();
        foreach (var match in new MatchEnumerator(this, normalizedText)) found.Add(match);
        return found;
    }

    private readonly record struct Phrase(string[] Rest, LexiconCategory Category);

    /// <summary>The categories of one word (a word can be both, say, an insult and sexual).</summary>
    private readonly record struct CategorySet(int Bits)
    {
        public CategorySet With(LexiconCategory category) => new(Bits | (1 << (int)category));
    }

    /// <summary>
    /// Walks the words of a normalised text (single spaces between tokens) and yields every word and
    /// phrase match, but a church word inside a church-context phrase only as that phrase.
    /// </summary>
    private ref struct MatchEnumerator(Lexicon lexicon, ReadOnlySpan<char> text)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private int _next;                   // where the next word starts
        private int _wordStart, _wordEnd;    // the current word
        private int _pendingBits;            // categories of the current word not yet yielded
        private Phrase[]? _phrases;          // phrases starting at the current word
        private int _phraseIndex;
        private int _churchContextEnd;       // end of the last church-context phrase matched

        public LexiconMatch Current { get; private set; }

        public readonly MatchEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (true)
            {
                if (_pendingBits != 0)
                {
                    var category = (LexiconCategory)System.Numerics.BitOperations.TrailingZeroCount(_pendingBits);
                    _pendingBits &= _pendingBits - 1;
                    // « le calice », « les hosties »: a church word inside a church-context phrase is
                    // the thing named, not a possible sacre (see the phrases of netiquette-fr.tsv).
                    if (category == LexiconCategory.ChurchWord && _wordStart < _churchContextEnd) continue;
                    Current = new LexiconMatch(_wordStart, _wordEnd - _wordStart, category);
                    return true;
                }
                while (_phrases is not null && _phraseIndex < _phrases.Length)
                {
                    var phrase = _phrases[_phraseIndex++];
                    var end = MatchRest(phrase.Rest);
                    if (end < 0) continue;
                    if (phrase.Category == LexiconCategory.ChurchContext) _churchContextEnd = Math.Max(_churchContextEnd, end);
                    Current = new LexiconMatch(_wordStart, end - _wordStart, phrase.Category);
                    return true;
                }
                if (!NextWord()) return false;
            }
        }

        private bool NextWord()
        {
            while (_next < _text.Length && _text[_next] == ' ') _next++;
            if (_next >= _text.Length) return false;
            _wordStart = _next;
            var length = _text[_next..].IndexOf(' ');
            _wordEnd = length < 0 ? _text.Length : _next + length;
            _next = _wordEnd;
            var word = _text[_wordStart.._wordEnd];
            _pendingBits = lexicon._words.TryGetValue(word, out var set) ? set.Bits : 0;
            _phrases = lexicon._phrasesByFirstWord.TryGetValue(word, out var phrases) ? phrases : null;
            _phraseIndex = 0;
            return true;
        }

        /// <summary>End of the phrase when the words after the current one are <paramref name="rest"/>; -1 otherwise.</summary>
        private readonly int MatchRest(string[] rest)
        {
            var at = _wordEnd;
            foreach (var expected in rest)
            {
                if (at >= _text.Length || _text[at] != ' ') return -1;
                at++;
                if (!_text[at..].StartsWith(expected, StringComparison.Ordinal)) return -1;
                at += expected.Length;
                if (at < _text.Length && _text[at] != ' ') return -1;
            }
            return at;
        }
    }
}

/// <summary>One term of a lexicon and what it is evidence of.</summary>
public sealed record LexiconEntry(string Term, LexiconCategory Category);

/// <summary>A lexicon match: <see cref="Length"/> characters of the normalised text from <see cref="Start"/>.</summary>
public readonly record struct LexiconMatch(int Start, int Length, LexiconCategory Category);
