using System.Globalization;
using System.Text;

namespace NetiquetteML.Scoring.Text;

/// <summary>
/// Turns a raw French comment into the canonical form every model sees, in training and in
/// scoring alike (train/serve parity lives here and only here).
/// </summary>
/// <remarks>
/// Steps, in order: Unicode compatibility folding (full-width letters), removal of invisible
/// characters, homoglyph mapping (Cyrillic/Greek look-alikes), URL/e-mail/money/number tokens,
/// case and accent folding, leetspeak inside words (<c>t@barnak</c>, <c>0stie</c>), masked letters
/// matched against a lexicon (<c>c*lisse</c>), spaced letters (<c>i d i o t</c>), elongations
/// (<c>noooon</c>), elisions (<c>c'est</c> → <c>c est</c>). Accents are folded because residents
/// type without them as often as with them; the folded and unfolded forms must meet.
/// </remarks>
public static partial class TextNormalizer
{
    /// <summary>
    /// Bumped whenever the output of <see cref="Normalize"/> or of <see cref="CommentFeaturizer"/>
    /// changes; stored in bundles, which a scorer of another version refuses.
    /// </summary>
    public const int Version = 7;

    public const string UrlToken = "xxurl";
    public const string EmailToken = "xxcourriel";
    public const string MoneyToken = "xxmontant";
    public const string NumberToken = "xxnombre";
    public const string PhoneToken = "xxtelephone";
    public const string MentionToken = "xxmention";

    // The town's own contacts (its telephone number, any address at its domain, its web site).
    public const string TownPhoneToken = "xxtelephoneville";
    public const string TownEmailToken = "xxcourrielville";
    public const string TownUrlToken = "xxurlville";

    /// <summary>Longest input looked at; longer comments are cut so one huge paste cannot stall a model.</summary>
    public const int MaxInputLength = 20_000;

    public static string Normalize(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return string.Empty;
        var text = raw.Length > MaxInputLength ? raw[..MaxInputLength] : raw;

        text = FoldCompatibility(text);
        text = Tokenizer.ReplaceSpecialSpans(text);
        text = FoldCaseAndAccents(text);
        // Deobfuscator.Apply joins its tokens with single spaces: its output is already collapsed.
        return Deobfuscator.Apply(text);
    }

    /// <summary>NFKC folding, invisible characters dropped, look-alike letters mapped to Latin.</summary>
    internal static string FoldCompatibility(string text)
    {
        text = UnwrapParenthesizedLetters(text);
        string folded;
        try
        {
            folded = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates and noncharacters (U+FFFE, U+FDD0…) make Normalize throw; drop them
            // and retry, and should ICU still refuse, go on without compatibility folding.
            var valid = DropInvalidCodePoints(text);
            try
            {
                folded = valid.Normalize(NormalizationForm.FormKC);
            }
            catch (ArgumentException)
            {
                folded = valid;
            }
        }

        var unchanged = true;
        foreach (var c in folded)
        {
            if (IsInvisible(c) || Homoglyphs.ToLatin(c) != c) { unchanged = false; break; }
        }
        if (unchanged) return folded; // the usual case: nothing to drop or map, no copy

        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (IsInvisible(c)) continue;
            sb.Append(Homoglyphs.ToLatin(c));
        }
        return sb.ToString();
    }

    private static string UnwrapParenthesizedLetters(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\u249C', '\u24B5')) return text;
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = Homoglyphs.IsParenthesizedLetter(source[i]) ? Homoglyphs.FromParenthesized(source[i]) : source[i];
        });
    }

    private static string DropInvalidCodePoints(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                if (!IsNoncharacter(codePoint)) sb.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (!char.IsSurrogate(c) && !IsNoncharacter(c))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    /// <summary>
    /// Characters that show nothing but can split a word or a number: zero-width spaces and
    /// joiners, the soft hyphen, byte-order marks, every other format character, and NUL. The
    /// personal-information detector drops the same ones (<see cref="Rules.EvasionFolding"/>).
    /// </summary>
    internal static bool IsInvisible(char c) =>
        c is '\0' or '\u00AD' or '\u180E' || (c >= '\u0600' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);

    /// <summary>Lower case, accents removed, apostrophes unified and elisions split.</summary>
    /// <remarks>
    /// Text made only of characters below U+0300 (Latin letters with or without accents, the
    /// usual punctuation: most comments) is folded character by character from a table built
    /// with the general path below. That is exact: none of these characters is a combining mark,
    /// so the canonical decomposition of such a text is the decompositions of its characters
    /// one after the other, never reordered.
    /// </remarks>
    internal static string FoldCaseAndAccents(string text)
    {
        foreach (var c in text)
        {
            if (c >= FoldedLatin.Length) return FoldCaseAndAccentsOfAnyText(text);
        }
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(2 * text.Length);
        try
        {
            var length = 0;
            foreach (var c in text)
            {
                var folded = FoldedLatin[c];
                folded.CopyTo(buffer.AsSpan(length));
                length += folded.Length;
            }
            var result = buffer.AsSpan(0, length);
            return result.SequenceEqual(text) ? text : new string(result);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>What <see cref="FoldCaseAndAccentsOfAnyText"/> makes of each character below U+0300 (at most two characters: « œ » → « oe »).</summary>
    private static readonly string[] FoldedLatin = Enumerable.Range(0, 0x300).Select(c => FoldCaseAndAccentsOfAnyText(((char)c).ToString())).ToArray();

    internal static string FoldCaseAndAccentsOfAnyText(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            switch (c)
            {
                case '\u2019' or '\u2018' or '\u02BC' or '`' or '\u00B4' or '\'':
                    sb.Append(' ');
                    break;
                case '\u0153': sb.Append("oe"); break;
                case '\u00E6': sb.Append("ae"); break;
                case '\u0152': sb.Append("oe"); break;
                case '\u00C6': sb.Append("ae"); break;
                case '\r' or '\n' or '\t': sb.Append(' '); break;
                default:
                    sb.Append(char.ToLowerInvariant(c));
                    break;
            }
        }
        return sb.ToString();
    }
}
