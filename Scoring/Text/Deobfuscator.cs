using System.Text;

namespace NetiquetteML.Scoring.Text;

/// <summary>
/// Sees through the spellings people use to slip past a filter, on text that is already lower
/// case and without accents: leetspeak inside words (<c>t@barnak</c>, <c>0stie</c>), masked
/// letters (<c>c*lisse</c>), dotted or spaced letters (<c>c.o.n</c>, <c>i d i o t</c>) and
/// elongations (<c>noooon</c>). Punctuation and emojis become tokens of their own.
/// </summary>
internal static class Deobfuscator
{
    private const int MinJoinedLengthWithoutLexicon = 5;

    public static string Apply(string text)
    {
        var tokens = new List<string>();
        foreach (var raw in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = Unmask(Unleet(raw));
            token = JoinDottedLetters(token);
            SplitPunctuation(token, tokens);
        }
        JoinSpacedLetters(tokens);
        var sb = new StringBuilder(text.Length);
        foreach (var token in tokens)
        {
            if (sb.Length > 0) sb.Append(' ');
            AppendCollapsed(sb, token);
        }
        return sb.ToString();
    }

    private static bool IsLeet(char c) => c is '@' or '0' or '1' or '3' or '4' or '5' or '$' or '€' or '!' or '7';

    private static char FromLeet(char c) => c switch
    {
        '@' or '4' => 'a',
        '0' => 'o',
        '1' or '!' => 'i',
        '3' or '€' => 'e',
        '5' or '$' => 's',
        '7' => 't',
        _ => c,
    };

    /// <summary>Leetspeak only where letters surround it: « 10e » and « 4x4 » stay as they are.</summary>
    internal static string Unleet(string token)
    {
        if (token.StartsWith("xx", StringComparison.Ordinal)) return token;
        var letters = 0;
        var leet = false;
        foreach (var c in token)
        {
            if (char.IsAsciiLetterLower(c)) letters++;
            else if (IsLeet(c)) leet = true;
        }
        if (!leet || letters < 2 || IsOrdinal(token)) return token;

        var chars = token.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!IsLeet(chars[i])) continue;
            var letterBefore = i > 0 && char.IsAsciiLetterLower(chars[i - 1]);
            var letterAfter = i + 1 < chars.Length && (char.IsAsciiLetterLower(chars[i + 1]) || IsLeet(chars[i + 1]));
            // « ! » and « $ » stand for letters only between letters: « merci!!! » and « 5$ » stay.
            if (chars[i] is '!' or '$' && !(letterBefore && i + 1 < chars.Length && char.IsAsciiLetterLower(chars[i + 1]))) continue;
            if (letterBefore || letterAfter) chars[i] = FromLeet(chars[i]);
        }
        return new string(chars);
    }

    private static bool IsOrdinal(string token)
    {
        var i = 0;
        while (i < token.Length && char.IsAsciiDigit(token[i])) i++;
        if (i == 0) return false;
        var suffix = token[i..];
        return suffix is "e" or "er" or "re" or "ere" or "eme" or "ieme" or "em" or "ier" or "iere" or "h" or "min" or "km" or "cm" or "m" or "x";
    }

    private static bool IsMask(char c) => c is '*' or '#' or '%' or '_' or '?';

    /// <summary>« c*lisse » → « calisse » when exactly one lexicon word fits the mask.</summary>
    internal static string Unmask(string token)
    {
        var maskAt = -1;
        var letters = 0;
        for (var i = 0; i < token.Length; i++)
        {
            if (IsMask(token[i]) && i > 0 && i < token.Length - 1) maskAt = i;
            else if (char.IsAsciiLetterLower(token[i])) letters++;
        }
        if (maskAt < 0 || letters < 2) return token;

        string? match = null;
        foreach (var word in Lexicons.Offensive)
        {
            if (word.Length != token.Length || word.Length < 4) continue;
            var fits = true;
            for (var i = 0; i < word.Length && fits; i++)
                fits = IsMask(token[i]) || token[i] == word[i];
            if (!fits) continue;
            if (match is not null) return token;
            match = word;
        }
        return match ?? token;
    }

    /// <summary>« c.o.n », « i-d-i-o-t »: single letters joined by one punctuation mark each.</summary>
    internal static string JoinDottedLetters(string token)
    {
        if (token.Length < 5) return token;
        for (var i = 0; i < token.Length; i++)
        {
            var isLetterSlot = i % 2 == 0;
            if (isLetterSlot != char.IsAsciiLetterLower(token[i])) return token;
            if (!isLetterSlot && token[i] is not ('.' or '-' or '_' or '*' or '/')) return token;
        }
        var sb = new StringBuilder();
        for (var i = 0; i < token.Length; i += 2) sb.Append(token[i]);
        return sb.ToString();
    }

    private static void SplitPunctuation(string token, List<string> tokens)
    {
        var start = 0;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (char.IsLetterOrDigit(c)) continue;
            if (i > start) tokens.Add(token[start..i]);
            var pair = char.IsHighSurrogate(c) && i + 1 < token.Length && char.IsLowSurrogate(token[i + 1]);
            var width = pair ? 2 : 1;
            // A run of the same mark (« !!!! », « ??? ») stays one token, collapsed later.
            while (!pair && i + width < token.Length && token[i + width] == c) width++;
            if (!char.IsWhiteSpace(c)) tokens.Add(token.Substring(i, width));
            i += width - 1;
            start = i + 1;
        }
        if (start < token.Length) tokens.Add(token[start..]);
    }

    /// <summary>« i d i o t » → « idiot », only when the result is a known word or clearly not French filler.</summary>
    private static void JoinSpacedLetters(List<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var j = i;
            while (j < tokens.Count && tokens[j].Length == 1 && char.IsAsciiLetterLower(tokens[j][0])) j++;
            var run = j - i;
            if (run < 3) continue;
            var joined = string.Concat(tokens.GetRange(i, run));
            if (!Lexicons.Offensive.Contains(joined) && run < MinJoinedLengthWithoutLexicon) continue;
            tokens.RemoveRange(i, run);
            tokens.Insert(i, joined);
        }
    }

    /// <summary>Three or more of the same letter become one (« nooon » → « non »); other runs become two.</summary>
    private static void AppendCollapsed(StringBuilder sb, string token)
    {
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            var run = 1;
            while (i + run < token.Length && token[i + run] == c) run++;
            if (run >= 3) sb.Append(c, char.IsLetter(c) ? 1 : 2);
            else sb.Append(c, run);
            i += run - 1;
        }
    }
}
