using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace NetiquetteML.Scoring.Rules;

/// <summary>
/// Character-level helpers shared by the hand-written scanners of the personal-information rule.
/// Every helper is bounds-safe (reading outside the string yields <c>'\0'</c>) and allocation-free,
/// so that the scanners stay linear in the length of the text whatever it contains.
/// </summary>
internal static class TextScan
{
    /// <summary>Longest word that <see cref="InSet"/> and the folding helpers look up.</summary>
    public const int MaxFoldedWord = 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char At(string s, int i) => (uint)i < (uint)s.Length ? s[i] : '\0';

    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    public static bool IsAsciiLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    public static bool IsAsciiUpper(char c) => (uint)(c - 'A') <= 'Z' - 'A';

    public static bool IsAsciiLetterOrDigit(char c) => IsDigit(c) || IsAsciiLetter(c);

    /// <summary>Horizontal white space, including the no-break spaces French typography puts before « $ » or « : ».</summary>
    public static bool IsHSpace(char c) =>
        c is ' ' or '\t' or '\u00A0' or '\u202F' or '\u2007' or '\u2009' or '\u2002' or '\u2003' or '\u2008' or '\u200A' or '\u3000';

    public static bool IsDash(char c) => c is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212';

    public static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u02BC';

    /// <summary>Characters that glue to a word: a match may not start or end next to one of them.</summary>
    public static bool IsWordChar(char c) => c == '_' || char.IsLetterOrDigit(c);

    /// <summary>Lower-cases and strips the accents French uses; apostrophes become <c>'</c>.</summary>
    public static char Fold(char c)
    {
        if (c < 0x80)
        {
            return IsAsciiUpper(c) ? (char)(c | 0x20) : c;
        }

        switch (c)
        {
            case >= '\u00C0' and <= '\u00C5':
            case >= '\u00E0' and <= '\u00E5':
                return 'a';
            case '\u00C7' or '\u00E7':
                return 'c';
            case >= '\u00C8' and <= '\u00CB':
            case >= '\u00E8' and <= '\u00EB':
                return 'e';
            case >= '\u00CC' and <= '\u00CF':
            case >= '\u00EC' and <= '\u00EF':
                return 'i';
            case '\u00D1' or '\u00F1':
                return 'n';
            case >= '\u00D2' and <= '\u00D6':
            case >= '\u00F2' and <= '\u00F6':
                return 'o';
            case >= '\u00D9' and <= '\u00DC':
            case >= '\u00F9' and <= '\u00FC':
                return 'u';
            case '\u00DD' or '\u00FD' or '\u00FF':
                return 'y';
            case '\u2019' or '\u02BC':
                return '\'';
            default:
                return char.ToLowerInvariant(c);
        }
    }

