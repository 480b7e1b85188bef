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
    /// Builds the next step's text: each character appended names the range of this step's text it
    /// came from; the result maps straight to the original (the ranges compose).
    /// </summary>
    internal sealed class Builder(MappedText from)
    {
        private readonly System.Text.StringBuilder _text = new(from.Text.Length);
        private readonly List<int> _starts = new(from.Text.Length);
        private readonly List<int> _ends = new(from.Text.Length);

        public int Length => _text.Length;

        /// <summary>Appends <paramref name="c"/>, made from characters [start, end) of the step's input.</summary>
        public void Append(char c, int start, int end)
        {
            var (first, last) = Compose(start, end);
            _text.Append(c);
            _starts.Add(first);
            _ends.Add(last);
        }

        public void Append(ReadOnlySpan<char> chars, int start, int end)
        {
            var (first, last) = Compose(start, end);
            _text.Append(chars);
            for (var k = 0; k < chars.Length; k++)
            {
                _starts.Add(first);
                _ends.Add(last);
            }
        }

        /// <summary>Characters [start, end) of the input, unchanged.</summary>
        public void Copy(int start, int end)
        {
            for (var i = start; i < end; i++)
            {
                _text.Append(from.Text[i]);
                _starts.Add(from._starts[i]);
                _ends.Add(from._ends[i]);
            }
        }

        public MappedText Build() => new(from.Original, _text.ToString(), _starts.ToArray(), _ends.ToArray());

        private (int First, int Last) Compose(int start, int end)
        {
            var (first, last) = end > start ? from.OriginalRange(start, end) : (0, 0);
            return (first, last);
        }
    }
}
