using Microsoft.ML;
using Microsoft.ML.Transforms.Text;
using NetiquetteML.Scoring.Text;

namespace NetiquetteML.Training.Learning;

/// <summary>
/// The ML.NET half of featurisation (the C# half is <see cref="CommentFeaturizer"/> in Scoring):
/// word 1–2-grams and character 1–4-grams of the already normalised text, plus the dense signals.
/// Case, accents, punctuation and stop words are left alone here: the normaliser handled them,
/// and FeaturizeText's stop-word list is English whatever the language (STACK-NOTES).
/// </summary>
public static class FeaturePipeline
{
    public const string FeatureColumn = "Features";

    public static IEstimator<ITransformer> Build(MLContext ml) =>
        ml.Transforms.Text.FeaturizeText("TextFeatures", new TextFeaturizingEstimator.Options
            {
                CaseMode = TextNormalizingEstimator.CaseMode.None,
                KeepDiacritics = true,
                KeepPunctuations = true,
                KeepNumbers = true,
                StopWordsRemoverOptions = null,
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, MaximumNgramsCount = [40_000] },
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = true, MaximumNgramsCount = [60_000] },
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            }, nameof(ModelInput.Text))
            .Append(ml.Transforms.NormalizeMinMax("SignalsScaled", nameof(ModelInput.Signals)))
            .Append(ml.Transforms.Concatenate(FeatureColumn, "TextFeatures", "SignalsScaled"));
}
