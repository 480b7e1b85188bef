using NetiquetteML.Scoring.Policy;

namespace NetiquetteML.Scoring.Links;

/// <summary>
/// What the policy does with hyperlinks (« La publication d'hyperliens de nature commerciale et/ou
/// publicitaire n'est pas autorisée »): which domains are the town's and its partners', which hosts
/// are link shorteners, and the actions. Part of the policy file, under <c>"links"</c>.
/// </summary>
public sealed class LinkPolicy
{
    /// <summary>The town's own site and the government's; partners are added in the policy file.</summary>
    public static readonly IReadOnlyList<string> DefaultAllowedDomains = ["ville.senneterre.qc.ca", "gouv.qc.ca"];

    public static readonly IReadOnlyList<string> DefaultShorteners =
    [
        "bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly",
        "shorturl.at", "tiny.cc", "rb.gy", "t.ly", "s.id", "bl.ink", "lnkd.in", "shorte.st", "adf.ly", "v.gd",
    ];

    /// <summary>A domain matches itself and its sub-domains (« gouv.qc.ca » covers « quebec.gouv.qc.ca »).</summary>
    public IReadOnlyList<string> AllowedDomains { get; init; } = DefaultAllowedDomains;

    public IReadOnlyList<string> Shorteners { get; init; } = DefaultShorteners;

    /// <summary>A comment the commercial model flags that carries a link off the allow-list.</summary>
    public ModerationAction CommercialOutsideLinkAction { get; init; } = ModerationAction.Remove;

    /// <summary>A shortened link on its own (no commercial flag): its target is unknown, so a person looks.</summary>
    public ModerationAction ShortenedLinkAction { get; init; } = ModerationAction.Review;

    internal void Validate()
    {
        foreach (var domain in AllowedDomains.Concat(Shorteners))
        {
            if (string.IsNullOrWhiteSpace(domain) || !domain.Contains('.') || domain.Any(char.IsWhiteSpace) || domain.Contains('/'))
                throw new ArgumentException($"domaine invalide « {domain} » dans links (attendu : un nom comme partenaire.ca). / invalid domain '{domain}' in links (expected a host name such as partner.ca).");
        }
    }

    internal static bool Covers(IReadOnlyList<string> domains, string host)
    {
        foreach (var domain in domains)
        {
            if (host.Length == domain.Length ? host.Equals(domain, StringComparison.OrdinalIgnoreCase)
                : host.Length > domain.Length && host[^(domain.Length + 1)] == '.' && host.EndsWith(domain, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
