using System.Text.Json;
using System.Text.Json.Serialization;
using NetiquetteML.Scoring.History;
using NetiquetteML.Scoring.Links;
using NetiquetteML.Scoring.Text;

namespace NetiquetteML.Scoring.Policy;

/// <summary>
/// The one place that turns probabilities and rule findings into an action. Defaults, safe for a
/// public body: personal information → Remove (it must not stay visible); a category at or above
/// its <c>flag</c> threshold → Review; a model removes a comment on its own only for the categories
/// listed in <see cref="AutoRemoveCategories"/> — none by default, until <c>confirm</c> has measured
/// the remove precision on labelled comments of the page itself; shouting alone → Review.
/// <c>off_topic</c> never removes on its own. Every setting can be overridden from a JSON file
/// (<see cref="FromJsonFile"/>), which is validated: an unknown key or value is an error naming the allowed ones.
/// </summary>
public sealed class ModerationPolicy
{
    public static ModerationPolicy Default { get; } = new();

    /// <summary>Categories that may never remove a comment on their own, whatever the policy file says.</summary>
    public static readonly IReadOnlyList<Category> NeverAutoRemoved = [Category.OffTopic, Category.Complaint];

    /// <summary>
    /// Categories that never change the action: a complaint is redirected to the town's office with
    /// <see cref="ComplaintReply"/>, not reviewed nor removed for being one.
    /// </summary>
    public static readonly IReadOnlyList<Category> NeverActedOn = [Category.Complaint];

    /// <summary>The netiquette's own answer to a complaint, as the town published it; the policy file may reword it.</summary>
    public const string DefaultComplaintReply =
        "Bonjour, merci de nous en faire part. Les réseaux sociaux de la Ville ne sont pas un espace de plainte : " +
        "pour que votre demande soit traitée, communiquez avec le bureau municipal au 819 737-2296 ou à info@ville.senneterre.qc.ca.";

    public ModerationAction PersonalInfoAction { get; init; } = ModerationAction.Remove;
    public ModerationAction ShoutingAction { get; init; } = ModerationAction.Review;
    public ModerationAction FlagAction { get; init; } = ModerationAction.Review;
    public ModerationAction RemoveThresholdAction { get; init; } = ModerationAction.Remove;

    /// <summary>
    /// Categories whose model may remove a comment without a person (at or above the bundle's
    /// <c>remove</c> threshold); every other category goes to Review at most. Written by <c>confirm</c>.
    /// </summary>
    public IReadOnlyList<string> AutoRemoveCategories { get; init; } = [];

    /// <summary>Overrides of the bundle's thresholds, per category name (e.g. { "political": { "flag": 0.6 } }).</summary>
    public IReadOnlyDictionary<string, ThresholdOverride> ThresholdOverrides { get; init; } = new Dictionary<string, ThresholdOverride>();

    /// <summary>The town's own terms and phrases, for what a model keeps getting wrong (see <see cref="TownTerm"/>).</summary>
    public IReadOnlyList<TownTerm> Terms { get; init; } = [];

    /// <summary>The public reply suggested under a complaint (the town edits it in its policy file).</summary>
    public string ComplaintReply { get; init; } = DefaultComplaintReply;
    /// <summary>Hyperlinks: the allow-list, link shorteners, and the actions (see <see cref="LinkPolicy"/>).</summary>
    public LinkPolicy Links { get; init; } = new();

    /// <summary>Repeated content and repeat offenders, used when a moderation history is configured (see <see cref="HistoryPolicy"/>).</summary>
    public HistoryPolicy History { get; init; } = new();

    /// <summary>What <c>confirm</c> measured to list <see cref="AutoRemoveCategories"/>; kept for the record, not read by the scorer.</summary>
    public RemovalConfirmation? Confirmation { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads and validates a policy; throws <see cref="ArgumentException"/> naming the key or value at fault and what is allowed.</summary>
    public static ModerationPolicy FromJson(string json)
    {
        ModerationPolicy policy;
        try
        {
            policy = JsonSerializer.Deserialize<ModerationPolicy>(json, JsonOptions) ?? Default;
        }
        catch (JsonException e)
        {
            throw new ArgumentException(PolicyErrors.Explain(e), nameof(json), e);
        }
        policy.Validate();
        return policy;
    }

    public static ModerationPolicy FromJsonFile(string path) => FromJson(File.ReadAllText(path));

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions(JsonOptions) { WriteIndented = true });

    private void Validate()
    {
        var names = Categories.All.Select(c => c.Name()).ToList();
        string Allowed() => string.Join(", ", names);
        foreach (var name in AutoRemoveCategories.Concat(ThresholdOverrides.Keys).Concat(Terms.Where(t => t.Category is not null).Select(t => t.Category!)))
        {
            if (!names.Contains(name))
                throw new ArgumentException($"catégorie inconnue « {name} » dans la politique ; permises : {Allowed()}. / unknown category '{name}' in the policy; allowed: {Allowed()}.");
        }
        foreach (var category in NeverAutoRemoved.Where(c => AutoRemoveCategories.Contains(c.Name())))
            throw new ArgumentException($"« {category.Name()} » ne peut pas retirer un commentaire à lui seul. / '{category.Name()}' may never remove a comment on its own.");
        foreach (var (name, o) in ThresholdOverrides)
        {
            if (o.Flag is < 0 or > 1 || o.Remove is < 0 or > 1)
                throw new ArgumentException($"seuils de « {name} » hors de [0, 1]. / thresholds of '{name}' must lie in [0, 1].");
        }
        if (string.IsNullOrWhiteSpace(ComplaintReply))
            throw new ArgumentException("la réponse aux plaintes (complaintReply) est vide. / complaintReply is empty.");
        Links.Validate();
        History.Validate();
        foreach (var term in Terms)
        {
            if (string.IsNullOrWhiteSpace(term.Phrase) || TextNormalizer.Normalize(term.Phrase).Length == 0)
                throw new ArgumentException("un terme de la Ville est vide. / a town term is empty.");
            if (term.Rule == TownTermRule.Allow && term.Category is null)
                throw new ArgumentException($"le terme « {term.Phrase} » (allow) doit nommer la catégorie qu'il ne déclenche pas ; permises : {Allowed()}. / term '{term.Phrase}' (allow) must name the category it does not trigger.");
        }
    }

