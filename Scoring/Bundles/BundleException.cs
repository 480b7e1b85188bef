namespace NetiquetteML.Scoring.Bundles;

/// <summary>A bundle that cannot be trusted or read; the message says what is wrong and where.</summary>
public sealed class BundleException(string message, Exception? inner = null) : Exception(message, inner);
