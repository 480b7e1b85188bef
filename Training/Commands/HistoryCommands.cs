using NetiquetteML.History;
using NetiquetteML.Scoring.Policy;

namespace NetiquetteML.Training.Commands;

/// <summary>The moderation history: an author's record, the page's counts, the purge of what is past retention.</summary>
public sealed class HistoryCommands
{
    /// <summary>Show an author's record (--author), the page's counts by week, category and action (--summary), or delete what is past retention (--purge).</summary>
    /// <param name="history">The history file (SQLite) that score --history and the service write.</param>
    /// <param name="author">The author as the platform names them (id or name): their record, under a pseudonym (the name is never stored).</param>
    /// <param name="summary">The page's counts by week, by category and finding, by action.</param>
    /// <param name="purge">Delete the entries older than --retention-days.</param>
    /// <param name="retentionDays">With --purge: how many days of history to keep.</param>
    /// <param name="policy">Policy JSON whose history section gives the repeat-offender window and count (default: 90 days, 3 removals).</param>
    /// <param name="historyKey">The history's key file (default: the history file followed by .key).</param>
    public int History(string history, string? author = null, bool summary = false, bool purge = false,
        int retentionDays = HistoryStoreOptions.DefaultRetentionDays, string? policy = null, string? historyKey = null) => CommandGuard.Run(() =>
    {
        if ((author is not null ? 1 : 0) + (summary ? 1 : 0) + (purge ? 1 : 0) != 1)
            throw new InputException("donnez une seule option parmi --author ID, --summary et --purge.", "give exactly one of --author ID, --summary or --purge.");
        if (retentionDays < 1) throw new InputException("--retention-days doit valoir au moins 1.", "--retention-days must be at least 1.");
        var path = RepoPaths.Resolve(history);
        if (!purge && !File.Exists(path)) throw new InputException($"{path} : aucun historique à cet endroit (score --history le crée).", $"{path}: no history file here (score --history creates it).");
        var moderation = policy is null ? ModerationPolicy.Default : ModerationPolicy.FromJsonFile(RepoPaths.Resolve(policy));
        using var store = SqliteModerationHistory.Open(Options(path, historyKey, retentionDays));
        if (purge)
        {
            var deleted = store.Purge(DateTimeOffset.UtcNow);
            SafeConsole.Out($"{deleted} entrée(s) de plus de {retentionDays} jours supprimée(s) de {path}. / {deleted} entries older than {retentionDays} days deleted.");
        }
        else if (summary)
        {
            SafeConsole.Out(HistoryText.Summary(path, store.Summary()));
        }
        else
        {
            var record = store.AuthorRecord(author!, moderation.History.OffenderDays, DateTimeOffset.UtcNow);
            SafeConsole.Out(HistoryText.Author(record, moderation.History.OffenderRemovals));
        }
        return ExitCodes.Success;
    });

    internal static HistoryStoreOptions Options(string path, string? key, int retentionDays = HistoryStoreOptions.DefaultRetentionDays) => new()
    {
        Path = path,
        KeyFile = key is null ? null : RepoPaths.Resolve(key),
        RetentionDays = retentionDays,
    };
}
