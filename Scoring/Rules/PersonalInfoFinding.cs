namespace NetiquetteML.Scoring.Rules;

/// <summary>
/// One piece of personal information found in a text.
/// </summary>
/// <param name="Kind">What was found.</param>
/// <param name="Start">Offset of the first character, in UTF-16 code units of the original text.</param>
/// <param name="Length">Length in UTF-16 code units.</param>
/// <param name="Confidence">How sure the detector is, in [0, 1]; context words (« appelez », « NAS »…) raise it.</param>
public sealed record PersonalInfoFinding(PersonalInfoKind Kind, int Start, int Length, double Confidence)
{
    /// <summary>Offset just past the last character (<c>Start + Length</c>).</summary>
    public int End => Start + Length;
}
