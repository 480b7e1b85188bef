using System.Text;
using CsvHelper;
using NetiquetteML.Scoring;

namespace NetiquetteML.Training.Data;

/// <summary>
/// The one strict reader of every input file (train, evaluate, score, suggest, report, compare):
/// every problem (missing column, label other than 0/1, duplicate id, empty text, malformed
/// quoting, a row with more or fewer fields than the header, a « ; » or tab separator, wrong
/// encoding, NUL byte) is collected with file, line and column before anything is trained, scored
/// or written.
/// </summary>
public static class LabelledCsvLoader
{
    /// <summary>Which label columns a file must have.</summary>
    private enum LabelRequirement
    {
        /// <summary>Every required label (the optional complaint column is read when present): a training file.</summary>
        All,

        /// <summary>At least one: an evaluation file labelled for some categories only.</summary>
        Some,

        /// <summary>None, and any present are ignored: comments to score or to rank for labelling.</summary>
        None,
    }

    /// <summary>Label columns a file may lack (LABELS.md version 2): its rows then say nothing about them.</summary>
    public static readonly IReadOnlyList<Category> OptionalCategories = [Category.Complaint];

    public static readonly IReadOnlyList<string> RequiredColumns =
        ["id", "post", "text", .. Categories.All.Except(OptionalCategories).Select(c => c.Name())];

    /// <summary>Optional in every file (version 2 of the contract): read for the moderation history, never by the models.</summary>
    public static readonly IReadOnlyList<string> OptionalColumns = ["author", "created"];

    /// <param name="LabelColumns">The categories the file labels: all of them, except in a file read with <see cref="LoadPartlyLabelled"/>.</param>
    public sealed record LoadedFile(string Path, string Sha256, IReadOnlyList<LabelledComment> Rows, IReadOnlyList<Category> LabelColumns);

    /// <summary>
    /// Loads every file; throws <see cref="DataValidationException"/> listing all problems of all
    /// files. Ids must be unique within a file. Across files, the same id or the same text with
    /// different labels is a conflict that stops the run, unless <paramref name="preferLatest"/>:
    /// then the row of the file that sorts last (files are named by date) wins. Identical
    /// repeats across files are kept once, from the latest file.
    /// </summary>
    public static IReadOnlyList<LoadedFile> LoadAll(IEnumerable<string> paths, bool preferLatest = false)
    {
        var problems = new List<CsvProblem>();
        var files = new List<LoadedFile>();
        foreach (var path in paths)
        {
            var file = Load(path, problems, LabelRequirement.All);
            if (file is null) continue;
            CheckUniqueIds(file, problems);
            files.Add(file);
        }
        if (problems.Count > 0) throw new DataValidationException(problems);
        return ResolveAcrossFiles(files, preferLatest);
    }

