using System.Runtime.InteropServices;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Scoring.Features;
using NetiquetteML.Scoring.Rules;
using NetiquetteML.Scoring.Text;

namespace NetiquetteML.Scoring.Models;

/// <summary>
/// Builds a verdict's <see cref="CategoryEvidence"/>: exact contributions from the compiled
/// models, n-gram contributions placed on the words the author typed, the dense signals named in
/// French, and every span's text redacted. Runs only for the categories asked for, after the verdict.
/// </summary>
internal sealed class Explainer(CompiledModels models, FeatureSpace space)
{
    /// <summary>The reference of a comment without a post: every feature at 0 (read, never written, so shared).</summary>
    private readonly CompiledModels.Reference _empty = new(new float[space.Count], []);

    /// <summary>The last reference built for a comment with a post (they differ only by the has_post value, which is constant in practice).</summary>
    private CompiledModels.Reference? _withPost;

    /// <summary>What an explanation writes, reused by each thread from comment to comment.</summary>
    [ThreadStatic] private static Scratch? t_scratch;

    /// <summary>
    /// Explains the categories whose bit is set in <paramref name="categories"/>; <paramref name="features"/> is the
    /// comment's vector as scored, <paramref name="exitLeaves"/> each tree's exit leaf for it, as the models found them.
    /// </summary>
    public IReadOnlyList<CategoryEvidence> Explain(string? original, string normalized, FeatureBuffer features, ReadOnlySpan<ulong> exitLeaves, ReadOnlySpan<float> raw,
        int categories, Func<Category, double, double> probability, IReadOnlyList<PersonalInfoFinding> findings)
    {
        // A second pass, not the scoring's: the map cannot be built before the scores say which
        // comments are explained (most are not), and the models read Normalize's own output, never the map's.
        var text = TextNormalizer.NormalizeWithMap(original);
        // Equal by construction and by property test; should a future step break that, the words
        // would be misplaced, so the whole comment is given instead.
        if (text.Text != normalized) text = MappedText.Whole(original ?? string.Empty, normalized);
        var scratch = t_scratch ??= new Scratch();
        scratch.Prepare(space.Count);
        var reference = ReferenceFor(features);
        // Every category's contributions first: then only the n-grams they credit are located.
        var wanted = new List<(Category Category, double Bias, ContributionSums Sums)>();
        foreach (var category in Categories.All)
        {
            if ((categories & (1 << (int)category)) == 0) continue;
            var sums = scratch.Sums(wanted.Count);
            sums.Reset(space.Count);
            wanted.Add((category, models.Contributions((int)category, features, exitLeaves, reference, sums), sums));
        }
        var credited = scratch.Credited;
        credited.Clear();
        foreach (var (_, _, sums) in wanted) credited.AddRange(sums.Features);
        space.Subset(CollectionsMarshal.AsSpan(credited), scratch.Subset);
        var occurrences = space.Locate(normalized, scratch.Occurrences, scratch.Subset);
        foreach (var o in occurrences) scratch.OccurrenceCounts[o.Feature]++;
        try
        {
            var words = new SpanAttribution(text, occurrences, scratch.OccurrenceCounts);
            var contacts = ContactRanges(text);
            var result = new List<CategoryEvidence>(wanted.Count);
            foreach (var (category, bias, sums) in wanted)
                result.Add(ExplainOne(category, raw[(int)category], bias, sums, text, words, features, probability, findings, contacts));
            return result;
        }
        finally
        {
            foreach (var o in occurrences) scratch.OccurrenceCounts[o.Feature] = 0;
        }
    }

    /// <summary>
    /// The comment contributions are measured from: nothing in it (every n-gram, count and lexicon
    /// hit at 0) and, when the comment answers a post, sharing with that post all it can (both
    /// similarities at 1). Against an empty reference, a comment with nothing in common with its
    /// post would look like the reference and its distance from the post would vanish into the bias.
    /// </summary>
    internal CompiledModels.Reference ReferenceFor(FeatureBuffer features)
    {
        var hasPost = space.SignalOffset + HasPostSignal;
        if (features.Dense[hasPost] == 0) return _empty;
        // Built once and kept (with the exit leaves the models find for it), not 22 KB per comment.
        if (_withPost is { } known && known.Values[hasPost].Equals(features.Dense[hasPost])) return known;
        var values = new float[space.Count];
        values[hasPost] = features.Dense[hasPost];
        int[] nonZero = [hasPost, space.SignalOffset + WordOverlapSignal, space.SignalOffset + CharCosineSignal];
        values[nonZero[1]] = space.ScaledSignal(WordOverlapSignal, 1f);
        values[nonZero[2]] = space.ScaledSignal(CharCosineSignal, 1f);
        return _withPost = new CompiledModels.Reference(values, nonZero);
    }

    private static readonly int WordOverlapSignal = IndexOfSignal("post_word_overlap");
    private static readonly int CharCosineSignal = IndexOfSignal("post_char_cosine");
    private static readonly int HasPostSignal = IndexOfSignal("has_post");

    private static int IndexOfSignal(string name) => CommentFeaturizer.SignalNames.ToList().IndexOf(name) is var i and >= 0
        ? i : throw new InvalidOperationException($"no signal {name}");

