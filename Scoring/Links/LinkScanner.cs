using System.Text.RegularExpressions;

namespace NetiquetteML.Scoring.Links;

/// <summary>
/// Finds every hyperlink of a comment with its domain and offsets in the original text: links with
/// a scheme (« https://… »), « www. » links and bare domains (« arnaque.shop/promo »). An e-mail
/// address is not a link (the personal-information rule handles it).
/// </summary>
public sealed class LinkScanner(LinkPolicy policy)
{
    private static readonly Regex Link = new(
        @"(https?://|www\.)[^\s<>""«»]+|\b([a-z0-9][a-z0-9-]*\.)+(com|ca|net|org|ly|io|co|shop|store|biz|info|me|gg|fr|to|gl|gd|cc|gy|in|us|xyz|app|link|site|online|live|club|top|vip)\b(/[^\s<>""«»]*)?",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private const string TrailingPunctuation = ".,;:!?)]}'\"»…’";

    public IReadOnlyList<LinkFinding> Find(string? text)
    {
        if (string.IsNullOrEmpty(text) || !MayHoldLink(text)) return [];
        List<LinkFinding>? found = null;
        foreach (Match m in Link.Matches(text))
        {
            var start = m.Index;
            // « info@ville.senneterre.qc.ca » is an e-mail address, « t@barnak.com »-like text too.
            if (start > 0 && (text[start - 1] == '@' || text[start - 1] == '.')) continue;
            var url = m.Value.TrimEnd(TrailingPunctuation.ToCharArray());
            if (url.Length == 0) continue;
            var domain = Host(url);
            if (domain.Length == 0) continue;
            var shortened = LinkPolicy.Covers(policy.Shorteners, domain);
            var allowed = !shortened && LinkPolicy.Covers(policy.AllowedDomains, domain);
            (found ??= []).Add(new LinkFinding(url, domain, start, url.Length, allowed, shortened));
        }
        return found ?? (IReadOnlyList<LinkFinding>)[];
    }

    /// <summary>The host of a link: scheme, user, port, path, query and « www. » left out, lower-case.</summary>
    internal static string Host(string url)
    {
        var rest = url.AsSpan();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) rest = rest[(scheme + 3)..];
        var end = rest.IndexOfAny("/?#");
        if (end >= 0) rest = rest[..end];
        var at = rest.LastIndexOf('@');
        if (at >= 0) rest = rest[(at + 1)..];
        var port = rest.IndexOf(':');
        if (port >= 0) rest = rest[..port];
        var host = rest.ToString().Trim('.').ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    /// <summary>Most comments hold no « :// », no « www. » and no dot followed by a letter: the regex is skipped.</summary>
    private static bool MayHoldLink(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase)) return true;
        for (var i = text.IndexOf('.'); i >= 0 && i + 1 < text.Length; i = text.IndexOf('.', i + 1))
        {
            if (char.IsAsciiLetter(text[i + 1])) return true;
        }
        return false;
    }
}
