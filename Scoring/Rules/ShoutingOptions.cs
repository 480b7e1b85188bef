namespace NetiquetteML.Scoring.Rules;

/// <summary>Settings of the <see cref="ShoutingRule"/>. Immutable: the acronym list given is copied.</summary>
public sealed class ShoutingOptions
{
    private readonly string[] _acronyms = [.. DefaultAcronyms];

    /// <summary>
    /// Acronyms of Quebec municipal and public life that are written in capitals without shouting.
    /// </summary>
    public static IReadOnlyList<string> DefaultAcronyms { get; } =
    [
        "MRC", "SQ", "CLSC", "CPE", "SAAQ", "RAMQ", "DG", "COVID", "CISSS", "CIUSSS", "CHSLD", "HLM", "OMH", "VIA",
        "CAQ", "PQ", "PLQ", "QS", "PCC", "NPD", "PLC", "BQ", "BBQ", "OK", "SOPFEU", "TVQ", "TPS", "CN", "CP", "UQAT",
        "CEGEP", "CÉGEP", "FADOQ", "GRC", "SPCA", "VTT", "MTQ", "MTMD", "MAMH", "MELCC", "MELCCFP", "MFFP", "SEPAQ",
        "SÉPAQ", "SNSM", "RPA", "CSS", "CSSS", "CSSLV", "UQ", "TVA", "SRC", "CBC", "RDI", "CKVM", "CJMM", "MTL",
        "QC", "USA", "NHL", "LNH", "LHJMQ", "AGA", "OBNL", "COOP", "DPJ", "CNESST", "CSST", "TAQ",
        "INSPQ", "ARPE", "RCI", "REER", "CELI", "FM", "AM", "PM", "TV", "GPS", "ATV", "RV", "PDF", "URL", "WEB",
        "WIFI", "SVP", "STP", "SVPL", "FYI", "PS", "NB", "GES", "HQ", "ABI", "IGA", "SAQ", "SQDC",
        "DEP", "AEC", "UQAM", "UQTR", "CSN", "FTQ", "CSQ", "FQM", "UMQ", "BAPE", "CPTAQ",
    ];

    /// <summary>The defaults: 12 letters, 0.7, <see cref="DefaultAcronyms"/>, 2 emphasis words.</summary>
    public static ShoutingOptions Default { get; } = new();

    /// <summary>Comments with fewer counted letters than this are never shouting (default 12).</summary>
    public int MinLetters { get; init; } = 12;

    /// <summary>Share of capitals among the counted letters at and above which a comment shouts (default 0.7).</summary>
    public double Threshold { get; init; } = 0.7;

    /// <summary>
    /// A comment whose fully capitalised words number at most this many, and that has at least one word with
    /// lower-case letters, is only emphasising, never shouting (default 2).
    /// </summary>
    public int MaxEmphasisWords { get; init; } = 2;

    /// <summary>Words ignored entirely when written in capitals (compared case-sensitively, default <see cref="DefaultAcronyms"/>).</summary>
    public IReadOnlyList<string> Acronyms
    {
        get => _acronyms;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _acronyms = value.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToArray();
        }
    }
}