    public static int DigitRunEnd(string s, int i)
    {
        while (i < s.Length && IsDigit(s[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>The end of the run of letters at <paramref name="i"/>, read no further than <paramref name="maxLength"/> letters.</summary>
    public static int LetterRunEnd(string s, int i, int maxLength)
    {
        var limit = (int)Math.Min(s.Length, (long)i + maxLength);
        while (i < limit && char.IsLetter(s[i]))
        {
            i++;
        }

        return i;
    }

    public static int LetterRunEnd(string s, int i) => LetterRunEnd(s, i, int.MaxValue);

    public static int SkipHSpace(string s, int i, int max)
    {
        int limit = i + max;
        while (i < s.Length && i < limit && IsHSpace(s[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>True when <paramref name="s"/>[start..end) folds to exactly <paramref name="folded"/>.</summary>
    public static bool EqualsFolded(string s, int start, int end, string folded) =>
        end - start == folded.Length && MatchesFoldedAt(s, start, folded);

    /// <summary>True when the text at <paramref name="start"/> folds to <paramref name="folded"/> (no boundary check).</summary>
    public static bool MatchesFoldedAt(string s, int start, string folded)
    {
        if (start < 0 || start + folded.Length > s.Length)
        {
            return false;
        }

        for (int k = 0; k < folded.Length; k++)
        {
            if (Fold(s[start + k]) != folded[k])
            {
                return false;
            }
        }

        return true;
    }

    public static bool StartsWithFolded(string s, int start, int end, string folded)
    {
        if (end - start < folded.Length)
        {
            return false;
        }

        return MatchesFoldedAt(s, start, folded);
    }

    public static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup(params string[] words) =>
        words.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when the folded form of <paramref name="s"/>[start..end) is in <paramref name="set"/>.</summary>
    public static bool InSet(FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> set, string s, int start, int end)
    {
        int len = end - start;
        if (len <= 0 || len > MaxFoldedWord || start < 0 || end > s.Length)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[MaxFoldedWord];
        for (int k = 0; k < len; k++)
        {
            buffer[k] = Fold(s[start + k]);
        }

        return set.Contains(buffer[..len]);
    }

    /// <summary>The folded form of a short slice (at most <see cref="MaxFoldedWord"/> characters are kept).</summary>
    public static string FoldSlice(string s, int start, int end)
    {
        int len = Math.Min(end - start, MaxFoldedWord);
        if (len <= 0)
        {
            return string.Empty;
        }

        return string.Create(len, (s, start), static (span, state) =>
        {
            for (int k = 0; k < span.Length; k++)
            {
                span[k] = Fold(state.s[state.start + k]);
            }
        });
    }

    /// <summary>
    /// Collects up to <paramref name="output"/>.Length words (runs of letters) that end before
    /// <paramref name="pos"/>, nearest first, looking back at most <paramref name="maxChars"/> characters.
    /// A word cut by the look-back limit is not returned.
    /// </summary>
    public static int PrecedingWords(string s, int pos, int maxChars, Span<Range> output)
    {
        pos = Math.Clamp(pos, 0, s.Length);
        int limit = Math.Max(0, pos - maxChars);
        int count = 0;
        int i = pos - 1;
        while (count < output.Length && i >= limit)
        {
            while (i >= limit && !char.IsLetter(s[i]))
            {
                i--;
            }

            if (i < limit)
            {
                break;
            }

            int end = i + 1;
            while (i >= limit && char.IsLetter(s[i]))
            {
                i--;
            }

            int start = i + 1;
            if (start == limit && limit > 0 && char.IsLetter(s[limit - 1]))
            {
                break;
            }

            output[count++] = new Range(start, end);
        }

        return count;
    }

    /// <summary>
    /// Reads a name-like token at <paramref name="i"/>: letters and digits, with single inner hyphens or
    /// apostrophes (« Lac-Parent », « l'Église », « St-Jean »). Returns <paramref name="i"/> when there is none.
    /// At most <paramref name="maxLength"/> characters are read, so a reader stays bounded.
    /// </summary>
    public static int ReadToken(string s, int i, int maxLength = 64)
    {
        int start = i;
        int limit = Math.Min(s.Length, i + maxLength);
        while (i < limit)
        {
            char c = s[i];
            if (char.IsLetterOrDigit(c))
            {
                i++;
            }
            else if ((IsDash(c) || IsApostrophe(c)) && i > start && i + 1 < limit && char.IsLetterOrDigit(s[i + 1]))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>
    /// True when one of the eight words before <paramref name="pos"/> (within <paramref name="maxChars"/>)
    /// is exactly one of <paramref name="exact"/> or starts with one of <paramref name="prefixes"/>.
    /// </summary>
    public static bool HasContext(string s, int pos, int maxChars, string[] exact, string[] prefixes)
    {
        Span<Range> words = stackalloc Range[8];
        int count = PrecedingWords(s, pos, maxChars, words);
        for (int w = 0; w < count; w++)
        {
            var (ws, wl) = words[w].GetOffsetAndLength(s.Length);
            if (IsContextWord(s, ws, ws + wl, exact, prefixes))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the word s[ws..we) is one of <paramref name="exact"/> or starts with one of <paramref name="prefixes"/>, case and accents folded.</summary>
    public static bool IsContextWord(string s, int ws, int we, string[] exact, string[] prefixes)
    {
        foreach (var word in exact)
        {
            if (EqualsFolded(s, ws, we, word))
            {
                return true;
            }
        }

        foreach (var prefix in prefixes)
        {
            if (StartsWithFolded(s, ws, we, prefix))
            {
                return true;
            }
        }

        return false;
    }
}
