namespace NetiquetteML.Scoring.Text;

/// <summary>
/// A comment as the models' featuriser takes it: normalised text plus a few dense signals. Built by
/// <see cref="CommentFeaturizer"/> only, for training rows and for comments to score alike, then
/// turned into the model's vector by <see cref="Features.FeatureSpace.Vectorize"/>.
/// </summary>
public sealed class ModelInput
{
    public string Text { get; set; } = string.Empty;

    public float[] Signals { get; set; } = new float[CommentFeaturizer.SignalCount];
}
