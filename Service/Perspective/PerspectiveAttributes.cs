using NetiquetteML.Scoring;
using NetiquetteML.Service.Api;

namespace NetiquetteML.Service.Perspective;

/// <summary>
/// The attributes the Perspective-compatible route offers, and how each is read off a verdict.
/// TOXICITY is the offensive model (Perspective's own attribute, so existing clients work
/// unchanged); OFF_TOPIC, POLITICAL, COMMERCIAL and COMPLAINT are the other models; PERSONAL_INFO and
/// SHOUTING are the rules.
/// </summary>
public static class PerspectiveAttributes
{
    public const string Toxicity = "TOXICITY";
    public const string OffTopic = "OFF_TOPIC";
    public const string Political = "POLITICAL";
    public const string Commercial = "COMMERCIAL";
    public const string Complaint = "COMPLAINT";
    public const string PersonalInfo = "PERSONAL_INFO";
    public const string Shouting = "SHOUTING";

    public static readonly IReadOnlyList<string> All = [Toxicity, OffTopic, Political, Commercial, Complaint, PersonalInfo, Shouting];

    /// <summary>The attributes a correction may label: the models (the rules are not learned).</summary>
    public static readonly IReadOnlyList<string> Labelled = [Toxicity, OffTopic, Political, Commercial, Complaint];

    public static readonly IReadOnlyList<string> SupportedLanguages = ["fr"];

    public static Category? CategoryOf(string attribute) => attribute switch
    {
        Toxicity => Category.Offensive,
        OffTopic => Category.OffTopic,
        Political => Category.Political,
        Commercial => Category.Commercial,
        Complaint => Category.Complaint,
        _ => null,
    };

    public static bool IsSupportedLanguage(string language)
    {
        var code = language.Trim().Replace('_', '-');
        return code.Equals("fr", StringComparison.OrdinalIgnoreCase) || code.StartsWith("fr-", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The attribute's score and spans: a model's calibrated probability over the whole text, then,
    /// when the verdict carries the model's evidence, one span per piece of evidence scored with the
    /// probability it accounts for (how much lower the probability would be without it); for
    /// PERSONAL_INFO the highest finding confidence (0 when none) with one span per finding at its
    /// offsets; for SHOUTING the share of capitals among the letters the rule counts (0 under its
    /// minimum of letters; the rule calls it shouting from its threshold, 0.70 by default).
    /// </summary>
    public static (double Summary, List<SpanScore> Spans) Evaluate(string attribute, Verdict verdict, int textLength, int shoutingMinLetters)
    {
        if (CategoryOf(attribute) is { } category)
        {
            var p = Math.Round(verdict[category].Probability, 4);
            List<SpanScore> spans = [Span(0, textLength, p)];
            foreach (var s in verdict.EvidenceFor(category)?.Evidence ?? [])
                spans.Add(Span(s.Start, s.End, Math.Round(Math.Max(0, s.ProbabilityShare), 4)));
            return (p, spans);
        }
        if (attribute == PersonalInfo)
        {
            var spans = verdict.PersonalInfo.Select(f => Span(f.Start, f.End, Math.Round(f.Confidence, 3))).ToList();
            return (spans.Count == 0 ? 0 : spans.Max(s => s.Score!.Value), spans);
        }
        var ratio = verdict.Shouting.LettersCounted >= shoutingMinLetters ? Math.Round(verdict.Shouting.CapitalRatio, 3) : 0;
        return (ratio, [Span(0, textLength, ratio)]);
    }

    private static SpanScore Span(int begin, int end, double value) => new() { Begin = begin, End = end, Score = Probability(value) };

    public static Score Probability(double value) => new() { Value = value, Type = "PROBABILITY" };

    public static ServiceProblem UnknownAttribute(string attribute, IReadOnlyList<string> supported) => Problems.Invalid("unsupported_attribute",
        $"L'attribut « {attribute} » n'est pas pris en charge. Attributs pris en charge : {string.Join(", ", supported)}.",
        $"Attribute {attribute} is not supported. Supported attributes: {string.Join(", ", supported)}.");

    public static ServiceProblem UnsupportedLanguages(string attribute, IEnumerable<string> languages)
    {
        var list = string.Join(", ", languages);
        return Problems.Invalid("unsupported_language",
            $"L'attribut {attribute} ne prend pas en charge les langues demandées : {list}. Langue prise en charge : fr (français, y compris fr-CA).",
            $"Attribute {attribute} does not support request languages: {list}. Supported languages: fr (French, fr-CA included).");
    }
}
