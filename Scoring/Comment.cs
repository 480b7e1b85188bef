namespace NetiquetteML.Scoring;

/// <summary>A comment to judge, with the post it answers when known.</summary>
/// <param name="Text">The comment exactly as written.</param>
/// <param name="Post">The text of the page's post it answers, or null when unknown.</param>
/// <param name="Id">The caller's identifier, echoed back in the verdict.</param>
public sealed record Comment(string Text, string? Post = null, string? Id = null);
