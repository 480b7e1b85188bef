using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using NetiquetteML.Service.Perspective;

namespace NetiquetteML.Service.Api;

/// <summary>Source-generated JSON for every message (camelCase, nulls left out): no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(ModerateRequest))]
[JsonSerializable(typeof(ModerateBatchRequest))]
[JsonSerializable(typeof(VerdictBody))]
[JsonSerializable(typeof(BatchVerdictBody))]
[JsonSerializable(typeof(FeedbackRequest))]
[JsonSerializable(typeof(FeedbackResponse))]
[JsonSerializable(typeof(HealthBody))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(GoogleError))]
[JsonSerializable(typeof(AnalyzeCommentRequest))]
[JsonSerializable(typeof(AnalyzeCommentResponse))]
[JsonSerializable(typeof(SuggestCommentScoreRequest))]
[JsonSerializable(typeof(SuggestCommentScoreResponse))]
public sealed partial class ServiceJsonContext : JsonSerializerContext;
