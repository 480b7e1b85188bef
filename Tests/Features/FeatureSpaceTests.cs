using CsCheck;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Features;
using NetiquetteML.Scoring.Text;
using NetiquetteML.Training.Data;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Tests.Features;

public class FeatureSpaceTests
{
    private static readonly LabelledComment[] Rows =
    [
        new("1", "Déneigement cette nuit", "Quand passe la déneigeuse sur la 4e Rue?", false, false, false, false, "t.csv", 2),
        new("2", "Déneigement cette nuit", "La déneigeuse est passée ce matin, merci!", false, false, false, false, "t.csv", 3),
        new("3", "", "Gang d'innocents au conseil", true, false, true, false, "t.csv", 4),
        new("4", "", "Vends pneus d'hiver 300$, écrivez-moi", false, true, false, true, "t.csv", 5),
        new("5", "Collecte des encombrants", "La collecte passe-tu lundi?", false, false, false, false, "t.csv", 6),
        new("6", "", "Gang de caves, vends ton char", true, true, false, true, "t.csv", 7),
    ];

    private static readonly List<ModelInput> Training = ModelTrainer.ToInputs(Rows);

    private static readonly FeatureSpace Space = FeatureSelection.Fit(Training, Rows, new FeatureOptions { NgramsPerCategory = 1000, MinimumDocuments = 1 });

    private static ModelInput Input(string text, string? post) => CommentFeaturizer.ToModelInput(new Comment(text, post));

    private static Dictionary<int, float> Vector(FeatureSpace space, ModelInput input, FeatureBuffer? buffer = null)
    {
        buffer ??= new FeatureBuffer();
        space.Vectorize(input, buffer);
        var result = new Dictionary<int, float>();
        foreach (var i in buffer.NonZero) result[i] = buffer.Dense[i];
        return result;
    }

    [Fact]
    public void Ngrams_outside_the_space_are_ignored()
    {
        Assert.DoesNotContain(Vector(Space, Input("zzqx wwvk", null)).Keys, i => i < Space.WordFeatures);
    }

    [Fact]
    public void Each_ngram_family_has_unit_length_and_signals_stay_in_range()
    {
        var vector = Vector(Space, Training[0]);
        var words = vector.Where(kv => kv.Key < Space.WordFeatures).Sum(kv => kv.Value * kv.Value);
        var chars = vector.Where(kv => kv.Key >= Space.WordFeatures && kv.Key < Space.SignalOffset).Sum(kv => kv.Value * kv.Value);
        Assert.Equal(1, words, 4);
        Assert.Equal(1, chars, 4);
        Assert.All(vector.Where(kv => kv.Key >= Space.SignalOffset), kv => Assert.InRange(kv.Value, -1f, 1f));
        // The comment shares words with its post: the overlap signal is set.
        Assert.True(vector.ContainsKey(Space.SignalOffset));
    }

    [Fact]
    public void Reused_buffer_gives_the_vector_of_a_fresh_one()
    {
        var buffer = new FeatureBuffer();
        Vector(Space, Input("Un très long commentaire sur la déneigeuse et la collecte et le conseil, encore et encore", "Déneigement"), buffer);
        var reused = Vector(Space, Training[3], buffer);
        Assert.Equal(Vector(Space, Training[3]), reused);
        Assert.All(Enumerable.Range(0, Space.Count).Where(i => !reused.ContainsKey(i)), i => Assert.Equal(0f, buffer.Dense[i]));
    }

    [Fact]
    public void Sparse_buffer_for_mlnet_has_sorted_indices_and_the_same_values()
    {
        var buffer = new FeatureBuffer();
        var expected = Vector(Space, Training[1], buffer);
        var sparse = buffer.ToVBuffer();
        Assert.Equal(Space.Count, sparse.Length);
        var indices = sparse.GetIndices().ToArray();
        Assert.Equal(indices.Order(), indices);
        Assert.Equal(expected.OrderBy(kv => kv.Key).Select(kv => kv.Value), sparse.GetValues().ToArray());
    }

    [Fact]
    public void Saved_and_reloaded_space_gives_identical_vectors()
    {
        var reloaded = FeatureSpace.FromJson(Space.ToJson());
        Assert.Equal(Space.Count, reloaded.Count);
        Assert.Equal(Space.MinimumDocuments, reloaded.MinimumDocuments);
        foreach (var input in Training) Assert.Equal(Vector(Space, input), Vector(reloaded, input));
    }

    private static readonly FeatureSpace WithLexicon = FeatureSelection.Fit(Training, Rows, new FeatureOptions
    {
        NgramsPerCategory = 1000,
        MinimumDocuments = 1,
        Lexicon = Lexicon.Create([new("cave", LexiconCategory.Insult), new("caves", LexiconCategory.Insult), new("tabarnak", LexiconCategory.Sacre)]),
    });

