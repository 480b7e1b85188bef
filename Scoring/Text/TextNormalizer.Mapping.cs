using System.Globalization;
using System.Text;

namespace NetiquetteML.Scoring.Text;

public static partial class TextNormalizer
{
    /// <summary>
    /// <see cref="Normalize"/> step by step, each step recording where its characters came from,
    /// so that an explanation can point at what the author typed. Its text equals Normalize's
    /// output (a property test holds it to that on random strings and the whole corpus); it costs a
    /// few times more than Normalize, so only explanations call it.
    /// </summary>
    public static MappedText NormalizeWithMap(string? raw)
    {
        var original = raw ?? string.Empty;
        var text = MappedText.Identity(original, original.Length > MaxInputLength ? original[..MaxInputLength] : original);
        if (text.Text.Length == 0) return text;
        text = FoldCompatibility(text);
        text = Tokenizer.ReplaceSpecialSpans(text);
        text = FoldCaseAndAccents(text);
        return Deobfuscator.Apply(text);
    }

    private static MappedText FoldCompatibility(MappedText text)
    {
        if (text.Text.AsSpan().ContainsAnyInRange('\u249C', '\u24B5'))
            text = PerCharacter(text, static c => Homoglyphs.IsParenthesizedLetter(c) ? Homoglyphs.FromParenthesized(c) : c);
        try
        {
            text = Segmentwise(text, text.Text.Normalize(NormalizationForm.FormKC), static s => s.Normalize(NormalizationForm.FormKC), AsciiItself);
        }
        catch (ArgumentException)
        {
            text = DropInvalidCodePoints(text);
            try
            {
                text = Segmentwise(text, text.Text.Normalize(NormalizationForm.FormKC), static s => s.Normalize(NormalizationForm.FormKC), AsciiItself);
            }
            catch (ArgumentException)
            {
                // As Normalize does: on without compatibility folding.
            }
        }
        return FoldHomoglyphs(text);
    }

    /// <summary>Invisible characters dropped, homoglyphs made Latin: one character for one, so the map stays the same unless one is dropped.</summary>
    private static MappedText FoldHomoglyphs(MappedText text)
    {
        var s = text.Text;
        bool invisible = false, homoglyph = false;
        foreach (var c in s)
        {
            if (IsInvisible(c)) { invisible = true; break; }
            if (Homoglyphs.ToLatin(c) != c) homoglyph = true;
        }
        if (!invisible)
        {
            return homoglyph ? text.WithText(string.Create(s.Length, s, static (chars, s) =>
            {
                for (var i = 0; i < s.Length; i++) chars[i] = Homoglyphs.ToLatin(s[i]);
            })) : text;
        }
        var folded = new MappedText.Builder(text);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (!IsInvisible(c)) folded.Append(Homoglyphs.ToLatin(c), i, i + 1);
        }
        return folded.Build();
    }

    /// <summary>Text below U+0300 character by character from the table <see cref="FoldCaseAndAccents(string)"/> uses; any other by clusters.</summary>
    private static MappedText FoldCaseAndAccents(MappedText text)
    {
        var s = text.Text;
        foreach (var c in s)
        {
            if (c >= FoldedLatin.Length) return Segmentwise(text, FoldCaseAndAccents(s), FoldCaseAndAccentsOfAnyText, static c => c < FoldedLatin.Length ? FoldedLatin[c] : null);
        }
        // Most folds are one character for one (« É » to « e »): then the map is the same.
        var oneForOne = true;
        foreach (var c in s)
        {
            if (FoldedLatin[c].Length != 1) { oneForOne = false; break; }
        }
        if (oneForOne) return text.WithText(string.Create(s.Length, s, static (chars, s) =>
        {
            for (var i = 0; i < s.Length; i++) chars[i] = FoldedLatin[s[i]][0];
        }));
        var result = new MappedText.Builder(text);
        for (var i = 0; i < s.Length; i++)
        {
            var folded = FoldedLatin[s[i]];
            if (folded.Length == 1 && folded[0] == s[i]) result.Copy(i, i + 1);
            else result.Append(folded, i, i + 1);
        }
        return result.Build();
    }

    private static MappedText PerCharacter(MappedText text, Func<char, char> map)
    {
        var result = new MappedText.Builder(text);
        for (var i = 0; i < text.Text.Length; i++) result.Append(map(text.Text[i]), i, i + 1);
        return result.Build();
    }

    private static MappedText DropInvalidCodePoints(MappedText text)
    {
        var s = text.Text;
        var result = new MappedText.Builder(text);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                if (!IsNoncharacter(char.ConvertToUtf32(c, s[i + 1]))) result.Copy(i, i + 2);
                i++;
            }
            else if (!char.IsSurrogate(c) && !IsNoncharacter(c))
            {
                result.Copy(i, i + 1);
            }
        }
        return result.Build();
    }

    /// <summary>
    /// Applies a Unicode step to each cluster (a character with the marks that follow it) and maps
    /// each cluster's output to the cluster. Exact when the clusters' outputs, end to end, are the
    /// whole text's output (<paramref name="expected"/>), which holds unless a composition crosses
    /// clusters (Hangul jamo, a few scripts' vowel signs); then the whole output maps to the whole input.
    /// </summary>
    /// <param name="text">The step's input.</param>
    /// <param name="expected">The step's output on the whole text, as Normalize computes it.</param>
    /// <param name="step">The step on one cluster.</param>
    /// <param name="lone">What the step makes of a cluster of one character, when known without running it (null otherwise): most clusters are one Latin letter.</param>
    private static MappedText Segmentwise(MappedText text, string expected, Func<string, string> step, Func<char, string?> lone)
    {
        var s = text.Text;
        if (ReferenceEquals(expected, s) || expected == s) return text;
        var result = new MappedText.Builder(text);
        var start = 0;
        while (start < s.Length)
        {
            var end = start + 1;
            while (end < s.Length && !StartsCluster(s, end)) end++;
            if (end == start + 1 && lone(s[start]) is { } known)
            {
                if (known.Length == 1 && known[0] == s[start]) result.Copy(start, end);
                else result.Append(known, start, end);
                start = end;
                continue;
            }
            var piece = s[start..end];
            var output = step(piece);
            if (output == piece) result.Copy(start, end);
            else result.Append(output, start, end);
            start = end;
        }
        var mapped = result.Build();
        return mapped.Text == expected ? mapped : Whole(text, expected);
    }

    private static MappedText Whole(MappedText text, string expected)
    {
        var whole = new MappedText.Builder(text);
        whole.Append(expected, 0, text.Text.Length);
        return whole.Build();
    }

    private static readonly string[] AsciiStrings = Enumerable.Range(0, 0x80).Select(c => ((char)c).ToString()).ToArray();

    /// <summary>An ASCII character alone is its own NFKC form.</summary>
    private static string? AsciiItself(char c) => c < 0x80 ? AsciiStrings[c] : null;

    private static bool StartsCluster(string s, int i)
    {
        if (char.IsLowSurrogate(s[i])) return false;
        var category = CharUnicodeInfo.GetUnicodeCategory(s, i);
        return category is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark);
    }
}
