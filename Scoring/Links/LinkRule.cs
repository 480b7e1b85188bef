using NetiquetteML.Scoring.Policy;

namespace NetiquetteML.Scoring.Links;

/// <summary>
/// The hyperlink clause: every link is reported; a comment the commercial model flags that links
/// off the allow-list gets the policy's action (Remove by default), and a shortened link, whose
/// target nobody knows, goes to a person.
/// </summary>
public sealed class LinkRule(LinkPolicy policy)
{
    private readonly LinkScanner _scanner = new(policy);

    public IReadOnlyList<LinkFinding> Find(string? text) => _scanner.Find(text);

    /// <summary>The action the links call for, the French reasons added to <paramref name="reasons"/>.</summary>
    public ModerationAction Decide(IReadOnlyList<LinkFinding> links, bool commercialFlagged, List<string> reasons)
    {
        var action = ModerationAction.Allow;
        if (links.Count == 0) return action;
        var outside = links.Where(l => l.Outside).Select(l => l.Domain).Distinct().ToList();
        if (commercialFlagged && outside.Count > 0 && policy.CommercialOutsideLinkAction > ModerationAction.Allow)
        {
            action = policy.CommercialOutsideLinkAction;
            reasons.Add(NetiquetteClauses.CommercialLinkReason(outside));
        }
        var shortened = links.Where(l => l.Shortened).Select(l => l.Domain).Distinct().ToList();
        if (shortened.Count > 0 && policy.ShortenedLinkAction > ModerationAction.Allow)
        {
            if (policy.ShortenedLinkAction > action) action = policy.ShortenedLinkAction;
            reasons.Add(NetiquetteClauses.ShortenedLinkReason(shortened));
        }
        return action;
    }
}
