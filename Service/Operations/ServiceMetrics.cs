using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Scoring.Rules;
using NetiquetteML.Service.Bundles;
using Prometheus;

namespace NetiquetteML.Service.Operations;

/// <summary>
/// The service's Prometheus metrics, in a registry of its own per host (so two hosts in one
/// process, as in the tests, do not count into each other). HTTP request counts and latency
/// histograms per route come from prometheus-net's middleware on the same registry.
/// </summary>
public sealed class ServiceMetrics
{
    private readonly Counter _verdicts;
    private readonly Counter _categories;
    private readonly Counter _personalInfo;
    // Children resolved once: looking labels up per verdict cost about 1 µs, a tenth of a batch comment's budget.
    private readonly Counter.Child[] _byAction;
    private readonly Counter.Child[,] _byCategory;
    private readonly Counter.Child[] _byKind;
    private readonly Gauge _bundle;
    private readonly Counter _bundleLoads;
    private readonly Counter _feedback;

    public ServiceMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        Factory = Metrics.WithCustomRegistry(Registry);
        _verdicts = Factory.CreateCounter("netiquette_verdicts_total", "Verdicts given, by action.", ["action"]);
        _categories = Factory.CreateCounter("netiquette_category_flags_total",
            "Comments at or above a category's threshold, by category and threshold (flag or remove).", ["category", "threshold"]);
        _personalInfo = Factory.CreateCounter("netiquette_personal_info_findings_total", "Personal-information findings, by kind.", ["kind"]);
        _bundle = Factory.CreateGauge("netiquette_bundle_info", "The bundle in service (value 1), by name, version and training date.",
            ["name", "version", "trained_utc"]);
        _bundleLoads = Factory.CreateCounter("netiquette_bundle_loads_total", "Bundles loaded (served) or refused by verification.", ["outcome"]);
        _feedback = Factory.CreateCounter("netiquette_feedback_total", "Corrections received, by outcome.", ["outcome"]);
        _byAction = Enum.GetValues<ModerationAction>().Select(a => _verdicts.WithLabels(ActionName(a))).ToArray();
        _byCategory = new Counter.Child[Categories.All.Count, 2];
        foreach (var category in Categories.All)
        {
            _byCategory[(int)category, 0] = _categories.WithLabels(category.Name(), "flag");
            _byCategory[(int)category, 1] = _categories.WithLabels(category.Name(), "remove");
        }
        _byKind = Enum.GetValues<PersonalInfoKind>().Select(k => _personalInfo.WithLabels(Api.VerdictMapping.KindName(k))).ToArray();
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }

    public void Verdict(Verdict verdict)
    {
        _byAction[(int)verdict.Action].Inc();
        foreach (var score in verdict.Categories)
        {
            if (score.Flagged) _byCategory[(int)score.Category, score.AboveRemove ? 1 : 0].Inc();
        }
        foreach (var finding in verdict.PersonalInfo) _byKind[(int)finding.Kind].Inc();
    }

    public void BundleServed(ServedBundle bundle, ServedBundle? previous)
    {
        if (previous is not null) _bundle.RemoveLabelled(Labels(previous));
        _bundle.WithLabels(Labels(bundle)).Set(1);
        _bundleLoads.WithLabels("served").Inc();
    }

    public void BundleRefused() => _bundleLoads.WithLabels("refused").Inc();

    public void Feedback(string outcome) => _feedback.WithLabels(outcome).Inc();

    public static string ActionName(ModerationAction action) => action switch
    {
        ModerationAction.Allow => "allow",
        ModerationAction.Review => "review",
        ModerationAction.Remove => "remove",
        _ => action.ToString().ToLowerInvariant(),
    };

    private static string[] Labels(ServedBundle bundle) => [bundle.Name, bundle.Version, bundle.TrainedUtc.ToString("O")];
}
