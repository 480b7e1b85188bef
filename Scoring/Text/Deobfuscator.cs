using System.Buffers;
using System.Collections.Frozen;

namespace NetiquetteML.Scoring.Text;

/// <summary>
/// Sees through the spellings people use to slip past a filter, on text that is already lower
/// case and without accents: leetspeak inside words (<c>t@barnak</c>, <c>0stie</c>), masked
/// letters (<c>c*lisse</c>), dotted or spaced letters (<c>c.o.n</c>, <c>i d i o t</c>) and
/// elongations (<c>noooon</c>). Punctuation and emojis become tokens of their own, and a run of
/// « ! », « ? » and « . » one short token.
/// </summary>
internal static class Deobfuscator
{
    private const int MinJoinedLengthWithoutLexicon = 5;

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> OffensiveWords = Lexicons.Offensive.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <remarks>
    /// Works on one pooled buffer: each space-separated word is copied in, rewritten in place
    /// (every step keeps or shortens it), then cut into tokens that stay back to back, so that
    /// joining spaced letters is widening a range. Only the result is allocated.
    /// </remarks>
    public static string Apply(string text) => Apply(text, null);

    /// <summary>The same on a mapped text: each output character maps to the input characters it was made of.</summary>
    public static MappedText Apply(MappedText text)
    {
        var trace = new Trace(text.Text.Length);
        try
        {
            var output = Apply(text.Text, trace);
            var result = new MappedText.Builder(text);
            for (var i = 0; i < output.Length; i++) result.Append(output[i], trace.OutputFrom[i], trace.OutputTo[i]);
            return result.Build();
        }
        finally
        {
            trace.Return();
        }
    }

    /// <summary>
    /// Where the working characters came from while a mapped text is deobfuscated: for each position of
    /// the working buffer and then of the output, the range of the input it was made of. Null on the
    /// scoring path, which pays one null test per step for it.
    /// </summary>
    /// <remarks>Its arrays are pooled, as the scoring path's buffers are (<see cref="Return"/>).</remarks>
    private sealed class Trace(int length)
    {
        // Cleared as new arrays would be: a pooled array holds what its last user left.
        public readonly int[] From = Cleared(ArrayPool<int>.Shared.Rent(Math.Max(1, length)), length);
        public readonly int[] To = Cleared(ArrayPool<int>.Shared.Rent(Math.Max(1, length)), length);

        private static int[] Cleared(int[] array, int length)
        {
            Array.Clear(array, 0, Math.Max(1, length));
            return array;
        }

        private int[] _outputFrom = ArrayPool<int>.Shared.Rent(length + 16);
        private int[] _outputTo = ArrayPool<int>.Shared.Rent(length + 16);
        private int _outputs;

        public ReadOnlySpan<int> OutputFrom => _outputFrom.AsSpan(0, _outputs);
        public ReadOnlySpan<int> OutputTo => _outputTo.AsSpan(0, _outputs);

        public void Return()
        {
            ArrayPool<int>.Shared.Return(From);
            ArrayPool<int>.Shared.Return(To);
            ArrayPool<int>.Shared.Return(_outputFrom);
            ArrayPool<int>.Shared.Return(_outputTo);
        }

        public void Move(int from, int to, int width)
        {
            From.AsSpan(from, width).CopyTo(From.AsSpan(to, width));
            To.AsSpan(from, width).CopyTo(To.AsSpan(to, width));
        }

        /// <summary>The input range covered by working positions [start, end).</summary>
        public (int From, int To) Union(int start, int end)
        {
            int first = int.MaxValue, last = int.MinValue;
            for (var k = start; k < end; k++)
            {
                first = Math.Min(first, From[k]);
                last = Math.Max(last, To[k]);
            }
            return (first, last);
        }

        public void Output(int from, int to, int copies)
        {
            if (_outputs + copies > _outputFrom.Length)
            {
                Grow(ref _outputFrom, _outputs + copies);
                Grow(ref _outputTo, _outputs + copies);
            }
            _outputFrom.AsSpan(_outputs, copies).Fill(from);
            _outputTo.AsSpan(_outputs, copies).Fill(to);
            _outputs += copies;
        }

