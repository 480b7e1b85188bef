namespace NetiquetteML.Scoring;

/// <summary>Which categories a verdict explains.</summary>
public enum Explanations
{
    /// <summary>None: the cheapest verdict.</summary>
    None,

    /// <summary>The categories that reached their flag threshold (the default): an allowed comment costs nothing more.</summary>
    Flagged,

    /// <summary>Every category, flagged or not (an evaluator looking at a miss).</summary>
    All,
}

/// <summary>
/// Why a model gave a comment its score in one category: the words of the comment (spans of the
/// original text) and the dense signals, each with its exact share of the raw score. Raw scores
/// are the model's own units (log-odds before calibration); <see cref="Bias"/> plus every
/// contribution is <see cref="RawScore"/>.
/// </summary>
/// <param name="Category">The category explained.</param>
/// <param name="RawScore">The raw score the verdict's probability was calibrated from.</param>
/// <param name="Bias">
/// The raw score of the reference comment every contribution is measured from: no word, no
/// lexicon hit, no link, and, when the comment answers a post, as close to that post as a comment
/// can be (so that a comment far from its post shows it in the post-similarity signals).
/// </param>
/// <param name="Spans">Spans of the original text with their contributions, strongest push towards the category first (negative ones last).</param>
/// <param name="Signals">The dense signals (post similarity, lexicon counts…) with their contributions, named in French, strongest first.</param>
/// <param name="Unplaced">Contributions of n-grams that stand for nothing the author typed (the padding of an empty comment).</param>
public sealed record CategoryEvidence(
    Category Category,
    double RawScore,
    double Bias,
    IReadOnlyList<EvidenceSpan> Spans,
    IReadOnlyList<SignalContribution> Signals,
    double Unplaced)
{
    /// <summary>A span counts as evidence when it pushes towards the category by at least this share of the strongest span.</summary>
    public const double EvidenceShareOfStrongest = 0.1;

    /// <summary>
    /// The spans that pushed the score up, strongest first, down to <see cref="EvidenceShareOfStrongest"/>
    /// of the strongest: what a moderator should look at.
    /// </summary>
    public IReadOnlyList<EvidenceSpan> Evidence
    {
        get
        {
            if (Spans.Count == 0 || Spans[0].Contribution <= 0) return [];
            var floor = Spans[0].Contribution * EvidenceShareOfStrongest;
            return Spans.TakeWhile(s => s.Contribution > 0 && s.Contribution >= floor).ToList();
        }
    }

    /// <summary>The spans that pulled the score down most, strongest pull first.</summary>
    public IReadOnlyList<EvidenceSpan> CounterEvidence
    {
        get
        {
            var negative = Spans.Where(s => s.Contribution < 0).OrderBy(s => s.Contribution).ToList();
            if (negative.Count == 0) return [];
            var floor = negative[0].Contribution * EvidenceShareOfStrongest;
            return negative.TakeWhile(s => s.Contribution <= floor).ToList();
        }
    }

    /// <summary>
    /// The share of the push towards the category that comes from the dense signals: their positive
    /// contributions over every positive contribution (0 when nothing pushed up).
    /// </summary>
    public double SignalShare
    {
        get
        {
            var signals = Signals.Sum(s => Math.Max(0, s.Contribution));
            var total = signals + Spans.Sum(s => Math.Max(0, s.Contribution)) + Math.Max(0, Unplaced);
            return total <= 0 ? 0 : signals / total;
        }
    }
}

/// <summary>A span of the comment as the author typed it, and what it gave the raw score.</summary>
/// <param name="Start">First character, in UTF-16 code units of the original text.</param>
/// <param name="End">Just past the last character.</param>
/// <param name="Contribution">Its share of the raw score (the n-grams it produced, each n-gram's contribution split among its occurrences and the words it covers).</param>
/// <param name="ProbabilityShare">How much lower the probability would be without that contribution: p(raw) − p(raw − contribution).</param>
/// <param name="Text">The span's text, personal information replaced by placeholders ([TÉLÉPHONE]…).</param>
public sealed record EvidenceSpan(int Start, int End, double Contribution, double ProbabilityShare, string Text);

/// <summary>A dense signal's share of the raw score.</summary>
/// <param name="Key">Its name in the bundle's features (post_char_cosine, lexicon_sacre…).</param>
/// <param name="Name">Its name for moderators, in French.</param>
/// <param name="Value">Its value in the model's vector (scaled).</param>
/// <param name="Contribution">Its share of the raw score.</param>
public sealed record SignalContribution(string Key, string Name, double Value, double Contribution);
