using NetiquetteML.Service.Hosting;

namespace NetiquetteML.Service.Api;

/// <summary>The checks every comment goes through, whatever the route.</summary>
public static class CommentLimits
{
    public static ServiceProblem? CheckText(string field, string? text, LimitOptions limits)
    {
        if (string.IsNullOrWhiteSpace(text)) return Problems.EmptyComment(field);
        return text.Length > limits.MaxCommentLength ? Problems.TooLong(field, text.Length, limits.MaxCommentLength) : null;
    }

    public static ServiceProblem? CheckOptional(string field, string? value, int limit) =>
        value is not null && value.Length > limit ? Problems.TooLong(field, value.Length, limit) with { GoogleMessage = null } : null;

    public static ServiceProblem? Check(string prefix, ModerateRequest comment, LimitOptions limits) =>
        CheckText(prefix + "text", comment.Text, limits)
        ?? CheckOptional(prefix + "post", comment.Post, limits.MaxPostLength)
        ?? CheckOptional(prefix + "id", comment.Id, limits.MaxIdLength)
        ?? CheckOptional(prefix + "author", comment.Author, limits.MaxIdLength);
}