    private static IReadOnlyList<LoadedFile> ResolveAcrossFiles(List<LoadedFile> files, bool preferLatest)
    {
        if (files.Count < 2) return files;
        var problems = new List<CsvProblem>();
        var byId = new Dictionary<string, LabelledComment>(StringComparer.Ordinal);
        var byText = new Dictionary<string, LabelledComment>(StringComparer.Ordinal);
        var superseded = new HashSet<LabelledComment>(ReferenceEqualityComparer.Instance);
        foreach (var file in files.OrderBy(f => Path.GetFileName(f.Path), StringComparer.Ordinal))
        {
            foreach (var row in file.Rows)
            {
                var textKey = row.Text.Trim().ToLowerInvariant();
                foreach (var earlier in new[] { byId.GetValueOrDefault(row.Id), byText.GetValueOrDefault(textKey) })
                {
                    if (earlier is null || earlier.SourceFile == row.SourceFile || superseded.Contains(earlier)) continue;
                    var sameLabels = Categories.All.All(c => earlier.Label(c) == row.Label(c));
                    if (!sameLabels && !preferLatest)
                    {
                        var what = earlier.Id == row.Id ? $"id '{row.Id}'" : "the same text";
                        problems.Add(new CsvProblem(row.SourceFile, row.Line, null, "",
                            $"conflicting labels for {what} in {earlier.SourceFile}:{earlier.Line} ({Labels(earlier)} there, {Labels(row)} here). Fix one, or pass --prefer-latest to keep the later file's labels.",
                            $"étiquettes contradictoires pour {(earlier.Id == row.Id ? $"l'id « {row.Id} »" : "le même texte")} dans {earlier.SourceFile}:{earlier.Line} ({Labels(earlier)} là-bas, {Labels(row)} ici). Corrigez l'une des deux, ou ajoutez --prefer-latest pour garder celles du fichier le plus récent."));
                        break;
                    }
                    superseded.Add(earlier);
                }
                byId[row.Id] = row;
                byText[textKey] = row;
            }
        }
        if (problems.Count > 0) throw new DataValidationException(problems);
        return files.Select(f => f with { Rows = f.Rows.Where(r => !superseded.Contains(r)).ToList() }).ToList();
    }

    private static string Labels(LabelledComment row) =>
        string.Join(",", Categories.All.Select(c => $"{c.Name()}={(row.Label(c) ? 1 : 0)}"));

    public static LoadedFile LoadOne(string path) => LoadAll([path])[0];

    /// <summary>
    /// A file for evaluation that may label only some categories (an outside set labelled for
    /// offensive only): it needs <c>id</c>, <c>text</c> and at least one label column; <c>post</c>
    /// may be absent. Labels of absent columns read as 0 and must not be measured: see <see cref="LoadedFile.LabelColumns"/>.
    /// </summary>
    public static LoadedFile LoadPartlyLabelled(string path) => LoadChecked(path, LabelRequirement.Some);

    /// <summary>
    /// Comments to score or rank (id and text; post optional; label columns ignored), held to the
    /// same rules as a labelled file: every problem of the whole file is reported before anything
    /// is scored or written. The rows' labels are all 0 and mean nothing.
    /// </summary>
    public static LoadedFile LoadComments(string path) => LoadChecked(path, LabelRequirement.None);

    private static LoadedFile LoadChecked(string path, LabelRequirement labels)
    {
        var problems = new List<CsvProblem>();
        var file = Load(path, problems, labels);
        if (file is not null) CheckUniqueIds(file, problems);
        if (problems.Count > 0 || file is null) throw new DataValidationException(problems);
        return file;
    }

    private static void CheckUniqueIds(LoadedFile file, List<CsvProblem> problems)
    {
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in file.Rows)
        {
            if (!seen.TryAdd(row.Id, row.Line))
                problems.Add(new CsvProblem(row.SourceFile, row.Line, 1, "id", $"duplicate id '{row.Id}' (first seen on line {seen[row.Id]}); ids must be unique.",
                    $"id « {row.Id} » en double (déjà vu à la ligne {seen[row.Id]}) ; chaque id doit être unique."));
        }
    }

    private static LoadedFile? Load(string path, List<CsvProblem> problems, LabelRequirement requirement)
    {
        var name = path;
        if (!File.Exists(path))
        {
            problems.Add(new CsvProblem(name, 0, null, "", "file not found.", "fichier introuvable."));
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var before = problems.Count;
        if (!CheckBytes(name, bytes, problems)) return null;

        var rows = new List<LabelledComment>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            IncludeValuesInExceptions = false,
            OnMalformedRecord = m => problems.Add(new CsvProblem(name, m.LineNumber, null, "", Explain(m.Reason), ExplainInFrench(m.Reason))),
        };

        using var reader = CsvReader.Create(bytes, options);
        reader.ReadHeader();
        if (reader.Headers.Count == 0)
        {
            problems.Add(EmptyFile(name));
            return null;
        }
        var headers = reader.Headers.Select(h => h.Trim()).ToList();
        if (WrongSeparator(headers) is { } separator)
        {
            problems.Add(new CsvProblem(name, 1, null, "",
                $"the columns are separated by {separator}, not by commas (a file saved by Excel in French as « CSV (séparateur : point-virgule) »). " +
                "Save it again as « CSV UTF-8 (délimité par des virgules) », or replace the separators by commas.",
                $"les colonnes sont séparées par des {(separator == "tabs" ? "tabulations" : "points-virgules (;)")}, pas par des virgules (fichier enregistré par Excel en français). " +
                "Enregistrez-le de nouveau en « CSV UTF-8 (délimité par des virgules) », ou remplacez les séparateurs par des virgules."));
            return null;
        }
        var required = requirement == LabelRequirement.All ? RequiredColumns : ["id", "text"];
        var index = new Dictionary<string, int>();
        IReadOnlyList<string> known = requirement == LabelRequirement.None ? ["id", "post", "text"] : [.. RequiredColumns, .. OptionalCategories.Select(c => c.Name())];
        foreach (var column in known)
        {
            var i = headers.FindIndex(h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
            if (i >= 0) index[column] = i;
            else if (required.Contains(column))
                problems.Add(new CsvProblem(name, 1, null, column,
                    $"missing column '{column}'. The header must contain: {string.Join(',', required)} (found: {string.Join(',', headers)}).",
                    $"colonne « {column} » absente. L'en-tête doit contenir : {string.Join(',', required)} (trouvé : {string.Join(',', headers)})."));
        }
        foreach (var column in OptionalColumns)
        {
            var i = headers.FindIndex(h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
            if (i >= 0) index[column] = i;
        }
        var labelColumns = Categories.All.Where(c => index.ContainsKey(c.Name())).ToList();
        if (requirement == LabelRequirement.Some && labelColumns.Count == 0)
            problems.Add(new CsvProblem(name, 1, null, "", $"no label column; an evaluation file needs at least one of {string.Join(',', Categories.All.Select(c => c.Name()))} (found: {string.Join(',', headers)}).",
                $"aucune colonne d'étiquette ; un fichier d'évaluation en demande au moins une parmi {string.Join(',', Categories.All.Select(c => c.Name()))} (trouvé : {string.Join(',', headers)})."));
        if (problems.Count > before) return null;

        while (reader.Read())
        {
            var line = reader.LineNumber;
            var id = Field(reader, index["id"]).Trim();
            var post = index.TryGetValue("post", out var postColumn) ? Field(reader, postColumn) : string.Empty;
            var text = Field(reader, index["text"]);
            if (id.Length == 0)
                problems.Add(new CsvProblem(name, line, index["id"] + 1, "id", "empty id; every comment needs a unique id.", "id vide ; chaque commentaire a besoin d'un id unique."));
            if (string.IsNullOrWhiteSpace(text))
                problems.Add(new CsvProblem(name, line, index["text"] + 1, "text", "empty text; a comment cannot be blank.", "texte vide ; un commentaire ne peut pas être vide."));

            var labels = new bool[Categories.All.Count];
            foreach (var category in labelColumns)
            {
                var column = index[category.Name()];
                var value = Field(reader, column).Trim();
                if (value == "1") labels[(int)category] = true;
                else if (value != "0")
                    problems.Add(new CsvProblem(name, line, column + 1, category.Name(),
                        value.Length == 0 ? "empty label; expected 0 or 1." : $"label '{Truncate(value)}' is not valid; expected 0 or 1.",
                        value.Length == 0 ? "étiquette vide ; 0 ou 1 attendu." : $"étiquette « {Truncate(value)} » invalide ; 0 ou 1 attendu."));
            }
            rows.Add(new LabelledComment(id, post, text, labels[0], labels[1], labels[2], labels[3], name, line)
            {
                Complaint = labelColumns.Contains(Category.Complaint) ? labels[(int)Category.Complaint] : null,
                Author = index.TryGetValue("author", out var authorColumn) && Field(reader, authorColumn).Trim() is { Length: > 0 } author ? author : null,
                Created = index.TryGetValue("created", out var createdColumn) ? CreatedTime(Field(reader, createdColumn), name, line, createdColumn, problems) : null,
            });
        }

        if (rows.Count == 0 && problems.Count == before)
            problems.Add(new CsvProblem(name, 2, null, "", "the file has a header but no data rows.", "le fichier a un en-tête mais aucune ligne de données."));
        return new LoadedFile(path, sha, rows, labelColumns);
    }

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
    ];

    /// <summary>An ISO 8601 date or date-time; without an offset it is UTC. Empty is « unknown »; anything else is a problem.</summary>
    private static DateTimeOffset? CreatedTime(string value, string file, long line, int column, List<CsvProblem> problems)
    {
        value = value.Trim();
        if (value.Length == 0) return null;
        if (DateTimeOffset.TryParseExact(value, IsoFormats, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var created))
            return created;
        problems.Add(new CsvProblem(file, line, column + 1, "created",
            $"'{Truncate(value)}' is not an ISO 8601 date (expected e.g. 2026-12-02T14:30:00-05:00, 2026-12-02T19:30:00Z or 2026-12-02).",
            $"« {Truncate(value)} » n'est pas une date ISO 8601 (par exemple 2026-12-02T14:30:00-05:00, 2026-12-02T19:30:00Z ou 2026-12-02)."));
        return null;
    }

    private static string Field(CsvReader reader, int index) =>
        index < reader.FieldCount ? reader.GetString(index) ?? string.Empty : string.Empty;

    private static string Truncate(string value) => value.Length <= 20 ? value : value[..20] + "…";

    private static string Explain(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed (unterminated quote); the record was not read. Close the quote or double the inner quotes (\"\").",
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field; quote the whole field and double the inner quotes (\"\").",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field; double the inner quotes (\"\").",
        CsvMalformedReason.FieldCountMismatch => "this record does not have as many fields as the header (a missing or extra comma, or an unquoted comma in the text).",
        _ => $"malformed record ({reason}).",
    };

    private static string ExplainInFrench(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "un champ entre guillemets n'est jamais fermé ; la ligne n'a pas été lue. Fermez le guillemet ou doublez les guillemets intérieurs (\"\").",
        CsvMalformedReason.StrayQuote => "un guillemet dans un champ sans guillemets ; mettez tout le champ entre guillemets et doublez les guillemets intérieurs (\"\").",
        CsvMalformedReason.TextAfterClosingQuote => "du texte après le guillemet fermant d'un champ ; doublez les guillemets intérieurs (\"\").",
        CsvMalformedReason.FieldCountMismatch => "cette ligne n'a pas autant de champs que l'en-tête (une virgule manquante ou en trop, ou une virgule sans guillemets dans le texte).",
        _ => $"ligne mal formée ({reason}).",
    };

    private static CsvProblem EmptyFile(string name) => new(name, 1, null, "",
        $"the file is empty; expected a header row: {string.Join(',', RequiredColumns)}.",
        $"le fichier est vide ; une ligne d'en-tête est attendue : {string.Join(',', RequiredColumns)}.");

    /// <summary>« ; » or a tab when the header is one column holding them: the file was saved with another separator.</summary>
    private static string? WrongSeparator(List<string> headers)
    {
        if (headers.Count != 1) return null;
        if (headers[0].Contains(';')) return "semicolons (;)";
        if (headers[0].Contains('\t')) return "tabs";
        return null;
    }

    /// <summary>Encoding checks CsvHelper does not make: UTF-8 validity, UTF-16 and NUL bytes, with their line.</summary>
    private static bool CheckBytes(string name, byte[] bytes, List<CsvProblem> problems)
    {
        if (bytes.Length == 0)
        {
            problems.Add(EmptyFile(name));
            return false;
        }
        if (bytes.AsSpan().StartsWith(Encoding.Unicode.Preamble) || bytes.AsSpan().StartsWith(Encoding.BigEndianUnicode.Preamble))
        {
            problems.Add(new CsvProblem(name, 1, null, "",
                "the file is UTF-16 text (saved as « Texte Unicode »), not UTF-8. Save it again as « CSV UTF-8 (délimité par des virgules) ».",
                "le fichier est du texte UTF-16 (enregistré en « Texte Unicode »), pas de l'UTF-8. Enregistrez-le de nouveau en « CSV UTF-8 (délimité par des virgules) »."));
            return false;
        }
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            var (line, column) = Position(bytes, nul);
            problems.Add(new CsvProblem(name, line, null, "",
                $"a NUL byte at character {column} of the line: this is a binary file or UTF-16 text, not a UTF-8 CSV.",
                $"un octet NUL au caractère {column} de la ligne : c'est un fichier binaire ou du texte UTF-16, pas un CSV UTF-8."));
            return false;
        }
        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble)) span = span[3..];
        if (!System.Text.Unicode.Utf8.IsValid(span))
        {
            var offset = FirstInvalidUtf8(bytes);
            var (line, column) = Position(bytes, offset);
            problems.Add(new CsvProblem(name, line, null, "",
                $"invalid UTF-8 at character {column} of the line (byte 0x{bytes[offset]:X2}): the file looks like Latin-1/Windows-1252. Re-save it as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`).",
                $"UTF-8 invalide au caractère {column} de la ligne (octet 0x{bytes[offset]:X2}) : le fichier semble en Latin-1/Windows-1252 (accents mal codés). Enregistrez-le de nouveau en « CSV UTF-8 (délimité par des virgules) »."));
            return false;
        }
        return true;
    }

    private static int FirstInvalidUtf8(byte[] bytes)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true);
        // Binary search the longest valid prefix: linear enough and exact.
        int lo = 0, hi = bytes.Length;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (IsValidPrefix(bytes, mid)) lo = mid; else hi = mid - 1;
        }
        return Math.Min(lo, bytes.Length - 1);

        bool IsValidPrefix(byte[] b, int length)
        {
            try { decoder.GetCharCount(b, 0, length); return true; }
            catch (DecoderFallbackException e) when (e.Index >= 0) { return e.Index + 4 > length; }
        }
    }

    private static (long Line, long Column) Position(byte[] bytes, int offset)
    {
        long line = 1, lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (bytes[i] == (byte)'\n') { line++; lineStart = i + 1; }
        }
        return (line, offset - lineStart + 1);
    }
}