    [Fact]
    public void Lexicon_counts_are_the_last_features_capped_at_three()
    {
        var insult = WithLexicon.LexiconOffset + (int)LexiconCategory.Insult;
        var sacre = WithLexicon.LexiconOffset + (int)LexiconCategory.Sacre;
        Assert.Equal(WithLexicon.Count, WithLexicon.LexiconOffset + Lexicon.Categories.Count);
        var once = Vector(WithLexicon, Input("Gang de caves", null));
        Assert.Equal(1f / 3, once[insult], 6);
        Assert.False(once.ContainsKey(sacre));
        var many = Vector(WithLexicon, Input("cave, cave, cave, cave pis t@b@rn@k", null));
        Assert.Equal(1f, many[insult]);
        Assert.Equal(1f / 3, many[sacre], 6);
        Assert.Equal(FeatureSpace.DenseFeatureNames.Count, WithLexicon.Count - WithLexicon.SignalOffset);
    }

    [Fact]
    public void The_lexicon_travels_in_the_feature_file_and_scores_the_same()
    {
        var reloaded = FeatureSpace.FromJson(WithLexicon.ToJson());
        Assert.Equal(WithLexicon.Lexicon.Entries, reloaded.Lexicon.Entries);
        foreach (var input in Training) Assert.Equal(Vector(WithLexicon, input), Vector(reloaded, input));
    }

    [Theory]
    [InlineData("missing", "no lexicon")]
    [InlineData("unknown", "unknown category 'Grossier'")]
    public void Feature_file_with_a_missing_or_foreign_lexicon_is_refused(string kind, string expected)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(WithLexicon.ToJson())!.AsObject();
        if (kind == "missing") json.Remove("lexicon");
        else json["lexicon"]![0]!["category"] = "Grossier";
        var e = Assert.Throws<FormatException>(() => FeatureSpace.FromJson(json.ToJsonString()));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("""{"format": 99}""", "format 99")]
    [InlineData("""{"format": 2, "wordNgramLength": 3, "charNgramLength": 4, "shortestCharNgram": 2}""", "word 1–3-grams")]
    [InlineData("""{"format": 2, "wordNgramLength": 2, "charNgramLength": 4, "shortestCharNgram": 1}""", "character 1–4-grams")]
    [InlineData("""{"format": 2, "wordNgramLength": 2, "charNgramLength": 4, "shortestCharNgram": 2, "signals": ["urls"]}""", "signals")]
    public void Feature_file_this_code_did_not_write_is_refused_saying_why(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => FeatureSpace.FromJson(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Feature_file_listing_an_ngram_twice_is_refused()
    {
        var json = Space.ToJson().Replace("\"wordHashes\":[", "\"wordHashes\":[7,7,");
        Assert.Contains("twice", Assert.Throws<FormatException>(() => FeatureSpace.FromJson(json)).Message);
    }

    [Fact]
    public void Any_text_gives_finite_values_inside_the_vector()
    {
        // CsCheck samples on several threads: one buffer per sample, as the scorer has one per thread.
        Gen.Char['\0', '\uffff'].Array[0, 300].Select(c => new string(c)).Sample(text =>
        {
            var vector = Vector(Space, CommentFeaturizer.ToModelInput(new Comment(text, text)));
            Assert.All(vector, kv =>
            {
                Assert.InRange(kv.Key, 0, Space.Count - 1);
                Assert.True(float.IsFinite(kv.Value) && kv.Value != 0);
            });
        }, iter: 2000);
    }

    [Fact]
    public void Locating_a_subset_of_ngrams_finds_exactly_their_occurrences_in_the_same_order()
    {
        var kept = Space.Locate(TextNormalizer.Normalize("gang de caves au conseil")).Select(o => o.Feature).Distinct().ToArray();
        Assert.NotEmpty(kept);
        var texts = Gen.OneOf(
            Gen.Int[0, Rows.Length - 1].Array[1, 6].Select(picks => string.Join(' ', picks.Select(p => Rows[p].Text))),
            Gen.Char['\0', '\u02ff'].Array[0, 200].Select(c => new string(c)));
        // Any subset, signals and lexicon counts among them (they are no n-grams and are left out).
        var subsets = Gen.Int[0, Space.Count - 1].Array[0, 40].Select(random => kept.Where((_, i) => i % 2 == 0).Concat(random).ToArray());
        Gen.Select(texts, subsets).Sample((raw, features) =>
        {
            var text = TextNormalizer.Normalize(raw);
            var subset = new NgramSubset();
            Space.Subset(features, subset);
            var expected = Space.Locate(text).Where(o => features.Contains(o.Feature)).ToList();
            Assert.Equal(expected, Space.Locate(text, [], subset));
        }, iter: 500);
    }
}