        private void Grow(ref int[] array, int needed)
        {
            var bigger = ArrayPool<int>.Shared.Rent(Math.Max(needed, 2 * array.Length));
            array.AsSpan(0, _outputs).CopyTo(bigger);
            ArrayPool<int>.Shared.Return(array);
            array = bigger;
        }
    }

    private static string Apply(string text, Trace? trace)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
        var starts = ArrayPool<int>.Shared.Rent(text.Length + 1);
        var lengths = ArrayPool<int>.Shared.Rent(text.Length + 1);
        try
        {
            int used = 0, count = 0;
            var source = text.AsSpan();
            foreach (var range in source.Split(' '))
            {
                var raw = source[range];
                if (raw.IsEmpty) continue;
                var word = chars.AsSpan(used, raw.Length);
                raw.CopyTo(word);
                if (trace is not null)
                {
                    var offset = range.Start.GetOffset(source.Length);
                    for (var k = 0; k < raw.Length; k++)
                    {
                        trace.From[used + k] = offset + k;
                        trace.To[used + k] = offset + k + 1;
                    }
                }
                Unleet(word);
                // Letters joined by marks first: « c_o_n » is « con », not a mask that « clown » fits.
                word = word[..JoinDottedLetters(word, trace, used)];
                Unmask(word[..LetterCoreLength(word)]);
                used = SplitPunctuation(chars, used, word.Length, starts, lengths, ref count, trace);
            }
            count = JoinSpacedLetters(chars, starts, lengths, count);
            count = MergeMarkRuns(chars, starts, lengths, count, trace);

            // Tokens joined by single spaces: at most one character more per token than they hold.
            var output = ArrayPool<char>.Shared.Rent(used + count + 1);
            try
            {
                var length = 0;
                for (var t = 0; t < count; t++)
                {
                    if (length > 0)
                    {
                        output[length++] = ' ';
                        trace?.Output(0, 0, 1);
                    }
                    length = AppendCollapsed(chars.AsSpan(starts[t], lengths[t]), output, length, trace, starts[t]);
                }
                var result = output.AsSpan(0, length);
                return result.SequenceEqual(text) ? text : new string(result);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(output);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<int>.Shared.Return(lengths);
        }
    }

    private static bool IsLeet(char c) => c is '@' or '0' or '1' or '3' or '4' or '5' or '$' or '€' or '!' or '7';

    private static char FromLeet(char c) => c switch
    {
        '@' or '4' => 'a',
        '0' => 'o',
        '1' or '!' => 'i',
        '3' or '€' => 'e',
        '5' or '$' => 's',
        '7' => 't',
        _ => c,
    };

    /// <summary>Leetspeak only where letters surround it: « 10e » and « 4x4 » stay as they are.</summary>
    private static void Unleet(Span<char> chars)
    {
        if (chars.StartsWith("xx")) return;
        var letters = 0;
        var leet = false;
        foreach (var c in chars)
        {
            if (char.IsAsciiLetterLower(c)) letters++;
            else if (IsLeet(c)) leet = true;
        }
        if (!leet || letters < 2 || IsOrdinal(chars)) return;

        // Left to right in place: a leet character already read as a letter counts as one for the next.
        for (var i = 0; i < chars.Length; i++)
        {
            if (!IsLeet(chars[i])) continue;
            var letterBefore = i > 0 && char.IsAsciiLetterLower(chars[i - 1]);
            var letterAfter = i + 1 < chars.Length && (char.IsAsciiLetterLower(chars[i + 1]) || IsLeet(chars[i + 1]));
            // « ! » and « $ » stand for letters only between letters: « merci!!! » and « 5$ » stay.
            if (chars[i] is '!' or '$' && !(letterBefore && i + 1 < chars.Length && char.IsAsciiLetterLower(chars[i + 1]))) continue;
            if (letterBefore || letterAfter) chars[i] = FromLeet(chars[i]);
        }
    }

