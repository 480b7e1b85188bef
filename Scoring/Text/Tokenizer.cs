using System.Text.RegularExpressions;

namespace NetiquetteML.Scoring.Text;

/// <summary>
/// Replaces spans whose exact value carries no meaning for the models (a URL, an e-mail, an
/// amount, a number) with a stable token, so the models learn "a link" rather than one link.
/// The town's own telephone number, e-mail domain and web site get tokens of their own: « appelez
/// la ville au 819 737-2296 » is the opposite of an ad, and one token for every number made the
/// models read it as one.
/// </summary>
internal static class Tokenizer
{
    private const RegexOptions Linear = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    private static readonly Regex Url = new(
        @"(https?://|www\.)[^\s]+|\b[a-z0-9-]+\.(com|ca|net|org|ly|io|co|shop|store|biz|info|me|gg|fr|qc\.ca)(/[^\s]*)?",
        Linear);

    private static readonly Regex Email = new(
        @"[a-z0-9._%+-]+\s?(@|\[at\]|\(at\)|\[@\])\s?[a-z0-9-]+(\s?(\.|\[dot\]|\(dot\))\s?[a-z0-9-]+)+",
        Linear);

    private static readonly Regex Phone = new(
        @"(\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?\d{3}[\s.-]?\d{2}\s?\d{2}",
        Linear);

    private static readonly Regex Money = new(
        @"\$\s?\d[\d\s.,]*|\d[\d\s]*([.,]\d+)?\s?(\$|dollars?|piasses?|piastres?|bucks)",
        Linear);

