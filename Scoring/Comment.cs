namespace NetiquetteML.Scoring;

/// <summary>A comment to judge, with the post it answers when known.</summary>
/// <param name="Text">The comment exactly as written.</param>
/// <param name="Post">The text of the page's post it answers, or null when unknown.</param>
/// <param name="Id">The caller's identifier, echoed back in the verdict.</param>
/// <param name="Author">Who wrote it (the platform's id or name), when known. Read only by the moderation history (repetition, repeat offenders), never by the models.</param>
/// <param name="Created">When it was written, when known. Read only by the moderation history, never by the models.</param>
public sealed record Comment(string Text, string? Post = null, string? Id = null, string? Author = null, DateTimeOffset? Created = null);