    private static bool IsOrdinal(ReadOnlySpan<char> token)
    {
        var i = 0;
        while (i < token.Length && char.IsAsciiDigit(token[i])) i++;
        if (i == 0) return false;
        return token[i..] is "e" or "er" or "re" or "ere" or "eme" or "ieme" or "em" or "ier" or "iere" or "h" or "min" or "km" or "cm" or "m" or "x";
    }

    private static bool IsMask(char c) => c is '*' or '#' or '%' or '_' or '?';

    /// <summary>« c*lisse » → « calisse » when exactly one lexicon word fits the mask.</summary>
    private static void Unmask(Span<char> token)
    {
        var maskAt = -1;
        var letters = 0;
        for (var i = 0; i < token.Length; i++)
        {
            if (IsMask(token[i]) && i > 0 && i < token.Length - 1) maskAt = i;
            else if (char.IsAsciiLetterLower(token[i])) letters++;
        }
        if (maskAt < 0 || letters < 2) return;

        string? match = null;
        foreach (var word in Lexicons.Offensive)
        {
            if (word.Length != token.Length || word.Length < 4) continue;
            var fits = true;
            for (var i = 0; i < word.Length && fits; i++)
                fits = IsMask(token[i]) || token[i] == word[i];
            if (!fits) continue;
            if (match is not null) return;
            match = word;
        }
        match?.CopyTo(token);
    }

    /// <summary>The word without the punctuation typed after it (« c*lisse, » → « c*lisse »), so a comma does not hide a mask.</summary>
    private static int LetterCoreLength(ReadOnlySpan<char> token)
    {
        var end = token.Length;
        while (end > 0 && token[end - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or '"') end--;
        return end;
    }

    private static bool IsLetterJoiner(char c) => c is '.' or '-' or '_' or '*' or '/' or '|' or '+' or '~' or '·';

    /// <summary>
    /// « c.o.n », « i-d-i-o-t », « c_o_n », « C.O.N.S! »: single letters joined by one mark each, in place,
    /// whatever punctuation follows the last letter; returns the token's new length.
    /// </summary>
    private static int JoinDottedLetters(Span<char> token, Trace? trace = null, int at = 0)
    {
        var core = LetterCoreLength(token);
        if (core < 5 || core % 2 == 0) return token.Length;
        for (var i = 0; i < core; i++)
        {
            var isLetterSlot = i % 2 == 0;
            if (isLetterSlot != char.IsAsciiLetterLower(token[i])) return token.Length;
            if (!isLetterSlot && !IsLetterJoiner(token[i])) return token.Length;
        }
        var length = 0;
        for (var i = 0; i < core; i += 2)
        {
            trace?.Move(at + i, at + length, 1);
            token[length++] = token[i];
        }
        for (var i = core; i < token.Length; i++)
        {
            trace?.Move(at + i, at + length, 1);
            token[length++] = token[i];
        }
        return length;
    }

    /// <summary>
    /// Cuts the word at chars[from..from+length) into tokens (letters and digits; each mark or run of
    /// the same mark; each emoji), whitespace dropped, moved left so they stay back to back.
    /// Returns where the next word may start.
    /// </summary>
    private static int SplitPunctuation(char[] chars, int from, int length, int[] starts, int[] lengths, ref int count, Trace? trace)
    {
        var token = chars.AsSpan(from, length);
        var write = from;
        var start = 0;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (char.IsLetterOrDigit(c)) continue;
            if (i > start) Keep(chars, from + start, i - start, starts, lengths, ref count, ref write, trace);
            var pair = char.IsHighSurrogate(c) && i + 1 < token.Length && char.IsLowSurrogate(token[i + 1]);
            var width = pair ? 2 : 1;
            // A run of the same mark (« !!!! », « ??? ») stays one token, collapsed later.
            while (!pair && i + width < token.Length && token[i + width] == c) width++;
            if (!char.IsWhiteSpace(c)) Keep(chars, from + i, width, starts, lengths, ref count, ref write, trace);
            i += width - 1;
            start = i + 1;
        }
        if (start < token.Length) Keep(chars, from + start, token.Length - start, starts, lengths, ref count, ref write, trace);
        return write;
    }

