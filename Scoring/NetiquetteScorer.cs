using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Scoring.Features;
using NetiquetteML.Scoring.Links;
using NetiquetteML.Scoring.Models;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Scoring.Rules;
using NetiquetteML.Scoring.Text;

namespace NetiquetteML.Scoring;

/// <summary>
/// The front door for moderation apps: load a verified bundle once, then call
/// <see cref="Score(Comment)"/> or <see cref="ScoreMany(IEnumerable{Comment}, int, CancellationToken)"/> from any number of threads.
/// </summary>
/// <remarks>
/// Thread safety: the bundle, the rules and the policy are immutable; what a call needs to write
/// (a feature buffer, and on the ML.NET path a <see cref="PredictionEngine{TSrc,TDst}"/>, which is
/// not thread-safe) is borrowed from a pool and returned.
/// </remarks>
public sealed class NetiquetteScorer
{
    private readonly ObjectPool<Worker> _workers;
    private readonly CompiledModels? _compiled;
    private readonly Explainer? _explainer;
    private readonly PostCache _posts = new();
    private readonly LinkRule _links;
    private readonly (Category Category, PlattCalibration Calibration, double Flag, double Remove)[] _categories;

    private NetiquetteScorer(ModelBundle bundle, ModerationPolicy policy, PersonalInfoDetector detector, ShoutingRule shouting)
    {
        Bundle = bundle;
        Policy = policy;
        PersonalInfo = detector;
        Shouting = shouting;
        _links = new LinkRule(policy.Links, CommercialLinkThreshold(bundle, policy));
        var mlContext = new MLContext(seed: 1);
        _workers = new DefaultObjectPool<Worker>(new WorkerPolicy(mlContext, bundle), Math.Max(4, Environment.ProcessorCount * 2));
        try
        {
            // Build one ML.NET engine now: a model whose input schema does not match the bundle's
            // features must fail at load, not on the first comment.
            var worker = _workers.Get();
            _ = worker.Engine;
            _workers.Return(worker);
            _compiled = CompileVerified(bundle);
            _explainer = _compiled is null ? null : new Explainer(_compiled, bundle.Features);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new BundleException($"The model in '{bundle.Directory}' does not accept the bundle's features ({e.Message}). Retrain the bundle.", e);
        }
        _categories = Categories.All.Select(c =>
        {
            var manifest = bundle.Manifest.For(c);
            var (flag, remove) = policy.ThresholdsFor(c, manifest.Thresholds);
            return (c, manifest.Calibration, flag, remove);
        }).ToArray();
    }

    public ModelBundle Bundle { get; }
    public ModerationPolicy Policy { get; }
    public PersonalInfoDetector PersonalInfo { get; }
    public ShoutingRule Shouting { get; }

    /// <summary>Loads and verifies the bundle in <paramref name="bundleDirectory"/>; throws <see cref="BundleException"/> when it cannot be trusted.</summary>
    public static NetiquetteScorer Load(string bundleDirectory, ModerationPolicy? policy = null,
        PersonalInfoOptions? personalInfo = null, ShoutingOptions? shouting = null)
    {
        var bundle = ModelBundle.Load(bundleDirectory, new MLContext(seed: 1));
        return new NetiquetteScorer(bundle, policy ?? ModerationPolicy.Default,
            new PersonalInfoDetector(personalInfo), new ShoutingRule(shouting));
    }

    /// <summary>Scores a comment; the categories it is flagged in come with their evidence (<see cref="Verdict.Evidence"/>).</summary>
    public Verdict Score(Comment comment) => Score(comment, Explanations.Flagged);

    /// <summary>Scores a comment, explaining the categories <paramref name="explanations"/> asks for.</summary>
    /// <remarks>Explanations need the compiled models: on the ML.NET fallback path the verdict has none.</remarks>
    public Verdict Score(Comment comment, Explanations explanations) => ScoreWithText(comment, explanations).Verdict;

