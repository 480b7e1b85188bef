using System.Security.Cryptography;
using NetiquetteML.Scoring.History;

namespace NetiquetteML.History;

/// <summary>
/// The history's secret key, in a file of its own beside the database: copying the database
/// alone gives neither names nor a way to test guessed names or texts against it.
/// </summary>
internal static class HistoryKeyFile
{
    private const int KeyLength = 32;

    /// <summary>Reads the key, or creates it when <paramref name="mayCreate"/> (a new history); two processes creating it at once agree on one.</summary>
    public static HistoryKey LoadOrCreate(string path, bool mayCreate)
    {
        if (!File.Exists(path))
        {
            if (!mayCreate)
                throw new HistoryException($"la clé de l'historique est introuvable ({path}) : sans elle, les auteurs et les textes déjà enregistrés ne peuvent plus être reconnus. Restaurez-la depuis la sauvegarde, ou commencez un nouvel historique (autre fichier). / the history key file is missing ({path}); restore it or start a new history file.");
            Create(path);
        }
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != KeyLength)
            throw new HistoryException($"la clé de l'historique ({path}) n'a pas {KeyLength} octets : fichier abîmé ou d'un autre usage. / the history key file {path} is not {KeyLength} bytes.");
        return new HistoryKey(bytes);
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var temp = path + $".tmp-{Guid.NewGuid():N}";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(RandomNumberGenerator.GetBytes(KeyLength));
                stream.Flush(flushToDisk: true);
            }
            // Without overwrite: when another process made the key first, its key is the one.
            try { File.Move(temp, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { }
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
