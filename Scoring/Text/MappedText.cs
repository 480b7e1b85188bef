using System.Buffers;

namespace NetiquetteML.Scoring.Text;

/// <summary>
/// A normalised text that remembers, for each of its characters, the characters of the original
/// comment it came from: « tabarnak » made of « t@b@rn@k » points back at the eight characters
/// typed, « idiot » made of « i d i o t » at all nine. Built by <see cref="TextNormalizer.NormalizeWithMap"/>
/// for explanations only; the models read <see cref="TextNormalizer.Normalize"/>, whose output this
/// text equals character for character.
/// </summary>
public sealed class MappedText
{
    // Per character of Text: [_starts[i], _ends[i]) of the original, empty for a character that stands for
    // nothing typed (the spaces the normaliser puts between tokens).
    private readonly int[] _starts;
    private readonly int[] _ends;

    internal MappedText(string original, string text, int[] starts, int[] ends)
    {
        Original = original;
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    /// <summary>The comment as typed.</summary>
    public string Original { get; }

    /// <summary>The normalised comment (identical to <see cref="TextNormalizer.Normalize"/>'s output).</summary>
    public string Text { get; }

    /// <summary>
    /// The smallest range of <see cref="Original"/> (UTF-16 code units, end exclusive) covering every
    /// character that produced Text[<paramref name="start"/>..<paramref name="end"/>); (0, 0) when
    /// they stand for nothing typed.
    /// </summary>
    public (int Start, int End) OriginalRange(int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, Text.Length);
        int first = int.MaxValue, last = int.MinValue;
        for (var i = start; i < end; i++)
        {
            if (_ends[i] <= _starts[i]) continue;
            first = Math.Min(first, _starts[i]);
            last = Math.Max(last, _ends[i]);
        }
        return first == int.MaxValue ? (0, 0) : (first, last);
    }

    /// <summary>The identity map of <paramref name="text"/> onto itself (the first step of the normaliser).</summary>
    internal static MappedText Identity(string original, string text)
    {
        var starts = new int[text.Length];
        var ends = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            starts[i] = i;
            ends[i] = i + 1;
        }
        return new MappedText(original, text, starts, ends);
    }

    /// <summary>Every character of <paramref name="text"/> mapped to the whole of <paramref name="original"/> (the coarsest honest map).</summary>
    internal static MappedText Whole(string original, string text)
    {
        var starts = new int[text.Length];
        var ends = new int[text.Length];
        Array.Fill(ends, original.Length);
        return new MappedText(original, text, starts, ends);
    }

    /// <summary>
    /// A step that changed characters one for one: <paramref name="text"/>, as long as this text,
    /// each of its characters made of the character at the same place here, so the map is this one.
    /// </summary>
    internal MappedText WithText(string text)
    {
        if (text.Length != Text.Length) throw new ArgumentException("a one-for-one step keeps the length", nameof(text));
        return new MappedText(Original, text, _starts, _ends);
    }

    /// <summary>
    /// Builds the next step's text: each character appended names the range of this step's text it
    /// came from; the result maps straight to the original (the ranges compose).
    /// </summary>
    /// <remarks>
    /// Three pooled arrays grown by doubling, not a string builder and two lists: explanations
    /// build several of these per comment. <see cref="Build"/> returns them to the pool.
    /// </remarks>
    internal sealed class Builder(MappedText from)
    {
        private char[] _text = ArrayPool<char>.Shared.Rent(from.Text.Length + 16);
        private int[] _starts = ArrayPool<int>.Shared.Rent(from.Text.Length + 16);
        private int[] _ends = ArrayPool<int>.Shared.Rent(from.Text.Length + 16);
        private int _length;

        public int Length => _length;

        /// <summary>Appends <paramref name="c"/>, made from characters [start, end) of the step's input.</summary>
        public void Append(char c, int start, int end)
        {
            var (first, last) = Compose(start, end);
            Reserve(1);
            _text[_length] = c;
            _starts[_length] = first;
            _ends[_length] = last;
            _length++;
        }

        public void Append(ReadOnlySpan<char> chars, int start, int end)
        {
            var (first, last) = Compose(start, end);
            Reserve(chars.Length);
            chars.CopyTo(_text.AsSpan(_length));
            _starts.AsSpan(_length, chars.Length).Fill(first);
            _ends.AsSpan(_length, chars.Length).Fill(last);
            _length += chars.Length;
        }

        /// <summary>Characters [start, end) of the input, unchanged.</summary>
        public void Copy(int start, int end)
        {
            var count = end - start;
            if (count <= 0) return;
            Reserve(count);
            from.Text.AsSpan(start, count).CopyTo(_text.AsSpan(_length));
            from._starts.AsSpan(start, count).CopyTo(_starts.AsSpan(_length));
            from._ends.AsSpan(start, count).CopyTo(_ends.AsSpan(_length));
            _length += count;
        }

        /// <summary>The mapped text built; the builder is not to be used afterwards.</summary>
        public MappedText Build()
        {
            var built = new MappedText(from.Original, new string(_text, 0, _length), _starts.AsSpan(0, _length).ToArray(), _ends.AsSpan(0, _length).ToArray());
            ArrayPool<char>.Shared.Return(_text);
            ArrayPool<int>.Shared.Return(_starts);
            ArrayPool<int>.Shared.Return(_ends);
            _text = [];
            _starts = [];
            _ends = [];
            return built;
        }

        private void Reserve(int more)
        {
            if (_length + more <= _text.Length) return;
            var size = Math.Max(_text.Length * 2, _length + more);
            Grow(ref _text, size);
            Grow(ref _starts, size);
            Grow(ref _ends, size);
        }

        private void Grow<T>(ref T[] array, int size)
        {
            var bigger = ArrayPool<T>.Shared.Rent(size);
            array.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<T>.Shared.Return(array);
            array = bigger;
        }

        private (int First, int Last) Compose(int start, int end)
        {
            if (end <= start) return (0, 0);
            // One character (most steps): its own range, or nothing typed.
            if (end == start + 1) return from._ends[start] > from._starts[start] ? (from._starts[start], from._ends[start]) : (0, 0);
            return from.OriginalRange(start, end);
        }
    }
}
