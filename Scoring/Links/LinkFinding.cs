namespace NetiquetteML.Scoring.Links;

/// <summary>One hyperlink found in a comment.</summary>
/// <param name="Url">The link as written (trailing punctuation left out).</param>
/// <param name="Domain">Its host, lower-case, without « www. ».</param>
/// <param name="Start">Offset of the first character, in UTF-16 code units of the original text.</param>
/// <param name="Length">Length in UTF-16 code units.</param>
/// <param name="Allowed">True when the domain is on the allow-list (the town's site, gouv.qc.ca, partners).</param>
/// <param name="Shortened">True for a link shortener (bit.ly, tinyurl.com…): its real target is unknown.</param>
public sealed record LinkFinding(string Url, string Domain, int Start, int Length, bool Allowed, bool Shortened)
{
    /// <summary>Offset just past the last character (<c>Start + Length</c>).</summary>
    public int End => Start + Length;

    /// <summary>A link that leads off the allow-list (a shortened link always does: its target is unknown).</summary>
    public bool Outside => !Allowed || Shortened;
}