    private static void Keep(char[] chars, int at, int width, int[] starts, int[] lengths, ref int count, ref int write, Trace? trace)
    {
        // The destination never passes the source: copying left in order is safe.
        chars.AsSpan(at, width).CopyTo(chars.AsSpan(write, width));
        trace?.Move(at, write, width);
        starts[count] = write;
        lengths[count] = width;
        count++;
        write += width;
    }

    /// <summary>« i d i o t » → « idiot », only when the result is a known word or clearly not French filler. Returns the new token count.</summary>
    private static int JoinSpacedLetters(char[] chars, int[] starts, int[] lengths, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var j = i;
            while (j < count && lengths[j] == 1 && char.IsAsciiLetterLower(chars[starts[j]])) j++;
            var run = j - i;
            if (run < 3) continue;
            // Tokens sit back to back, so the run's letters are already the joined word.
            if (!OffensiveWords.Contains(chars.AsSpan(starts[i], run)) && run < MinJoinedLengthWithoutLexicon) continue;
            count = Merge(starts, lengths, count, i, j, run);
        }
        return count;
    }

    /// <summary>
    /// Makes tokens [first, end) one token of <paramref name="length"/> characters starting where
    /// the first did (the caller has written it there); returns the new token count.
    /// </summary>
    private static int Merge(int[] starts, int[] lengths, int count, int first, int end, int length)
    {
        lengths[first] = length;
        Array.Copy(starts, end, starts, first + 1, count - end);
        Array.Copy(lengths, end, lengths, first + 1, count - end);
        return count - (end - first - 1);
    }

    /// <summary>The marks people pile up for emphasis; brackets, commas and the like are left alone.</summary>
    private static bool IsMark(char c) => c is '!' or '?' or '.';

    /// <summary>
    /// A run of « ! », « ? » and « . » tokens (« !!!! ?!?!?! », « ? ? ? ») becomes one token: each mark once,
    /// or twice when it came more than once, in the order they first came. Padding a sacre with
    /// punctuation must not outweigh it: as many n-grams as marks typed would.
    /// Returns the new token count.
    /// </summary>
    private static int MergeMarkRuns(char[] chars, int[] starts, int[] lengths, int count, Trace? trace)
    {
        Span<int> seen = stackalloc int[128];
        Span<char> merged = stackalloc char[6]; // each of the three marks at most twice
        for (var i = 0; i < count; i++)
        {
            if (!IsMark(chars[starts[i]])) continue;
            var j = i + 1;
            while (j < count && IsMark(chars[starts[j]])) j++;
            // The run's tokens sit back to back: [starts[i], end) holds every mark of the run.
            var end = starts[j - 1] + lengths[j - 1];
            seen.Clear();
            for (var k = starts[i]; k < end; k++) seen[chars[k]]++;
            var length = 0;
            for (var k = starts[i]; k < end; k++)
            {
                var c = chars[k];
                if (seen[c] <= 0) continue;
                var copies = Math.Min(seen[c], 2);
                seen[c] = 0;
                for (var n = 0; n < copies; n++) merged[length++] = c;
            }
            // Never longer than the run: written back over it.
            merged[..length].CopyTo(chars.AsSpan(starts[i]));
            if (trace is not null)
            {
                var (from, to) = trace.Union(starts[i], end);
                trace.From.AsSpan(starts[i], length).Fill(from);
                trace.To.AsSpan(starts[i], length).Fill(to);
            }
            count = Merge(starts, lengths, count, i, j, length);
        }
        return count;
    }

    /// <summary>Three or more of the same letter become one (« nooon » → « non »); other runs become two. Returns the output's new length.</summary>
    private static int AppendCollapsed(ReadOnlySpan<char> token, char[] output, int length, Trace? trace, int at)
    {
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            var run = 1;
            while (i + run < token.Length && token[i + run] == c) run++;
            var keep = run >= 3 ? (char.IsLetter(c) ? 1 : 2) : run;
            for (var k = 0; k < keep; k++) output[length++] = c;
            if (trace is not null)
            {
                var (from, to) = trace.Union(at + i, at + i + run);
                trace.Output(from, to, keep);
            }
            i += run - 1;
        }
        return length;
    }
}
