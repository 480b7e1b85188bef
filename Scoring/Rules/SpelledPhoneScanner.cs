namespace NetiquetteML.Scoring.Rules;

/// <summary>
/// Telephone numbers typed so that no run of digits looks like one: digit by digit with spaces
/// (« 8 1 9 - 5 5 5 - 0 1 8 8 ») or in words (« huit un neuf, cinq cinq cinq… »), or a mix.
/// Ten units in a row (eleven starting with 1) that form a North American number are a phone;
/// the town's own number stays allowed, spelled out or not. A linear scan, no regular expression.
/// </summary>
internal static class SpelledPhoneScanner
{
    private const int MaxSeparatorRun = 3;

    private static readonly (string Word, char Digit)[] DigitWords =
    [
        ("zéro", '0'), ("zero", '0'), ("un", '1'), ("une", '1'), ("deux", '2'), ("trois", '3'), ("quatre", '4'),
        ("cinq", '5'), ("six", '6'), ("sept", '7'), ("huit", '8'), ("neuf", '9'),
    ];

    public static void Scan(string s, AllowList allow, List<Candidate> output)
    {
        if (!MayHoldOne(s)) return;
        Span<char> digits = stackalloc char[11];
        var i = 0;
        while (i < s.Length)
        {
            if (!TryUnit(s, i, out var digit, out var unitEnd))
            {
                i = NextWordStart(s, i);
                continue;
            }
            var start = i;
            var count = 0;
            var end = unitEnd;
            var p = i;
            // A unit is a lone digit or a word, so a run of them is never a plain run of digits:
            // « 819 555 0188 » stays the number scanner's business.
            while (count < digits.Length && TryUnit(s, p, out digit, out unitEnd))
            {
                digits[count++] = digit;
                end = unitEnd;
                var next = SkipSeparators(s, unitEnd);
                if (next == unitEnd) break;
                p = next;
            }
            if (IsPhone(digits[..count], out var national))
            {
                output.Add(new Candidate(PersonalInfoKind.Phone, start, end, 0.7, allow.IsAllowedPhone(national)));
                i = end;
                continue;
            }
            i = NextWordStart(s, start);
        }
    }

    // Digit words that a spelled number of ten digits can hardly do without (all but « un » and « six »).
    private static readonly System.Buffers.SearchValues<string> LongDigitWords = System.Buffers.SearchValues.Create(
        ["zéro", "zero", "deux", "trois", "quatre", "cinq", "sept", "huit", "neuf"], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Most comments hold neither four lone digits nor a digit word: they are passed over without
    /// trying every word start, which is what the scan costs.
    /// </summary>
    private static bool MayHoldOne(string s)
    {
        if (s.AsSpan().ContainsAny(LongDigitWords)) return true;
        var lone = 0;
        for (var i = s.AsSpan().IndexOfAnyInRange('0', '9'); i >= 0 && i < s.Length; i++)
        {
            if (!TextScan.IsDigit(s[i])) continue;
            if ((i == 0 || !char.IsLetterOrDigit(s[i - 1])) && (i + 1 == s.Length || !char.IsLetterOrDigit(s[i + 1])) && ++lone >= 4) return true;
        }
        return false;
    }

    /// <summary>Ten digits of a North American number (area code and exchange not starting with 0 or 1), or eleven starting with 1.</summary>
    private static bool IsPhone(ReadOnlySpan<char> digits, out ReadOnlySpan<char> national)
    {
        national = digits.Length == 11 && digits[0] == '1' ? digits[1..] : digits;
        return national.Length == 10 && national[0] >= '2' && national[3] >= '2';
    }

    /// <summary>A lone digit or a French digit word starting at <paramref name="p"/>, standing as a word of its own.</summary>
    private static bool TryUnit(string s, int p, out char digit, out int end)
    {
        digit = '\0';
        end = p;
        if (p >= s.Length || (p > 0 && char.IsLetterOrDigit(s[p - 1]))) return false;
        if (TextScan.IsDigit(s[p]))
        {
            if (p + 1 < s.Length && char.IsLetterOrDigit(s[p + 1])) return false;
            digit = s[p];
            end = p + 1;
            return true;
        }
        foreach (var (word, value) in DigitWords)
        {
            if (p + word.Length > s.Length || !s.AsSpan(p, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase)) continue;
            if (p + word.Length < s.Length && char.IsLetterOrDigit(s[p + word.Length])) continue;
            digit = value;
            end = p + word.Length;
            return true;
        }
        return false;
    }

    private static int SkipSeparators(string s, int p)
    {
        var q = p;
        while (q < s.Length && q - p < MaxSeparatorRun && s[q] is ' ' or '\t' or '-' or '.' or ',' or '/' or '(' or ')' or '\u00A0') q++;
        return q - p == MaxSeparatorRun && q < s.Length && s[q] is ' ' or '-' or '.' ? p : q;
    }

    private static int NextWordStart(string s, int p)
    {
        var q = p + 1;
        while (q < s.Length && char.IsLetterOrDigit(s[q]) && char.IsLetterOrDigit(s[q - 1])) q++;
        return q;
    }
}
