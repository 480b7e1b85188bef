namespace NetiquetteML.Scoring.Rules;

/// <summary>
/// A match proposed by one scanner before overlaps are resolved. <see cref="Allowed"/> marks a match of
/// the allow-list (the town's own contacts): it wins every overlap and is then dropped, so nothing inside
/// it is reported.
/// </summary>
internal readonly record struct Candidate(PersonalInfoKind Kind, int Start, int End, double Confidence, bool Allowed = false)
{
    public int Length => End - Start;
}
