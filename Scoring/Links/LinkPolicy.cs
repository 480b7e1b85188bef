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

    /// <summary>A commercial comment (see <see cref="CommercialConfidence"/>) that carries a link off the allow-list.</summary>
    public ModerationAction CommercialOutsideLinkAction { get; init; } = ModerationAction.Remove;

    /// <summary>
    /// How sure the commercial model must be, on the comment's words with its links blanked (see
    /// <see cref="LinkRule"/>), for <see cref="CommercialOutsideLinkAction"/>: at its <c>remove</c>
    /// threshold (the default: precision 0.97 on the bundle's validation split) or at its <c>flag</c>
    /// threshold (precision 0.90). The whole comment must be flagged commercial too.
    /// </summary>
    public CommercialConfidence CommercialConfidence { get; init; } = CommercialConfidence.Remove;

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

/// <summary>Which of the commercial model's thresholds makes a comment « commercial » for the hyperlink clause.</summary>
public enum CommercialConfidence
{
    /// <summary>The bundle's (or the policy's) flag threshold.</summary>
    Flag,

    /// <summary>The bundle's (or the policy's) remove threshold, whether or not the category may remove on its own.</summary>
    Remove,
}
