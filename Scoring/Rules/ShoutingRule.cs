using System.Collections.Frozen;
using System.Text;

namespace NetiquetteML.Scoring.Rules;

/// <summary>
/// The rule category <c>shouting</c> of the labelling guide: « l'usage des majuscules est considéré
/// comme un cri ».
/// </summary>
/// <remarks>
/// <para>How a comment is judged:</para>
/// <list type="number">
/// <item><description>Words are runs of letters (<see cref="Rune.IsLetter"/>; apostrophes, hyphens,
/// digits, symbols and emojis separate words and are never counted). Combining marks stay inside the
/// word without being counted. Letters outside the BMP are read as whole runes, so styled capitals
/// such as « 𝗔 » count as capitals; lone surrogates are ignored.</description></item>
/// <item><description>A word written entirely in capitals that is one of <see cref="ShoutingOptions.Acronyms"/>
/// (MRC, SQ, CLSC, CPE, SAAQ, RAMQ, DG, COVID…) is ignored entirely.</description></item>
/// <item><description>Every other cased letter is counted: upper-case (É, À, Ç included) or lower-case.
/// Letters without case (CJK, Arabic…) are not counted. <see cref="ShoutingResult.CapitalRatio"/> is
/// capitals ÷ counted letters.</description></item>
/// <item><description>A comment is shouting when at least <see cref="ShoutingOptions.MinLetters"/> letters
/// were counted (default 12: shorter comments are never shouting) and the ratio is at least
/// <see cref="ShoutingOptions.Threshold"/> (default 0.7)…</description></item>
/// <item><description>…unless it is only emphasis: at most <see cref="ShoutingOptions.MaxEmphasisWords"/>
/// (default 2) words of two letters or more are fully capitalised and at least one word has
/// lower-case letters, as in « C'est VRAIMENT DANGEREUX pour les enfants du quartier ».</description></item>
/// </list>
/// <para>Linear in the length of the text, never throws, immutable and thread-safe.</para>
/// </remarks>
public sealed class ShoutingRule
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _acronyms;
    private readonly int _longestAcronym;

    /// <summary>Creates the rule.</summary>
    /// <param name="options">Thresholds and acronyms; <see cref="ShoutingOptions.Default"/> when null.</param>
    public ShoutingRule(ShoutingOptions? options = null)
    {
        Options = options ?? ShoutingOptions.Default;
        _acronyms = Options.Acronyms.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _longestAcronym = Options.Acronyms.Count == 0 ? 0 : Options.Acronyms.Max(a => a.Length);
    }

    /// <summary>The options this rule was built with.</summary>
    public ShoutingOptions Options { get; }

    /// <summary>Judges whether <paramref name="text"/> is written mostly in capitals.</summary>
    public ShoutingResult Evaluate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new ShoutingResult(false, 0, 0);
        }

        int upper = 0;
        int lower = 0;
        int capitalisedWords = 0;
        int wordsWithLowerCase = 0;

        int wordStart = -1;
        int wordUpper = 0;
        int wordLower = 0;
        int wordLetters = 0;
        int index = 0;

        while (index < text.Length)
        {
            char ch = text[index];
            if (ch < 0x80)
            {
                // ASCII fast path: same outcome as the rune path below (no marks, letters are A-Z / a-z).
                if (TextScan.IsAsciiLetter(ch))
                {
                    if (wordStart < 0)
                    {
                        wordStart = index;
                    }

                    wordLetters++;
                    if (ch <= 'Z')
                    {
                        wordUpper++;
                    }
                    else
                    {
                        wordLower++;
                    }
                }
                else
                {
                    CloseWord(index);
                }

                index++;
                continue;
            }

            // As String.EnumerateRunes: a valid surrogate pair is one rune, a lone surrogate is U+FFFD.
            Rune rune;
            if (char.IsHighSurrogate(ch) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                rune = new Rune(ch, text[index + 1]);
            }
            else if (char.IsSurrogate(ch))
            {
                rune = Rune.ReplacementChar;
            }
            else
            {
                rune = new Rune(ch);
            }

            var category = Rune.GetUnicodeCategory(rune);
            bool letter = Rune.IsLetter(rune);
            bool mark = category is System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.SpacingCombiningMark
                or System.Globalization.UnicodeCategory.EnclosingMark;
            if (letter)
            {
                if (wordStart < 0)
                {
                    wordStart = index;
                }

                wordLetters++;
                if (Rune.IsUpper(rune))
                {
                    wordUpper++;
                }
                else if (Rune.IsLower(rune))
                {
                    wordLower++;
                }
            }
            else if (!(mark && wordStart >= 0))
            {
                CloseWord(index);
            }

            index += rune.Utf16SequenceLength;
        }

        CloseWord(index);

        int counted = upper + lower;
        double ratio = counted == 0 ? 0 : (double)upper / counted;
        bool emphasisOnly = capitalisedWords <= Options.MaxEmphasisWords && wordsWithLowerCase > 0;
        bool shouting = counted >= Options.MinLetters && ratio >= Options.Threshold && !emphasisOnly;
        return new ShoutingResult(shouting, ratio, counted);

        void CloseWord(int end)
        {
            if (wordStart < 0)
            {
                return;
            }

            bool allCapitals = wordUpper == wordLetters;
            bool acronym = allCapitals && end - wordStart <= _longestAcronym && _acronyms.Contains(text.AsSpan(wordStart, end - wordStart));
            if (!acronym)
            {
                upper += wordUpper;
                lower += wordLower;
                if (allCapitals && wordLetters >= 2)
                {
                    capitalisedWords++;
                }

                if (wordLower > 0)
                {
                    wordsWithLowerCase++;
                }
            }

            wordStart = -1;
            wordUpper = 0;
            wordLower = 0;
            wordLetters = 0;
        }
    }
}
