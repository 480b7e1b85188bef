namespace NetiquetteML.Training.Commands;

public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The input broke the data contract or an option was wrong: fix the input.</summary>
    public const int InvalidInput = 1;
    /// <summary>The model bundle is missing, corrupt, tampered with or from a newer version.</summary>
    public const int InvalidBundle = 2;
    /// <summary>A comparison found a regression (compare, promote).</summary>
    public const int Regression = 3;
    public const int Cancelled = 130;
}
