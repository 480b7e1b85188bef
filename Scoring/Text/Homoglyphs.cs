using System.Collections.Frozen;

namespace NetiquetteML.Scoring.Text;

/// <summary>
/// Maps letters that look Latin to the Latin letter a reader sees: Cyrillic and Greek look-alikes,
/// and the small capitals (« ᴛᴀʙᴀʀɴᴀᴋ ») that compatibility folding leaves as they are.
/// </summary>
internal static class Homoglyphs
{
    private static readonly FrozenDictionary<char, char> Map = new Dictionary<char, char>
    {
        // Cyrillic lower case
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o',
        ['р'] = 'p', ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ї'] = 'i', ['ј'] = 'j',
        ['ѕ'] = 's', ['ԁ'] = 'd', ['ӏ'] = 'l', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ɡ'] = 'g',
        // Cyrillic upper case
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['Ё'] = 'E', ['К'] = 'K', ['М'] = 'M', ['Н'] = 'H', ['О'] = 'O',
        ['Р'] = 'P', ['С'] = 'C', ['Т'] = 'T', ['У'] = 'Y', ['Х'] = 'X', ['І'] = 'I', ['Ј'] = 'J', ['Ѕ'] = 'S',
        // Greek
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p',
        ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Η'] = 'H', ['Ι'] = 'I',
        ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N', ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X',
        ['Ζ'] = 'Z',
        // Small capitals (IPA and phonetic extensions, Latin extended-D)
        ['ᴀ'] = 'a', ['ʙ'] = 'b', ['ᴄ'] = 'c', ['ᴅ'] = 'd', ['ᴇ'] = 'e', ['ꜰ'] = 'f', ['ɢ'] = 'g', ['ʜ'] = 'h',
        ['ɪ'] = 'i', ['ᴊ'] = 'j', ['ᴋ'] = 'k', ['ʟ'] = 'l', ['ᴍ'] = 'm', ['ɴ'] = 'n', ['ᴏ'] = 'o', ['ᴘ'] = 'p',
        ['ꞯ'] = 'q', ['ʀ'] = 'r', ['ꜱ'] = 's', ['ᴛ'] = 't', ['ᴜ'] = 'u', ['ᴠ'] = 'v', ['ᴡ'] = 'w', ['ʏ'] = 'y',
        ['ᴢ'] = 'z',
    }.ToFrozenDictionary();

    // Below U+0250 (Latin letters with their accents) nothing is mapped: most comments never reach the table.
    public static char ToLatin(char c) => c < 0x0250 ? c : Map.TryGetValue(c, out var latin) ? latin : c;

    /// <summary>Parenthesised letters (« ⒞⒪⒩ »), which compatibility folding would turn into « (c)(o)(n) ».</summary>
    public static bool IsParenthesizedLetter(char c) => c is >= '\u249C' and <= '\u24B5';

    public static char FromParenthesized(char c) => (char)('a' + (c - '\u249C'));
}
