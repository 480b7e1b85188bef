namespace NetiquetteML.Scoring.Rules;

/// <summary>Outcome of <see cref="ShoutingRule.Evaluate"/>.</summary>
/// <param name="IsShouting">True when the comment is written mostly in capitals.</param>
/// <param name="CapitalRatio">Capital letters divided by cased letters counted (0 when none were counted).</param>
/// <param name="LettersCounted">Upper- and lower-case letters counted, acronyms excluded.</param>
public sealed record ShoutingResult(bool IsShouting, double CapitalRatio, int LettersCounted);
