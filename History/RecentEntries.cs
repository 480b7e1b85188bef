using System.Buffers.Binary;
using NetiquetteML.Scoring.History;
using NetiquetteML.Scoring.Policy;

namespace NetiquetteML.History;

/// <summary>One entry of the history as the in-memory index holds it.</summary>
internal sealed class RecentEntry
{
    public RecentEntry(HistoryEntry entry)
    {
        Entry = entry;
        Created = entry.Created.ToUnixTimeMilliseconds();
        if (entry.Author is { } author)
        {
            Author = AuthorKey(author);
            HasAuthor = true;
        }
    }

    public HistoryEntry Entry { get; }

    /// <summary>The comment's time, in Unix milliseconds as the file stores it.</summary>
    public long Created { get; }

    /// <summary>When it was recorded (Unix milliseconds): the file's <c>recorded</c> column.</summary>
    public long Recorded { get; init; }

    public UInt128 Author { get; }
    public bool HasAuthor { get; }
    public bool IsRemoval => HasAuthor && Entry.Action == ModerationAction.Remove;

    /// <summary>A pseudonym as a dictionary key: its 16 bytes read as one number.</summary>
    public static UInt128 AuthorKey(byte[] pseudonym) =>
        pseudonym.Length == HistoryKey.PseudonymLength
            ? BinaryPrimitives.ReadUInt128LittleEndian(pseudonym)
            : throw new ArgumentException($"a pseudonym is {HistoryKey.PseudonymLength} bytes, not {pseudonym.Length}.", nameof(pseudonym));
}

/// <summary>
/// The recent part of the history in memory, so that a lookup reads no file: every entry whose
/// comment is at most <c>span</c> older than the newest one (the same-author and campaign windows
/// of the policy fit in it), indexed by time and by author, and the removal times of every author
/// over the whole file (a few bytes each: the repeat-offender count looks back 90 days).
/// </summary>
/// <remarks>
/// Not thread-safe: the store uses it under its session turn. Invariant: every entry known to this
/// process (read from the file, or recorded here) whose time is at or after <see cref="Horizon"/> is
/// in the index; a lookup reaching before it must read the file instead.
/// </remarks>
internal sealed class RecentEntries(TimeSpan span)
{
    private readonly long _span = (long)span.TotalMilliseconds;
    private readonly List<RecentEntry> _byTime = [];
    private readonly Dictionary<UInt128, List<RecentEntry>> _byAuthor = [];
    private readonly Dictionary<UInt128, List<long>> _removals = [];
    private long _newest = long.MinValue;
    private long _trimmedHorizon = long.MinValue;

    /// <summary>Unix milliseconds before which the index may be incomplete (entries older than the newest one minus the span).</summary>
    public long Horizon { get; private set; } = long.MinValue;

    /// <summary>Entries held in the index.</summary>
    public int Count => _byTime.Count;

    public void Clear()
    {
        _byTime.Clear();
        _byAuthor.Clear();
        _removals.Clear();
        _newest = long.MinValue;
        _trimmedHorizon = long.MinValue;
        Horizon = long.MinValue;
    }

    /// <summary>A removal older than the span: only its time is kept, for the repeat-offender count.</summary>
    public void AddRemoval(UInt128 author, long created) => InsertSorted(ListOf(_removals, author), created);

    /// <summary>The newest comment of the file, before its recent entries are added: sets the horizon.</summary>
    public void StartAt(long newest)
    {
        _newest = Math.Min(newest, DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds());
        Horizon = _trimmedHorizon = _newest - _span;
    }

    public void Add(RecentEntry entry)
    {
        if (entry.IsRemoval) InsertSorted(ListOf(_removals, entry.Author), entry.Created);
        // A comment dated far in the future (a wrong clock) must not push every other comment out.
        var newest = Math.Min(entry.Created, DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds());
        if (newest > _newest)
        {
            _newest = newest;
            Horizon = Math.Max(Horizon, newest - _span);
        }
        if (entry.Created < Horizon) return;
        InsertSorted(_byTime, entry);
        if (entry.HasAuthor) InsertSorted(ListOf(_byAuthor, entry.Author), entry);
        // Forget what fell behind the horizon once it moved by a sixteenth of the span: not on every call.
        if (Horizon - _trimmedHorizon > _span / 16) Trim();
    }