    // Only at the start of a word: « t@barnak » is leetspeak, not a mention.
    private static readonly Regex Mention = new(@"(^|\s)@[\p{L}][\p{L}\-]*", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    private static readonly Regex Number = new(@"\b\d+([.,]\d+)?\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    /// <remarks>
    /// Each regex runs only when the text holds what any of its matches must contain (an « @ »
    /// or « at » for an e-mail, « :// », « www. » or a dot before a letter for a URL, a digit for
    /// phones, amounts and numbers): most comments end a sentence with a period and have no
    /// link, and skipping a regex that cannot match changes nothing but the time taken.
    /// </remarks>
    public static string ReplaceSpecialSpans(string text)
    {
        if (MayHoldEmail(text)) text = Email.Replace(text, static m => IsTowns(m.Value) ? TownEmail : AnyEmail);
        if (MayHoldUrl(text)) text = Url.Replace(text, static m => IsTowns(m.Value) ? TownUrl : AnyUrl);
        var digits = HasDigit(text);
        if (digits)
        {
            text = Phone.Replace(text, static m => IsTownPhone(m.ValueSpan) ? TownPhone : AnyPhone);
            text = Money.Replace(text, " " + TextNormalizer.MoneyToken + " ");
        }
        if (text.Contains('@')) text = Mention.Replace(text, " " + TextNormalizer.MentionToken + " ");
        return digits ? Number.Replace(text, " " + TextNormalizer.NumberToken + " ") : text;
    }

    /// <summary>The same replacements on a mapped text: each token maps to the span it replaced (its leading space left out).</summary>
    public static MappedText ReplaceSpecialSpans(MappedText text)
    {
        if (MayHoldEmail(text.Text)) text = Replace(text, Email, static m => IsTowns(m.Value) ? TownEmail : AnyEmail);
        if (MayHoldUrl(text.Text)) text = Replace(text, Url, static m => IsTowns(m.Value) ? TownUrl : AnyUrl);
        var digits = HasDigit(text.Text);
        if (digits)
        {
            text = Replace(text, Phone, static m => IsTownPhone(m.ValueSpan) ? TownPhone : AnyPhone);
            text = Replace(text, Money, static _ => MoneyReplacement);
        }
        if (text.Text.Contains('@')) text = Replace(text, Mention, static _ => MentionReplacement);
        return digits ? Replace(text, Number, static _ => NumberReplacement) : text;
    }

    private static MappedText Replace(MappedText text, Regex regex, Func<Match, string> replacement)
    {
        var s = text.Text;
        var matches = regex.Matches(s);
        if (matches.Count == 0) return text;
        var result = new MappedText.Builder(text);
        var at = 0;
        foreach (Match m in matches)
        {
            result.Copy(at, m.Index);
            var end = m.Index + m.Length;
            var start = m.Index;
            while (start < end - 1 && char.IsWhiteSpace(s[start])) start++;
            result.Append(replacement(m), start, end);
            at = end;
        }
        result.Copy(at, s.Length);
        return result.Build();
    }

    private static readonly string MoneyReplacement = " " + TextNormalizer.MoneyToken + " ";
    private static readonly string MentionReplacement = " " + TextNormalizer.MentionToken + " ";
    private static readonly string NumberReplacement = " " + TextNormalizer.NumberToken + " ";

    private static readonly string AnyEmail = " " + TextNormalizer.EmailToken + " ";
    private static readonly string TownEmail = " " + TextNormalizer.TownEmailToken + " ";
    private static readonly string AnyUrl = " " + TextNormalizer.UrlToken + " ";
    private static readonly string TownUrl = " " + TextNormalizer.TownUrlToken + " ";
    private static readonly string AnyPhone = " " + TextNormalizer.PhoneToken + " ";
    private static readonly string TownPhone = " " + TextNormalizer.TownPhoneToken + " ";

    // The town's contacts as the rules know them (PersonalInfoOptions' defaults, not the configurable
    // allow-list: the normaliser must read the same text the same way in training and in scoring).
    private static readonly string TownPhoneDigits = new(Rules.PersonalInfoOptions.TownPhoneNumber.Where(char.IsAsciiDigit).ToArray());
    private static readonly string TownDomainTail = Rules.PersonalInfoOptions.TownEmailDomain[(Rules.PersonalInfoOptions.TownEmailDomain.IndexOf('.') + 1)..];
    private static readonly string TownDomainBracketed = TownDomainTail.Split('.')[0] + "[dot]" + TownDomainTail.Split('.')[1];
    private static readonly string TownDomainParenthesised = TownDomainTail.Split('.')[0] + "(dot)" + TownDomainTail.Split('.')[1];

    /// <summary>An e-mail or a link at the town's domain (« ville.senneterre.qc.ca »), however it is spaced or bracketed.</summary>
    private static bool IsTowns(string value)
    {
        Span<char> compact = stackalloc char[Math.Min(value.Length, 256)];
        var length = 0;
        foreach (var c in value)
        {
            if (length == compact.Length) break;
            if (!char.IsWhiteSpace(c)) compact[length++] = char.ToLowerInvariant(c);
        }
        var text = compact[..length];
        return text.Contains(TownDomainTail, StringComparison.Ordinal) || text.Contains(TownDomainBracketed, StringComparison.Ordinal)
            || text.Contains(TownDomainParenthesised, StringComparison.Ordinal);
    }

    private static bool IsTownPhone(ReadOnlySpan<char> value)
    {
        Span<char> digits = stackalloc char[16];
        var length = 0;
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c)) continue;
            if (length == digits.Length) return false;
            digits[length++] = c;
        }
        var national = length == 11 && digits[0] == '1' ? digits[1..length] : digits[..length];
        return national.SequenceEqual(TownPhoneDigits);
    }

    private static bool MayHoldEmail(string text) =>
        text.Contains('@') || text.Contains("at]", StringComparison.OrdinalIgnoreCase) || text.Contains("at)", StringComparison.OrdinalIgnoreCase);

    private static bool MayHoldUrl(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase)) return true;
        for (var i = text.IndexOf('.'); i >= 0 && i + 1 < text.Length; i = text.IndexOf('.', i + 1))
        {
            if (char.IsAsciiLetter(text[i + 1])) return true;
        }
        return false;
    }

    private static bool HasDigit(string text)
    {
        foreach (var c in text) if (char.IsAsciiDigit(c)) return true;
        return false;
    }
}
