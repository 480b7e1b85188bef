using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Scoring.Models;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Scoring.Rules;
using NetiquetteML.Scoring.Text;

namespace NetiquetteML.Scoring;

/// <summary>
/// The front door for moderation apps: load a verified bundle once, then call
/// <see cref="Score(Comment)"/> or <see cref="ScoreMany"/> from any number of threads.
/// </summary>
/// <remarks>
/// Thread safety: the loaded <see cref="ITransformer"/>, the rules and the policy are immutable;
/// a <see cref="PredictionEngine{TSrc,TDst}"/> is not thread-safe, so each call borrows one from
/// a pool and returns it.
/// </remarks>
public sealed class NetiquetteScorer
{
    private readonly ObjectPool<PredictionEngine<ModelInput, ModelOutput>> _engines;
    private readonly ObjectPool<CompiledWorker>? _compiled;
    private readonly PostCache _posts = new();
    private readonly (Category Category, PlattCalibration Calibration, double Flag, double Remove)[] _categories;

    private NetiquetteScorer(ModelBundle bundle, ModerationPolicy policy, PersonalInfoDetector detector, ShoutingRule shouting)
    {
        Bundle = bundle;
        Policy = policy;
        PersonalInfo = detector;
        Shouting = shouting;
        var mlContext = new MLContext(seed: 1);
        _engines = new DefaultObjectPool<PredictionEngine<ModelInput, ModelOutput>>(
            new EnginePolicy(mlContext, bundle.Model), Math.Max(4, Environment.ProcessorCount * 2));
        try
        {
            // Build one engine now: a model whose input schema does not match this scorer's
            // features must fail at load, not on the first comment.
            _engines.Return(_engines.Get());
            _compiled = CompileVerified(mlContext, bundle);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new BundleException($"The model in '{bundle.Directory}' does not accept this scorer's features ({e.Message}). Retrain the bundle.", e);
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

    public Verdict Score(Comment comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var input = CommentFeaturizer.ToModelInput(comment, _posts.Get(comment.Post));
        Span<float> raw = stackalloc float[4];
        RawScores(input, raw);
        return Decide(comment, raw);
    }

    /// <summary>True when the models run compiled (one featurisation, trees evaluated directly); false on the ML.NET path.</summary>
    public bool IsCompiled => _compiled is not null;

    private void RawScores(ModelInput input, Span<float> raw)
    {
        if (_compiled is not null)
        {
            var worker = _compiled.Get();
            try
            {
                worker.Score(input, raw);
            }
            finally
            {
                _compiled.Return(worker);
            }
            return;
        }
        var engine = _engines.Get();
        try
        {
            var output = engine.Predict(input);
            foreach (var c in Categories.All) raw[(int)c] = output.Get(c);
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    /// <summary>
    /// The compiled path, kept only if it gives the ML.NET chain's raw scores on probe comments:
    /// a model this code cannot read exactly falls back to the slower, always-right ML.NET path.
    /// </summary>
    private ObjectPool<CompiledWorker>? CompileVerified(MLContext mlContext, ModelBundle bundle)
    {
        var compiled = CompiledModels.TryCompile(bundle.Model, bundle.InputSchema);
        if (compiled is null) return null;
        var pool = new DefaultObjectPool<CompiledWorker>(new CompiledWorkerPolicy(mlContext, compiled), Math.Max(4, Environment.ProcessorCount * 2));
        var engine = _engines.Get();
        var worker = pool.Get();
        try
        {
            Span<float> fast = stackalloc float[4];
            foreach (var probe in ProbeComments)
            {
                var input = CommentFeaturizer.ToModelInput(probe);
                var slow = engine.Predict(input);
                worker.Score(input, fast);
                foreach (var c in Categories.All)
                {
                    var expected = slow.Get(c);
                    if (Math.Abs(expected - fast[(int)c]) > 1e-4 * Math.Max(1, Math.Abs(expected))) return null;
                }
            }
        }
        finally
        {
            _engines.Return(engine);
            pool.Return(worker);
        }
        return pool;
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

    /// <summary>Scores many comments on all cores; results come back in input order, lazily, in chunks.</summary>
    public IEnumerable<Verdict> ScoreMany(IEnumerable<Comment> comments, int chunkSize = 4096, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var chunk = new List<Comment>(chunkSize);
        foreach (var comment in comments)
        {
            chunk.Add(comment);
            if (chunk.Count < chunkSize) continue;
            foreach (var v in ScoreChunk(chunk, cancellationToken)) yield return v;
            chunk.Clear();
        }
        if (chunk.Count > 0)
        {
            foreach (var v in ScoreChunk(chunk, cancellationToken)) yield return v;
        }
    }

    private Verdict[] ScoreChunk(List<Comment> chunk, CancellationToken cancellationToken)
    {
        var results = new Verdict[chunk.Count];
        Parallel.For(0, chunk.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => results[i] = Score(chunk[i]));
        return results;
    }

    private Verdict Decide(Comment comment, ReadOnlySpan<float> raw)
    {
        var text = comment.Text ?? string.Empty;
        var scores = new CategoryScore[_categories.Length];
        var action = ModerationAction.Allow;
        var reasons = new List<string>();

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
            var flagged = probability >= flag;
            var aboveRemove = probability >= remove;
            scores[i] = new CategoryScore(category, probability, flagged, aboveRemove);
            if (!flagged) continue;
            action = Max(action, aboveRemove ? Policy.RemoveThresholdAction : Policy.FlagAction);
            reasons.Add(NetiquetteClauses.CategoryReason(category, probability, aboveRemove));
        }

        var shouting = Shouting.Evaluate(text);
        if (shouting.IsShouting && Policy.ShoutingAction > ModerationAction.Allow)
        {
            action = Max(action, Policy.ShoutingAction);
            reasons.Add(NetiquetteClauses.ShoutingReason(shouting.CapitalRatio));
        }

        return new Verdict(comment.Id, action, scores, findings, shouting, reasons, Redactor.Redact(text, findings));
    }

    private static ModerationAction Max(ModerationAction a, ModerationAction b) => a >= b ? a : b;

    /// <summary>One thread's compiled scorer: a featuriser engine and a dense buffer of its own.</summary>
    private sealed class CompiledWorker(PredictionEngine<ModelInput, FeatureRow> engine, CompiledModels models)
    {
        private readonly float[] _dense = new float[models.FeatureCount];
        private FeatureRow _row = new();

        public void Score(ModelInput input, Span<float> raw)
        {
            engine.Predict(input, ref _row);
            models.Score(_row.Features, _dense, raw);
        }
    }

    private sealed class CompiledWorkerPolicy(MLContext mlContext, CompiledModels models) : IPooledObjectPolicy<CompiledWorker>
    {
        public CompiledWorker Create() => new(
            mlContext.Model.CreatePredictionEngine<ModelInput, FeatureRow>(models.Featurizer, new PredictionEngineOptions { OwnsTransformer = false }),
            models);

        public bool Return(CompiledWorker obj) => true;
    }

    private sealed class EnginePolicy(MLContext mlContext, ITransformer model) : IPooledObjectPolicy<PredictionEngine<ModelInput, ModelOutput>>
    {
        public PredictionEngine<ModelInput, ModelOutput> Create() =>
            mlContext.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model, new PredictionEngineOptions { OwnsTransformer = false });

        public bool Return(PredictionEngine<ModelInput, ModelOutput> obj) => true;
    }
}