    /// <summary>What this policy removes at: <see cref="ModelThresholds"/>, with no removal for a review-only category.</summary>
    internal (double Flag, double Remove) ThresholdsFor(Category category, Bundles.Thresholds fromBundle)
    {
        var (flag, remove) = ModelThresholds(category, fromBundle);
        return (flag, IsReviewOnly(category) ? double.PositiveInfinity : remove);
    }

    /// <summary>The bundle's thresholds with this policy's overrides.</summary>
    internal (double Flag, double Remove) ModelThresholds(Category category, Bundles.Thresholds fromBundle) =>
        ThresholdOverrides.TryGetValue(category.Name(), out var o)
            ? (o.Flag ?? fromBundle.Flag, o.Remove ?? fromBundle.Remove)
            : (fromBundle.Flag, fromBundle.Remove);

    /// <summary>True when this policy never lets <paramref name="category"/> go beyond review, whatever its probability.</summary>
    public bool IsReviewOnly(Category category) =>
        NeverAutoRemoved.Contains(category) || !AutoRemoveCategories.Contains(category.Name());

    /// <summary>The town terms found in a normalised comment (whole words, through the same normaliser as the models).</summary>
    internal IEnumerable<TownTerm> TermsIn(string normalizedText)
    {
        if (Terms.Count == 0) yield break;
        var padded = " " + normalizedText + " ";
        foreach (var term in Terms)
        {
            if (padded.Contains(term.NormalizedPadded, StringComparison.Ordinal)) yield return term;
        }
    }
}

public sealed class ThresholdOverride
{
    public double? Flag { get; init; }
    public double? Remove { get; init; }
}

/// <summary>What a town term does when it is in a comment.</summary>
public enum TownTermRule
{
    /// <summary>The comment is never flagged in <see cref="TownTerm.Category"/> (« Foreurs » is a team, not an ad).</summary>
    Allow,

    /// <summary>The comment goes at least to Review, with the town's reason.</summary>
    Review,
}

/// <summary>
/// A term or phrase of the town's own list in the policy file, matched on whole words after the
/// models' normaliser, so « Tabernacle », « tabernacle » and « TABERNACLE » are one term.
/// </summary>
public sealed class TownTerm
{
    private string? _normalizedPadded;

    public string Phrase { get; init; } = "";
    public TownTermRule Rule { get; init; }

    /// <summary>With <see cref="TownTermRule.Allow"/>: the category the term must not trigger.</summary>
    public string? Category { get; init; }

    /// <summary>Shown to the moderator with <see cref="TownTermRule.Review"/>.</summary>
    public string? Note { get; init; }

    internal string NormalizedPadded => _normalizedPadded ??= " " + TextNormalizer.Normalize(Phrase) + " ";
}

/// <summary>The record <c>confirm</c> leaves in a policy: which bundle, which file, what was measured.</summary>
public sealed class RemovalConfirmation
{
    public string Bundle { get; init; } = "";
    public DateTimeOffset BundleCreatedUtc { get; init; }
    public string DataFile { get; init; } = "";
    public string DataSha256 { get; init; } = "";
    public DateTimeOffset ConfirmedUtc { get; init; }
    public double MinimumPrecision { get; init; }
    public int MinimumRemoved { get; init; }
    public IReadOnlyDictionary<string, CategoryConfirmation> Categories { get; init; } = new Dictionary<string, CategoryConfirmation>();
}

public sealed class CategoryConfirmation
{
    /// <summary>Comments of the file at or above the remove threshold.</summary>
    public int Removed { get; init; }

    /// <summary>Of those, the ones labelled in the category.</summary>
    public int Correct { get; init; }
    public double? Precision { get; init; }
    public bool Confirmed { get; init; }
}

/// <summary>Turns System.Text.Json's messages about a policy file into ones a town employee can act on.</summary>
internal static class PolicyErrors
{
    private static readonly string[] Keys =
        ["personalInfoAction", "shoutingAction", "flagAction", "removeThresholdAction", "autoRemoveCategories", "thresholdOverrides", "terms", "complaintReply", "confirmation", "links", "history"];

    public static string Explain(JsonException e)
    {
        var path = e.Path ?? "$";
        var actions = string.Join(", ", Enum.GetNames<ModerationAction>());
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
            return $"clé inconnue {path} dans la politique ; clés permises : {string.Join(", ", Keys)}. / unknown key {path}; allowed keys: {string.Join(", ", Keys)}.";
        if (e.Message.Contains(nameof(ModerationAction), StringComparison.Ordinal))
            return $"valeur invalide à {path} ; valeurs permises : {actions}. / invalid value at {path}; allowed: {actions}.";
        if (e.Message.Contains(nameof(TownTermRule), StringComparison.Ordinal))
            return $"valeur invalide à {path} ; valeurs permises : {string.Join(", ", Enum.GetNames<TownTermRule>())}. / invalid value at {path}.";
        return $"la politique n'est pas du JSON valide ({path}, ligne {e.LineNumber + 1}) : {e.Message} / the policy is not valid JSON.";
    }
}
