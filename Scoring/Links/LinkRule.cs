using NetiquetteML.Scoring.Policy;

namespace NetiquetteML.Scoring.Links;

/// <summary>
/// The hyperlink clause: every link is reported; a commercial comment that links off the
/// allow-list gets the policy's action (Remove by default), and a shortened link, whose target
/// nobody knows, goes to a person.
/// </summary>
/// <remarks>
/// « Commercial » is decided on the comment's words without its links: the models learned links
/// from ads (every comment with a link in the corpus is an ad), so with its link a citizen's « Radio-Canada en
/// parle aussi https://… » is « commercial » at 0.77. Without the link it is at 0.00, while 78 of
/// the corpus's 88 ads with a link stay at or above the remove threshold (see the README).
/// </remarks>
/// <param name="policy">The policy's links section.</param>
/// <param name="commercialThreshold">The commercial probability at or above which a comment is commercial for this rule (<see cref="LinkPolicy.CommercialConfidence"/>).</param>
public sealed class LinkRule(LinkPolicy policy, double commercialThreshold)
{
    private readonly LinkScanner _scanner = new(policy);

    public IReadOnlyList<LinkFinding> Find(string? text) => _scanner.Find(text);

    /// <summary>The text with every link replaced by a space: what the comment says apart from where it points.</summary>
    public static string WithoutLinks(string text, IReadOnlyList<LinkFinding> links)
    {
        var sb = new System.Text.StringBuilder(text);
        for (var i = links.Count - 1; i >= 0; i--) sb.Remove(links[i].Start, links[i].Length).Insert(links[i].Start, ' ');
        return sb.ToString();
    }

    /// <summary>The action the links call for, the French reasons added to <paramref name="reasons"/>.</summary>
    /// <param name="links">The comment's links (<see cref="Find"/>).</param>
    /// <param name="commercial">The commercial model on the whole comment.</param>
    /// <param name="commercialWithoutLinks">The commercial probability of the comment with its links blanked; called only when it matters.</param>
    /// <param name="reasons">The verdict's reasons, to which the links' are added.</param>
    public ModerationAction Decide(IReadOnlyList<LinkFinding> links, CategoryScore commercial, Func<double> commercialWithoutLinks, List<string> reasons)
    {
        var action = ModerationAction.Allow;
        if (links.Count == 0) return action;
        var outside = links.Where(l => l.Outside).Select(l => l.Shortened ? l.Domain + ", lien raccourci" : l.Domain).Distinct().ToList();
        if (commercial.Flagged && outside.Count > 0 && policy.CommercialOutsideLinkAction > ModerationAction.Allow
            && commercialWithoutLinks() >= commercialThreshold)
        {
            action = policy.CommercialOutsideLinkAction;
            reasons.Add(NetiquetteClauses.CommercialLinkReason(outside));
        }
        var shortened = links.Where(l => l.Shortened).Select(l => l.Domain).Distinct().ToList();
        // Already named in the commercial reason when that one applies.
        if (shortened.Count > 0 && action == ModerationAction.Allow && policy.ShortenedLinkAction > ModerationAction.Allow)
        {
            if (policy.ShortenedLinkAction > action) action = policy.ShortenedLinkAction;
            reasons.Add(NetiquetteClauses.ShortenedLinkReason(shortened));
        }
        return action;
    }
}
