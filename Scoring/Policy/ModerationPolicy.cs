using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetiquetteML.Scoring.Policy;

/// <summary>
/// The one place that turns probabilities and rule findings into an action. Defaults:
/// personal information → Remove (it must not stay visible); a category at or above its
/// bundle's <c>remove</c> threshold → Remove; at or above <c>flag</c> → Review; shouting alone
/// → Review (a human asks the author to rewrite; capitals alone never remove a comment).
/// Every setting can be overridden from a JSON file (<see cref="FromJsonFile"/>).
/// </summary>
public sealed class ModerationPolicy
{
    public static ModerationPolicy Default { get; } = new();

    public ModerationAction PersonalInfoAction { get; init; } = ModerationAction.Remove;
    public ModerationAction ShoutingAction { get; init; } = ModerationAction.Review;
    public ModerationAction FlagAction { get; init; } = ModerationAction.Review;
    public ModerationAction RemoveThresholdAction { get; init; } = ModerationAction.Remove;

    /// <summary>Categories whose model never triggers more than Review, whatever its probability.</summary>
    public IReadOnlyList<string> ReviewOnlyCategories { get; init; } = ["off_topic"];

    /// <summary>Overrides of the bundle's thresholds, per category name (e.g. { "political": { "flag": 0.6 } }).</summary>
    public IReadOnlyDictionary<string, ThresholdOverride> ThresholdOverrides { get; init; } = new Dictionary<string, ThresholdOverride>();

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static ModerationPolicy FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ModerationPolicy>(json, JsonOptions) ?? Default;
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The moderation policy JSON is not valid: {e.Message}", nameof(json), e);
        }
    }

    public static ModerationPolicy FromJsonFile(string path) => FromJson(File.ReadAllText(path));

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions(JsonOptions) { WriteIndented = true });

    internal (double Flag, double Remove) ThresholdsFor(Category category, Bundles.Thresholds fromBundle)
    {
        var flag = fromBundle.Flag;
        var remove = fromBundle.Remove;
        if (ThresholdOverrides.TryGetValue(category.Name(), out var o))
        {
            flag = o.Flag ?? flag;
            remove = o.Remove ?? remove;
        }
        if (IsReviewOnly(category)) remove = double.PositiveInfinity;
        return (flag, remove);
    }

    /// <summary>True when this policy never lets <paramref name="category"/> go beyond review, whatever its probability.</summary>
    public bool IsReviewOnly(Category category) => ReviewOnlyCategories.Contains(category.Name());
}

public sealed class ThresholdOverride
{
    public double? Flag { get; init; }
    public double? Remove { get; init; }
}
