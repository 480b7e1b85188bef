using System.Globalization;
using NetiquetteML.Scoring.Text;

namespace NetiquetteML.Scoring.Rules;

/// <summary>
/// Undoes the cheap tricks that hide personal information from a scanner — zero-width characters
/// between digits, full-width or non-Latin digits, look-alike letters — while keeping, for each
/// character of the folded text, its offset in the original, so findings still point at what
/// the author typed.
/// </summary>
internal static class EvasionFolding
{
    /// <returns>The folded text and a map from folded to original offsets; the map is null when nothing changed.</returns>
    public static (string Text, int[]? Map) Fold(string text)
    {
        if (!NeedsFolding(text)) return (text, null);
        var chars = new char[text.Length];
        var map = new int[text.Length];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (TextNormalizer.IsInvisible(c)) continue;
            chars[n] = Fold(c);
            map[n++] = i;
        }
        return (new string(chars, 0, n), map[..n]);
    }

    private static bool NeedsFolding(string text)
    {
        foreach (var c in text)
        {
            if (TextNormalizer.IsInvisible(c) || (c >= 0x00AD && Fold(c) != c)) return true;
        }
        return false;
    }

    private static char Fold(char c)
    {
        if (c < 0x00AD) return c;
        if (c is >= '\uFF01' and <= '\uFF5E') return (char)(c - 0xFEE0);
        if (char.IsDigit(c) && !char.IsSurrogate(c))
        {
            var value = CharUnicodeInfo.GetDecimalDigitValue(c);
            if (value >= 0) return (char)('0' + value);
        }
        return Homoglyphs.ToLatin(c);
    }
}