    /// <summary>
    /// <see cref="Score(Comment, Explanations)"/>, with the text the models read beside the verdict: the history
    /// signs it without normalising the comment a second time (5 to 7 µs). Beside, not inside: on the public
    /// verdict it would join its equality and be copied by every <c>with</c>.
    /// </summary>
    internal ScoredComment ScoreWithText(Comment comment, Explanations explanations)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var input = CommentFeaturizer.ToModelInput(comment, _posts.Get(comment.Post), Bundle.Features.Associations);
        Span<float> raw = stackalloc float[Categories.Count];
        // One worker for the whole call: the explanation reads the feature vector the models scored.
        var worker = _workers.Get();
        try
        {
            RawScores(worker, input, raw);
            var verdict = Decide(comment, input.Text, raw);
            var wanted = explanations switch
            {
                Explanations.All => (1 << Categories.All.Count) - 1,
                Explanations.Flagged => FlaggedMask(verdict),
                _ => 0,
            };
            // The allow path stops here: nothing flagged, nothing asked, nothing computed.
            if (wanted == 0 || _explainer is null) return new ScoredComment(verdict, input.Text);
            return new ScoredComment(verdict with
            {
                Evidence = _explainer.Explain(comment.Text, input.Text, worker.Features, worker.ExitLeaves, raw, wanted,
                    (category, score) => _categories[(int)category].Calibration.Probability(score), verdict.PersonalInfo),
            }, input.Text);
        }
        finally
        {
            _workers.Return(worker);
        }
    }

    private static int FlaggedMask(Verdict verdict)
    {
        var mask = 0;
        foreach (var c in verdict.Categories)
            if (c.Flagged) mask |= 1 << (int)c.Category;
        return mask;
    }

    /// <summary>True when the models run compiled (trees evaluated directly on the feature buffer); false on the ML.NET path.</summary>
    public bool IsCompiled => _compiled is not null;

    private void RawScores(Worker worker, ModelInput input, Span<float> raw)
    {
        Bundle.Features.Vectorize(input, worker.Features);
        if (_compiled is not null) _compiled.Score(worker.Features, raw, worker.ExitLeavesFor(_compiled.TreeCount));
        else worker.PredictWithMlNet(raw);
    }

    /// <summary>
    /// The compiled models, kept only if they give the ML.NET chain's raw scores on probe comments:
    /// a model this code cannot read exactly falls back to the slower, always-right ML.NET path.
    /// </summary>
    private CompiledModels? CompileVerified(ModelBundle bundle)
    {
        var compiled = CompiledModels.TryCompile(bundle.Model, bundle.Features.Count);
        if (compiled is null) return null;
        var worker = _workers.Get();
        try
        {
            Span<float> fast = stackalloc float[Categories.Count];
            Span<float> slow = stackalloc float[Categories.Count];
            foreach (var probe in ProbeComments)
            {
                bundle.Features.Vectorize(CommentFeaturizer.ToModelInput(probe, bundle.Features.Associations), worker.Features);
                worker.PredictWithMlNet(slow);
                compiled.Score(worker.Features, fast);
                for (var c = 0; c < Categories.Count; c++)
                {
                    if (Math.Abs(slow[c] - fast[c]) > 1e-4 * Math.Max(1, Math.Abs(slow[c]))) return null;
                }
            }
        }
        finally
        {
            _workers.Return(worker);
        }
        return compiled;
    }

    private static readonly Comment[] ProbeComments =
    [
        new("Quand passe la déneigeuse sur la 4e Rue?", "Opération de déneigement cette nuit dans le secteur Sainte-Marie."),
        new("Gang de tabarnak d'innocents au conseil, Trottier dehors!!!"),
        new("Vends pneus d'hiver 17 pouces 300$, écrivez-moi en privé https://bit.ly/x", "Collecte des encombrants lundi."),
        new("Votez CAQ aux prochaines élections, le PQ c'est fini"),
        new(""),
        new("MERCI À TOUS LES BÉNÉVOLES 🎉🎉 @Julie Tremblay"),
    ];

    public Verdict Score(string text, string? post = null) => Score(new Comment(text, post));

    /// <summary>
    /// Scores many comments on all cores; results come back in input order, lazily, in chunks.
    /// Bulk scoring explains nothing unless asked (the overload with <see cref="Explanations"/>):
    /// evidence costs more than a flagged comment's verdict itself, and a file of thousands of
    /// verdicts is read by totals first. <see cref="Score(Comment)"/>, for one comment a person
    /// will read, explains its flagged categories.
    /// </summary>
    /// <remarks>
    /// While one chunk is scored, the caller's thread reads the next one from
    /// <paramref name="comments"/> and hands back the verdicts of the one before: neither the
    /// source nor the consumer leaves the cores idle between chunks. At most three chunks are in
    /// memory, whatever the length of the input; stopping the enumeration early cancels the chunk
    /// in flight and waits for it, so no scoring outlives the loop.
    /// </remarks>
    public IEnumerable<Verdict> ScoreMany(IEnumerable<Comment> comments, int chunkSize = 4096, CancellationToken cancellationToken = default) =>
        ScoreMany(comments, Explanations.None, chunkSize, cancellationToken);

    /// <summary>As <see cref="ScoreMany(IEnumerable{Comment}, int, CancellationToken)"/>, explaining the categories <paramref name="explanations"/> asks for.</summary>
    public IEnumerable<Verdict> ScoreMany(IEnumerable<Comment> comments, Explanations explanations, int chunkSize = 4096, CancellationToken cancellationToken = default) =>
        InChunks(comments, comment => Score(comment, explanations), chunkSize, cancellationToken);

    /// <summary>As <see cref="ScoreMany(IEnumerable{Comment}, Explanations, int, CancellationToken)"/>, each verdict with the text the models read (see <see cref="ScoreWithText"/>).</summary>
    internal IEnumerable<ScoredComment> ScoreManyWithText(IEnumerable<Comment> comments, Explanations explanations, int chunkSize = 4096, CancellationToken cancellationToken = default) =>
        InChunks(comments, comment => ScoreWithText(comment, explanations), chunkSize, cancellationToken);

    private static IEnumerable<T> InChunks<T>(IEnumerable<Comment> comments, Func<Comment, T> score, int chunkSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comments);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<T[]>? inFlight = null;
        try
        {
            var chunk = new List<Comment>(chunkSize);
            foreach (var comment in comments)
            {
                chunk.Add(comment);
                if (chunk.Count < chunkSize) continue;
                var previous = inFlight;
                var full = chunk;
                inFlight = Task.Run(() => ScoreChunk(full, score, stop.Token), stop.Token);
                chunk = new List<Comment>(chunkSize);
                if (previous is null) continue;
                foreach (var v in previous.GetAwaiter().GetResult()) yield return v;
            }
            if (inFlight is not null)
            {
                foreach (var v in inFlight.GetAwaiter().GetResult()) yield return v;
                inFlight = null;
            }
            if (chunk.Count > 0)
            {
                foreach (var v in ScoreChunk(chunk, score, stop.Token)) yield return v;
            }
        }
        finally
        {
            if (inFlight is not null)
            {
                stop.Cancel();
                // Waited for, and its failure observed: the caller has stopped listening.
                try { inFlight.Wait(CancellationToken.None); }
                catch (AggregateException) { }
            }
        }
    }

    private static T[] ScoreChunk<T>(List<Comment> chunk, Func<Comment, T> score, CancellationToken cancellationToken)
    {
        var results = new T[chunk.Count];
        Parallel.For(0, chunk.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => results[i] = score(chunk[i]));
        return results;
    }

    private Verdict Decide(Comment comment, string normalizedText, ReadOnlySpan<float> raw)
    {
        var text = comment.Text ?? string.Empty;
        var scores = new CategoryScore[_categories.Length];
        var action = ModerationAction.Allow;
        var reasons = new List<string>();
        string? reply = null;
        // Most policies list no town terms: then nothing is allocated for them on this hot path.
        var townTerms = Policy.Terms.Count == 0 ? null : Policy.TermsIn(normalizedText).ToList();
        var allowedByTown = 0;
        if (townTerms is not null)
        {
            foreach (var term in townTerms)
                if (term.Rule == TownTermRule.Allow && Categories.TryParse(term.Category!, out var c)) allowedByTown |= 1 << (int)c;
        }

        var findings = PersonalInfo.Detect(text);
        if (findings.Count > 0 && Policy.PersonalInfoAction > ModerationAction.Allow)
        {
            action = Max(action, Policy.PersonalInfoAction);
            reasons.Add(NetiquetteClauses.PersonalInfoReason(findings.Select(f => f.Kind)));
        }

        for (var i = 0; i < _categories.Length; i++)
        {
            var (category, calibration, flag, remove) = _categories[i];
            var probability = calibration.Probability(raw[(int)category]);
            // A term the town allows in this category (« Foreurs » for commercial) keeps the model from flagging it.
            var flagged = probability >= flag && (allowedByTown & (1 << (int)category)) == 0;
            var aboveRemove = flagged && probability >= remove;
            scores[i] = new CategoryScore(category, probability, flagged, aboveRemove);
            if (!flagged) continue;
            if (ModerationPolicy.NeverActedOn.Contains(category))
            {
                // Redirected, not moderated: the action stays what the other categories and rules make it.
                reply = Policy.ComplaintReply;
                reasons.Add(NetiquetteClauses.ComplaintReason(probability, reply));
                continue;
            }
            action = Max(action, aboveRemove ? Policy.RemoveThresholdAction : Policy.FlagAction);
            reasons.Add(NetiquetteClauses.CategoryReason(category, probability, aboveRemove));
        }

        foreach (var term in townTerms is null ? [] : townTerms.Where(t => t.Rule == TownTermRule.Review))
        {
            action = Max(action, ModerationAction.Review);
            reasons.Add(NetiquetteClauses.TownTermReason(term.Phrase, term.Note));
        }

        var links = _links.Find(text);
        action = Max(action, _links.Decide(links, scores[(int)Category.Commercial], () => CommercialWithoutLinks(comment, links), reasons));

        var shouting = Shouting.Evaluate(text);
        if (shouting.IsShouting && Policy.ShoutingAction > ModerationAction.Allow)
        {
            action = Max(action, Policy.ShoutingAction);
            reasons.Add(NetiquetteClauses.ShoutingReason(shouting.CapitalRatio));
        }

        return new Verdict(comment.Id, action, scores, findings, shouting, reasons, Redactor.Redact(text, findings)) { SuggestedReply = reply, Links = links };
    }

    /// <summary>The commercial probability of the comment's words alone, its links blanked (see <see cref="LinkRule"/>).</summary>
    private double CommercialWithoutLinks(Comment comment, IReadOnlyList<LinkFinding> links)
    {
        var input = CommentFeaturizer.ToModelInput(comment with { Text = LinkRule.WithoutLinks(comment.Text ?? "", links) }, _posts.Get(comment.Post), Bundle.Features.Associations);
        Span<float> raw = stackalloc float[Categories.Count];
        // The call's own worker still holds the whole comment's vector, which its explanation reads.
        var worker = _workers.Get();
        try
        {
            RawScores(worker, input, raw);
        }
        finally
        {
            _workers.Return(worker);
        }
        return _categories[(int)Category.Commercial].Calibration.Probability(raw[(int)Category.Commercial]);
    }

    private static double CommercialLinkThreshold(ModelBundle bundle, ModerationPolicy policy)
    {
        // The model's thresholds as the policy overrides them, whether or not commercial may remove on its own.
        var (flag, remove) = policy.ModelThresholds(Category.Commercial, bundle.Manifest.For(Category.Commercial).Thresholds);
        return policy.Links.CommercialConfidence == CommercialConfidence.Flag ? flag : remove;
    }

    private static ModerationAction Max(ModerationAction a, ModerationAction b) => a >= b ? a : b;

    /// <summary>
    /// One call's scratch space: the feature buffer, and the ML.NET engine created on first use
    /// (the compiled path never needs it).
    /// </summary>
    private sealed class Worker(MLContext mlContext, ModelBundle bundle)
    {
        private PredictionEngine<FeatureRow, ModelOutput>? _engine;
        private readonly FeatureRow _row = new();
        private ModelOutput _output = new();

        public FeatureBuffer Features { get; } = new();

        /// <summary>Each tree's exit leaf for <see cref="Features"/>, as the compiled models found them: the explanation reads them.</summary>
        public ulong[] ExitLeaves { get; private set; } = [];

        public Span<ulong> ExitLeavesFor(int trees)
        {
            if (ExitLeaves.Length != trees) ExitLeaves = new ulong[trees];
            return ExitLeaves;
        }

        public PredictionEngine<FeatureRow, ModelOutput> Engine => _engine ??= mlContext.Model.CreatePredictionEngine<FeatureRow, ModelOutput>(
            bundle.Model, new PredictionEngineOptions { OwnsTransformer = false, InputSchemaDefinition = FeatureRow.Schema<FeatureRow>(bundle.Features.Count) });

        public void PredictWithMlNet(Span<float> raw)
        {
            _row.Features = Features.ToVBuffer();
            Engine.Predict(_row, ref _output);
            foreach (var c in Categories.All) raw[(int)c] = _output.Get(c);
        }
    }

    private sealed class WorkerPolicy(MLContext mlContext, ModelBundle bundle) : IPooledObjectPolicy<Worker>
    {
        public Worker Create() => new(mlContext, bundle);

        public bool Return(Worker obj) => true;
    }
}
