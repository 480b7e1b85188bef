using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace NetiquetteML.Service.Feedback;

public enum FeedbackOutcome
{
    /// <summary>A new row was written.</summary>
    Written,
    /// <summary>The same correction (same comment, same labels) was already in the file: nothing written.</summary>
    Duplicate,
    /// <summary>The file held a different correction of the same id: replaced, since ids are unique in a file.</summary>
    Replaced,
}

/// <summary>
/// Appends corrections to one CSV file per month, durably and safely under concurrent calls.
/// </summary>
/// <remarks>
/// <para>One writer task owns the files. Calls queue their row and wait; the writer takes every row
/// queued, applies them to the file's rows in memory (a duplicate is dropped, a new correction of
/// an id already in the file replaces its row, since the trainer refuses an id twice in one file),
/// writes the whole file to a temporary file beside it, flushes it to disk, and renames it over the
/// old one (then flushes the folder on Linux). Only then are the callers answered. A crash at any
/// point leaves the old file or the new one, both complete and valid; a leftover temporary file is
/// deleted at the next start. Rows queued together are written together (group commit), so many
/// concurrent corrections cost one write.</para>
/// </remarks>
public sealed class FeedbackCsvStore : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, FileRows> _files = new(StringComparer.Ordinal);
    private readonly Task _writer;
    private readonly string _directory;
    private readonly string _pattern;

    public FeedbackCsvStore(string directory, string fileNamePattern)
    {
        _directory = Path.GetFullPath(directory);
        _pattern = fileNamePattern;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Test hook: runs after the temporary file is written and flushed, before it replaces the file.</summary>
    internal Action<string>? BeforeRename { get; set; }

    public string FileNameFor(DateTimeOffset correctedUtc) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, _pattern, correctedUtc.UtcDateTime);

    public string PathFor(DateTimeOffset correctedUtc) => Path.Combine(_directory, FileNameFor(correctedUtc));

    /// <summary>Queues the row and completes when it is on disk (or was already there).</summary>
    public async Task<FeedbackOutcome> AppendAsync(FeedbackRow row)
    {
        var pending = new Pending(row, PathFor(row.CorrectedUtc), new TaskCompletionSource<FeedbackOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(FeedbackCsvStore));
        return await pending.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (_queue.Reader.TryRead(out var pending)) batch.Add(pending);
            foreach (var group in batch.GroupBy(p => p.Path))
            {
                var outcomes = new List<(Pending Pending, FeedbackOutcome Outcome)>();
                try
                {
                    var file = Open(group.Key);
                    foreach (var pending in group) outcomes.Add((pending, file.Apply(pending.Row)));
                    if (outcomes.Any(o => o.Outcome != FeedbackOutcome.Duplicate)) Write(group.Key, file);
                    foreach (var (pending, outcome) in outcomes) pending.Done.TrySetResult(outcome);
                }
                catch (Exception e)
                {
                    // Memory may now differ from the disk: read the file again on next use.
                    _files.Remove(group.Key);
                    foreach (var pending in group) pending.Done.TrySetException(e);
                }
            }
        }
    }

    private FileRows Open(string path)
    {
        if (_files.TryGetValue(path, out var rows)) return rows;
        Directory.CreateDirectory(_directory);
        foreach (var leftover in Directory.GetFiles(_directory, "." + Path.GetFileName(path) + ".tmp-*")) File.Delete(leftover);
        rows = File.Exists(path) ? FileRows.Read(path) : new FileRows();
        _files[path] = rows;
        return rows;
    }

    private void Write(string path, FileRows rows)
    {
        var text = new StringBuilder();
        Rfc4180.AppendRecord(text, FeedbackRow.Columns);
        foreach (var row in rows.All) Rfc4180.AppendRecord(text, row.ToFields());
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.tmp-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(new UTF8Encoding(false).GetBytes(text.ToString()));
                stream.Flush(flushToDisk: true);
            }
            BeforeRename?.Invoke(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        FlushDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>Makes the rename itself durable: on Linux a rename reaches the disk when its folder is flushed.</summary>
    private static void FlushDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = Native.open(directory, 0);
        if (fd < 0) return;
        _ = Native.fsync(fd);
        _ = Native.close(fd);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private sealed record Pending(FeedbackRow Row, string Path, TaskCompletionSource<FeedbackOutcome> Done);

    /// <summary>A file's rows in memory, with an index by id and by correction.</summary>
    private sealed class FileRows
    {
        private readonly List<FeedbackRow> _rows = [];
        private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);

        public IReadOnlyList<FeedbackRow> All => _rows;

        public static FileRows Read(string path)
        {
            var records = Rfc4180.Parse(File.ReadAllText(path, Encoding.UTF8));
            if (records.Count == 0) return new FileRows();
            if (!records[0].SequenceEqual(FeedbackRow.Columns))
                throw new InvalidDataException($"{path} does not have the header of a correction file ({string.Join(',', FeedbackRow.Columns)}); refusing to rewrite it.");
            var rows = new FileRows();
            foreach (var record in records.Skip(1)) rows.Apply(FeedbackRow.FromFields(record));
            return rows;
        }

        public FeedbackOutcome Apply(FeedbackRow row)
        {
            if (_byId.TryGetValue(row.Id, out var index))
            {
                if (_rows[index].DedupKey == row.DedupKey) return FeedbackOutcome.Duplicate;
                _rows[index] = row;
                return FeedbackOutcome.Replaced;
            }
            _byId[row.Id] = _rows.Count;
            _rows.Add(row);
            return FeedbackOutcome.Written;
        }
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport("libc")]
        public static extern int close(int fd);
    }
}
