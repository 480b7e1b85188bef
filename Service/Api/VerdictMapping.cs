using NetiquetteML.Scoring;
using NetiquetteML.Service.Bundles;
using NetiquetteML.Service.Operations;

namespace NetiquetteML.Service.Api;

/// <summary>Turns the scorer's verdict into the native JSON shape.</summary>
public static class VerdictMapping
{
    public static BundleBody ToBody(this ServedBundle bundle) => new(bundle.Name, bundle.Version, bundle.TrainedUtc);

    public static VerdictBody ToBody(this Verdict verdict, BundleBody? bundle)
    {
        var categories = new CategoriesBody(Result(verdict[Category.Offensive]), Result(verdict[Category.OffTopic]),
            Result(verdict[Category.Political]), Result(verdict[Category.Commercial]), Result(verdict[Category.Complaint]));
        var findings = new List<FindingResult>(verdict.PersonalInfo.Count);
        foreach (var f in verdict.PersonalInfo)
            findings.Add(new FindingResult(KindName(f.Kind), f.Start, f.End, f.Length, Math.Round(f.Confidence, 3)));
        var shouting = new ShoutingResultBody(verdict.Shouting.IsShouting, Math.Round(verdict.Shouting.CapitalRatio, 3), verdict.Shouting.LettersCounted);
        return new VerdictBody(verdict.Id, ServiceMetrics.ActionName(verdict.Action), categories, findings, shouting,
            verdict.Reasons, verdict.RedactedText, bundle, verdict.Evidence.Count == 0 ? null : verdict.Evidence.Select(ToBody).ToList())
        {
            SuggestedReply = verdict.SuggestedReply,
            Links = verdict.Links.Select(l => new LinkResult(l.Url, l.Domain, l.Start, l.End, l.Allowed, l.Shortened)).ToList(),
            Repeated = verdict.Repeated,
            History = verdict.History is not { } h ? null : new HistoryResult(h.Author,
                h.Repetition is null ? null : h.Repetition.Kind == Scoring.History.RepetitionKind.Campaign ? "campaign" : "same_author",
                h.Repetition?.EarlierIds.ToList() ?? [], h.RecentRemovals, h.RemovalWindowDays, h.Recommendation),
        };
    }

    private static EvidenceBody ToBody(CategoryEvidence e) => new(e.Category.Name(), Math.Round(e.RawScore, 4), Math.Round(e.Bias, 4),
        e.Evidence.Select(s => new EvidenceSpanBody(s.Start, s.End, Math.Round(s.Contribution, 4), Math.Round(s.ProbabilityShare, 4), s.Text)).ToList(),
        e.Signals.Where(s => s.Contribution != 0).Select(s => new SignalBody(s.Key, s.Name, Math.Round(s.Contribution, 4))).ToList(),
        Math.Round(e.SignalShare, 4));

    private static CategoryResult Result(CategoryScore score) => new(Math.Round(score.Probability, 4), score.Flagged, score.AboveRemove);

    /// <summary>snake_case names of the finding kinds, like the category names.</summary>
    public static string KindName(Scoring.Rules.PersonalInfoKind kind) => kind switch
    {
        Scoring.Rules.PersonalInfoKind.Phone => "phone",
        Scoring.Rules.PersonalInfoKind.Email => "email",
        Scoring.Rules.PersonalInfoKind.Address => "address",
        Scoring.Rules.PersonalInfoKind.PostalCode => "postal_code",
        Scoring.Rules.PersonalInfoKind.SocialInsuranceNumber => "social_insurance_number",
        Scoring.Rules.PersonalInfoKind.PaymentCard => "payment_card",
        Scoring.Rules.PersonalInfoKind.HealthInsuranceNumber => "health_insurance_number",
        Scoring.Rules.PersonalInfoKind.LicencePlate => "licence_plate",
        Scoring.Rules.PersonalInfoKind.DateOfBirth => "date_of_birth",
        _ => kind.ToString(),
    };
}