    /// <summary>Takes back an entry recorded by a session that did not commit.</summary>
    public void Remove(RecentEntry entry)
    {
        if (entry.IsRemoval && _removals.TryGetValue(entry.Author, out var times))
        {
            var at = times.BinarySearch(entry.Created);
            if (at >= 0) times.RemoveAt(at);
        }
        _byTime.Remove(entry);
        if (entry.HasAuthor && _byAuthor.TryGetValue(entry.Author, out var own)) own.Remove(entry);
    }

    /// <summary>The author's removed comments with a time in [<paramref name="since"/>, <paramref name="until"/>].</summary>
    public int RemovalsOf(UInt128 author, long since, long until)
    {
        if (!_removals.TryGetValue(author, out var times)) return 0;
        return Math.Max(0, UpperBound(times, until) - LowerBound(times, since));
    }

    /// <summary>The author's entries in [<paramref name="since"/>, <paramref name="until"/>] similar to <paramref name="signature"/>, oldest first.</summary>
    public List<HistoryEntry> SameAuthor(UInt128 author, TextSignature signature, double similarity, long since, long until)
    {
        var found = new List<HistoryEntry>();
        if (!_byAuthor.TryGetValue(author, out var own)) return found;
        for (var i = LowerBound(own, since); i < own.Count && own[i].Created <= until; i++)
            if (signature.IsSimilar(own[i].Entry.Signature, similarity)) found.Add(own[i].Entry);
        return found;
    }

    /// <summary>Everyone else's entries (and those without author) in [<paramref name="since"/>, <paramref name="until"/>] similar to <paramref name="signature"/>, oldest first.</summary>
    public List<HistoryEntry> OtherAuthors(UInt128? author, TextSignature signature, double similarity, long since, long until)
    {
        var found = new List<HistoryEntry>();
        for (var i = LowerBound(_byTime, since); i < _byTime.Count && _byTime[i].Created <= until; i++)
        {
            var entry = _byTime[i];
            if (author is { } a && entry.HasAuthor && entry.Author == a) continue;
            if (signature.IsSimilar(entry.Entry.Signature, similarity)) found.Add(entry.Entry);
        }
        return found;
    }

    /// <summary>After a purge: forgets the removals dated before <paramref name="cutoff"/> (the index itself is far more recent).</summary>
    public void ForgetRemovalsBefore(long cutoff)
    {
        foreach (var times in _removals.Values) times.RemoveRange(0, LowerBound(times, cutoff));
    }

    private void Trim()
    {
        _trimmedHorizon = Horizon;
        var gone = LowerBound(_byTime, Horizon);
        if (gone == 0) return;
        var authors = new HashSet<UInt128>();
        for (var i = 0; i < gone; i++) if (_byTime[i].HasAuthor) authors.Add(_byTime[i].Author);
        _byTime.RemoveRange(0, gone);
        foreach (var author in authors)
        {
            if (!_byAuthor.TryGetValue(author, out var own)) continue;
            own.RemoveRange(0, LowerBound(own, Horizon));
            if (own.Count == 0) _byAuthor.Remove(author);
        }
    }

    private static List<T> ListOf<T>(Dictionary<UInt128, List<T>> lists, UInt128 author)
    {
        if (!lists.TryGetValue(author, out var list)) lists[author] = list = [];
        return list;
    }

    /// <summary>After the entries of the same time already there: ties keep the order they were recorded in.</summary>
    private static void InsertSorted(List<RecentEntry> list, RecentEntry entry)
    {
        if (list.Count == 0 || list[^1].Created <= entry.Created) list.Add(entry);
        else list.Insert(UpperBound(list, entry.Created), entry);
    }

    private static void InsertSorted(List<long> list, long time)
    {
        if (list.Count == 0 || list[^1] <= time) list.Add(time);
        else list.Insert(UpperBound(list, time), time);
    }

    /// <summary>First index whose time is at or after <paramref name="time"/>.</summary>
    private static int LowerBound(List<RecentEntry> list, long time)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid].Created < time) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>First index whose time is after <paramref name="time"/>.</summary>
    private static int UpperBound(List<RecentEntry> list, long time)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid].Created <= time) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int LowerBound(List<long> list, long time)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid] < time) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int UpperBound(List<long> list, long time)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid] <= time) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