    private CategoryEvidence ExplainOne(Category category, float raw, double bias, ContributionSums contributions, MappedText text, SpanAttribution words,
        FeatureBuffer features, Func<Category, double, double> probability, IReadOnlyList<PersonalInfoFinding> findings,
        List<(int Start, int End, string Placeholder)> contacts)
    {
        var signals = new List<SignalContribution>();
        foreach (var feature in contributions.Features)
        {
            if (feature < space.SignalOffset) continue;
            var key = FeatureSpace.DenseFeatureNames[feature - space.SignalOffset];
            signals.Add(new SignalContribution(key, SignalNames.French(key), features.Dense[feature], contributions[feature]));
        }
        signals.Sort((a, b) => b.Contribution.CompareTo(a.Contribution));

        var (attributed, unplaced) = words.Attribute(contributions, space.SignalOffset);
        var p = probability(category, raw);
        var spans = attributed
            .Select(s => new EvidenceSpan(s.Start, s.End, s.Contribution, p - probability(category, raw - s.Contribution), SpanText(text, s, findings, contacts)))
            .OrderByDescending(s => s.Contribution).ThenBy(s => s.Start)
            .ToList();
        return new CategoryEvidence(category, raw, bias, spans, signals, unplaced);
    }

    /// <summary>One thread's scratch: contribution sums per category explained, the n-grams they credit, their occurrences and counts per feature (cleared after use).</summary>
    private sealed class Scratch
    {
        private readonly List<ContributionSums> _sums = [];

        public List<int> Credited { get; } = [];
        public NgramSubset Subset { get; } = new();
        public List<NgramOccurrence> Occurrences { get; } = [];
        public int[] OccurrenceCounts { get; private set; } = [];

        /// <summary>The sums of the <paramref name="k"/>-th category explained in a call (touched only where credited, so cheap to keep five).</summary>
        public ContributionSums Sums(int k)
        {
            while (_sums.Count <= k) _sums.Add(new ContributionSums());
            return _sums[k];
        }

        public void Prepare(int featureCount)
        {
            if (OccurrenceCounts.Length < featureCount) OccurrenceCounts = new int[featureCount];
        }
    }

    /// <summary>
    /// The span as typed, with any personal information it touches replaced; a span that the
    /// normaliser read as a telephone number or an e-mail is replaced whole even when the detector
    /// let it pass, so no contact reaches an explanation in clear.
    /// </summary>
    private static string SpanText(MappedText text, AttributedSpan span, IReadOnlyList<PersonalInfoFinding> findings,
        List<(int Start, int End, string Placeholder)> contacts)
    {
        var piece = text.Original[span.Start..span.End];
        var inside = new List<PersonalInfoFinding>();
        foreach (var f in findings)
        {
            if (f.Start < span.End && f.End > span.Start) inside.Add(f with { Start = f.Start - span.Start });
        }
        if (inside.Count > 0) return Redactor.Redact(piece, inside);
        foreach (var (start, end, placeholder) in contacts)
            if (start < span.End && end > span.Start) return placeholder;
        return piece;
    }

    /// <summary>The ranges of the original that the normaliser read as a telephone number or an e-mail (not the town's).</summary>
    private static List<(int Start, int End, string Placeholder)> ContactRanges(MappedText text)
    {
        var ranges = new List<(int, int, string)>();
        foreach (var (token, placeholder) in ContactTokens)
        {
            for (var at = text.Text.IndexOf(token, StringComparison.Ordinal); at >= 0; at = text.Text.IndexOf(token, at + 1, StringComparison.Ordinal))
            {
                var end = at + token.Length;
                if (end < text.Text.Length && text.Text[end] != ' ') continue;   // « xxtelephoneville » is the town's
                var (start, stop) = text.OriginalRange(at, end);
                ranges.Add((start, stop, placeholder));
            }
        }
        return ranges;
    }

    private static readonly (string Token, string Placeholder)[] ContactTokens =
    [
        (TextNormalizer.PhoneToken, Redactor.Placeholder(PersonalInfoKind.Phone)),
        (TextNormalizer.EmailToken, Redactor.Placeholder(PersonalInfoKind.Email)),
    ];
}

/// <summary>The dense features under the names moderators read (French).</summary>
internal static class SignalNames
{
    public static string French(string key) => key switch
    {
        "post_word_overlap" => "similarité avec la publication (mots en commun)",
        "post_word_association" => "parenté avec la publication (mots qui l'accompagnent d'habitude)",
        "post_char_cosine" => "similarité avec la publication (ressemblance des lettres)",
        "has_post" => "publication connue",
        "offensive_words" => "mots offensants",
        "political_words" => "mots politiques",
        "commercial_words" => "mots commerciaux",
        "municipal_words" => "mots de la vie municipale",
        "urls" => "liens",
        "amounts" => "montants",
        "contacts" => "coordonnées (téléphone, courriel)",
        "mentions" => "mentions (@)",
        "log_words" => "longueur du commentaire",
        "exclamations" => "points d'exclamation et d'interrogation",
        "emojis" => "émojis",
        "mild_oaths" => "jurons légers",
        "post_subjects_shared" => "sujets municipaux en commun avec la publication",
        "subjects_outside_post" => "sujets municipaux absents de la publication",
        "municipal_subjects" => "sujets de la vie municipale",
        "outside_politics_words" => "politique provinciale ou fédérale",
        "outside_subject_words" => "complot ou prédication",
        "lexicon_sacre" => "lexique : sacres",
        "lexicon_churchword" => "lexique : mots d'église (sacres possibles)",
        "lexicon_insult" => "lexique : insultes",
        "lexicon_contempt" => "lexique : mépris",
        "lexicon_slur" => "lexique : injures haineuses",
        "lexicon_sexual" => "lexique : mots sexuels",
        "lexicon_threat" => "lexique : menaces",
        "lexicon_accusation" => "lexique : accusations",
        "lexicon_group" => "lexique : groupes de personnes",
        "lexicon_exclusion" => "lexique : exclusion",
        "lexicon_churchcontext" => "lexique : vie paroissiale",
        _ => key,
    };
}
