using System.Text.RegularExpressions;

namespace NetiquetteML.Scoring.Text;

/// <summary>
/// Replaces spans whose exact value carries no meaning for the models (a URL, an e-mail, an
/// amount, a number) with a stable token, so the models learn "a link" rather than one link.
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

    public static string ReplaceSpecialSpans(string text)
    {
        if (text.IndexOfAny(['.', '@', '/', '$']) < 0 && !HasDigit(text)) return text;
        text = Email.Replace(text, " " + TextNormalizer.EmailToken + " ");
        text = Url.Replace(text, " " + TextNormalizer.UrlToken + " ");
        if (!HasDigit(text)) return Mention.Replace(text, " " + TextNormalizer.MentionToken + " ");
        text = Phone.Replace(text, " " + TextNormalizer.PhoneToken + " ");
        text = Money.Replace(text, " " + TextNormalizer.MoneyToken + " ");
        text = Mention.Replace(text, " " + TextNormalizer.MentionToken + " ");
        return Number.Replace(text, " " + TextNormalizer.NumberToken + " ");
    }

    private static bool HasDigit(string text)
    {
        foreach (var c in text) if (char.IsAsciiDigit(c)) return true;
        return false;
    }
}
