using System.Buffers;
using System.Collections.Frozen;
using static NetiquetteML.Scoring.Rules.TextScan;

namespace NetiquetteML.Scoring.Rules;

/// <summary>
/// Finds telephone numbers, social insurance numbers and payment card numbers.
/// </summary>
/// <remarks>
/// The text is cut into numeric chunks: digit groups joined by short separators (one space, a dash, a
/// dot, parentheses around an area code). Inside a chunk, windows of at most five consecutive groups are
/// classified by their group lengths (3-3-4, 1-3-3-4, 3-3-2-2, 10 digits… for phones; 3-3-3 or 9 digits
/// for a NAS; 4-4-4-4, 4-6-5… for cards) and checksums. A window may only begin or end where the groups
/// are separated by a space, never inside a tightly joined « 2019-176 » or « 1234-56-7890 », so bylaw,
/// roll and lot numbers do not turn into phones. Every step reads a bounded number of characters past
/// the current position, so the scan is linear.
/// </remarks>
internal static class NumberScanner
{
    private const int MaxWindow = 5;
    private const int MaxDigits = 19;

    // Words saying that the number is a telephone number. The strong ones also beat a negative context
    // (« pour le dossier, appelez 819… »); « no », « numéro » only raise confidence.
    private static readonly string[] PhoneStrongExact = ["tel", "cel", "sms", "fax", "cell", "phone", "texte", "text"];

    private static readonly string[] PhoneStrongPrefixes =
        ["appel", "rappel", "telephon", "cellul", "textez", "texto", "joindr", "rejoin", "contact", "call", "telecop", "compos"];

    private static readonly string[] PhoneContextExact = [.. PhoneStrongExact, "no", "num"];

    private static readonly string[] PhoneContextPrefixes = [.. PhoneStrongPrefixes, "numero", "ecri"];

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NegativeContext = Lookup(
        "reglement", "reglements", "lot", "lots", "matricule", "matricules", "resolution", "resolutions", "cadastre",
        "cadastral", "dossier", "facture", "commande", "reference", "ref", "role", "permis", "article", "articles",
        "bylaw", "loi", "projet", "contrat", "billet", "billets", "rapport", "avis", "proces", "cause", "code",
        "version", "modele", "serie", "colis", "suivi", "compte", "transaction", "confirmation", "neq", "tps", "tvq",
        "budget", "population", "habitants", "km", "kilometres");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NeutralContext = Lookup(
        "no", "numero", "num", "n", "o", "de", "du", "le", "la", "au", "des", "mon", "son", "sa", "ma", "est", "the", "is");

    private static readonly string[] NasContext = ["nas", "sin", "assurance", "sociale", "social"];

    private static readonly string[] CardContext = ["carte", "visa", "mastercard", "master", "amex", "credit", "debit", "card", "cvv", "expiration"];

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ExtensionWords = Lookup(
        "poste", "post", "p", "ext", "extension", "x", "local");

    private struct Group
    {
        public int DigitStart;
        public int DigitEnd;
        public int SpanStart;
        public int SpanEnd;
        public bool OpenParen;
        public bool TightAfter;

        public readonly int Length => DigitEnd - DigitStart;
    }

    private static readonly SearchValues<char> ChunkStarts = SearchValues.Create("0123456789+(");

    public static void Scan(string s, AllowList allow, List<Candidate> output)
    {
        // Every chunk starts at an ASCII digit, or at « + » or « ( » just before one.
        int i = s.AsSpan().IndexOfAnyInRange('0', '9');
        if (i < 0)
        {
            return;
        }

        i = Math.Max(0, i - 1);
        var groups = new List<Group>(8);
        int n = s.Length;
        while (i < n)
        {
            int skip = s.AsSpan(i).IndexOfAny(ChunkStarts);
            if (skip < 0)
            {
                break;
            }

            i += skip;
            char c = s[i];
            if (IsDigit(c))
            {
                if (IsWordChar(At(s, i - 1)))
                {
                    i = DigitRunEnd(s, i);
                    continue;
                }
            }
            else if (!((c == '+' || c == '(') && IsDigit(At(s, i + 1)) && !IsWordChar(At(s, i - 1))))
            {
                i++;
                continue;
            }

            int end = ParseChunk(s, i, groups);
            EvaluateChunk(s, groups, allow, output);
            i = Math.Max(end, i + 1);
        }
    }

    private static int ParseChunk(string s, int start, List<Group> groups)
    {
        groups.Clear();
        int i = start;
        bool plus = false;
        if (s[i] == '+')
        {
            plus = true;
            i++;
        }

        while (true)
        {
            int spanStart = i;
            bool open = false;
            if (At(s, i) == '(' && IsDigit(At(s, i + 1)))
            {
                open = true;
                i++;
            }

            if (!IsDigit(At(s, i)))
            {
                return groups.Count == 0 ? start + 1 : groups[^1].SpanEnd;
            }

            int digitStart = i;
            i = DigitRunEnd(s, i);
            int digitEnd = i;
            bool close = false;
            if (open && At(s, i) == ')')
            {
                close = true;
                i++;
            }

            // A parenthesis that does not close right after the group belongs to the sentence, not to the
            // number: « NAS (247 104 979) ».
            if (open && !close)
            {
                open = false;
                spanStart = digitStart;
            }

            var g = new Group
            {
                DigitStart = digitStart,
                DigitEnd = digitEnd,
                SpanStart = groups.Count == 0 && plus ? start : spanStart,
                SpanEnd = i,
                OpenParen = open,
            };

            // Separator: at most three characters, one dash or dot at most, no dot followed by a space
            // (that is the end of a sentence).
            int j = i;
            int spaces = 0;
            int marks = 0;
            bool dot = false;
            while (j - i < 3)
            {
                char c = At(s, j);
                if (IsHSpace(c))
                {
                    spaces++;
                }
                else if (IsDash(c) || c == '.')
                {
                    marks++;
                    dot |= c == '.';
                }
                else
                {
                    break;
                }

                j++;
            }

            bool separatorOk = marks <= 1 && spaces <= 2 && !(dot && spaces > 0) && (j > i || close);
            bool nextIsGroup = IsDigit(At(s, j)) || (At(s, j) == '(' && IsDigit(At(s, j + 1)));
            if (separatorOk && nextIsGroup)
            {
                g.TightAfter = (j - i == 1 && marks == 1) || j == i;
                groups.Add(g);
                i = j;
                continue;
            }

            groups.Add(g);
            return g.SpanEnd;
        }
    }

    private static void EvaluateChunk(string s, List<Group> groups, AllowList allow, List<Candidate> output)
    {
        int m = groups.Count;
        int first = 0;
        bool? negative = null;
        while (first < m)
        {
            if (first > 0 && groups[first - 1].TightAfter)
            {
                first++;
                continue;
            }

            bool matched = false;
            for (int k = Math.Min(MaxWindow, m - first); k >= 1; k--)
            {
                int last = first + k - 1;
                if (last < m - 1 && groups[last].TightAfter)
                {
                    continue;
                }

                if (TryClassify(s, groups, first, k, allow, out var candidate, out bool strongContext))
                {
                    negative ??= HasNegativeContext(s, groups[0].SpanStart);
                    if (!negative.Value || candidate.Allowed || strongContext)
                    {
                        output.Add(candidate);
                    }

                    first += k;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                first++;
            }
        }
    }

    private static bool TryClassify(
        string s, List<Group> groups, int first, int k, AllowList allow, out Candidate candidate, out bool strongContext)
    {
        candidate = default;
        strongContext = false;
        Span<int> lengths = stackalloc int[MaxWindow];
        Span<char> digits = stackalloc char[MaxDigits];
        int total = 0;
        for (int j = 0; j < k; j++)
        {
            var g = groups[first + j];
            int len = g.Length;
            if (total + len > MaxDigits)
            {
                return false;
            }

            s.AsSpan(g.DigitStart, len).CopyTo(digits[total..]);
            lengths[j] = len;
            total += len;
        }

        lengths = lengths[..k];
        var d = digits[..total];
        int start = groups[first].SpanStart;
        int end = groups[first + k - 1].SpanEnd;
        bool atChunkEnd = first + k == groups.Count;

        // A letter glued to the last group (« 17h », « 10e », « 30cm ») or a currency/percent sign after it.
        if (atChunkEnd && (IsWordChar(At(s, end)) || IsUnitAfter(s, end)))
        {
            return false;
        }

        if (IsCurrencyBefore(s, start))
        {
            return false;
        }

        bool plus = s[start] == '+';
        bool paren = false;
        for (int j = 0; j < k; j++)
        {
            paren |= groups[first + j].OpenParen;
        }

        if (!plus && !paren && total >= 13 && IsCardShape(lengths, total) && IsCardNumber(d))
        {
            strongContext = HasContext(s, start, 40, [], CardContext);
            double confidence = strongContext ? 0.97 : 0.88;
            candidate = new Candidate(PersonalInfoKind.PaymentCard, start, end, confidence);
            return true;
        }

        if (!plus && !paren && total == 9 && (k == 1 || (k == 3 && lengths[0] == 3 && lengths[1] == 3)) && IsSocialInsuranceNumber(d))
        {
            strongContext = HasContext(s, start, 40, [], NasContext);
            double confidence = (strongContext ? 0.95 : 0.75) - (k == 1 ? 0.05 : 0.0);
            candidate = new Candidate(PersonalInfoKind.SocialInsuranceNumber, start, end, confidence);
            return true;
        }

        if (!TryPhone(s, groups, first, k, lengths, d, plus, paren, allow, out candidate))
        {
            return false;
        }

        strongContext = HasContext(s, start, 40, PhoneStrongExact, PhoneStrongPrefixes);
        return true;
    }

    private static bool TryPhone(
        string s, List<Group> groups, int first, int k, ReadOnlySpan<int> lengths, ReadOnlySpan<char> d,
        bool plus, bool paren, AllowList allow, out Candidate candidate)
    {
        candidate = default;
        int total = d.Length;
        int start = groups[first].SpanStart;
        int end = groups[first + k - 1].SpanEnd;
        bool context = HasContext(s, start, 40, PhoneContextExact, PhoneContextPrefixes);

        ReadOnlySpan<char> national;
        ReadOnlySpan<int> shape;
        bool local = false;
        if (total == 11 && d[0] == '1' && (k == 1 || lengths[0] == 1))
        {
            national = d[1..];
            shape = k == 1 ? [10] : lengths[1..];
        }
        else if (total == 10 && !plus)
        {
            national = d;
            shape = lengths;
        }
        else if (total == 7 && !plus && !paren && context && first == 0)
        {
            national = d;
            shape = lengths;
            local = true;
        }
        else
        {
            return false;
        }

        if (local)
        {
            if (!(shape.SequenceEqual([3, 4]) || shape.SequenceEqual([7])) || national[0] < '2')
            {
                return false;
            }
        }
        else
        {
            bool shapeOk = shape.SequenceEqual([3, 3, 4]) || shape.SequenceEqual([10]) ||
                shape.SequenceEqual([3, 7]) || shape.SequenceEqual([3, 3, 2, 2]);
            if (!shapeOk || !IsPlausibleAreaCode(national) || national[3] < '2')
            {
                return false;
            }

            // Parentheses may only surround the area code.
            for (int j = 0; j < k; j++)
            {
                var g = groups[first + j];
                if (g.OpenParen && g.Length != 3)
                {
                    return false;
                }
            }
        }

        bool atChunkEnd = first + k == groups.Count;
        if (atChunkEnd)
        {
            end = ParseExtension(s, end);
        }

        bool allowed = allow.IsAllowedPhone(national);
        double confidence;
        if (local)
        {
            confidence = 0.8;
        }
        else
        {
            confidence = k == 1 ? 0.75 : 0.85;
            if (context)
            {
                confidence += 0.13;
            }
        }

        candidate = new Candidate(PersonalInfoKind.Phone, start, end, Math.Min(confidence, 0.99), allowed);
        return true;
    }

    /// <summary>NANP area codes start with 2-9 and are never N11 (211, 411, 911…).</summary>
    private static bool IsPlausibleAreaCode(ReadOnlySpan<char> national) =>
        national[0] >= '2' && !(national[1] == '1' && national[2] == '1');

    private static bool IsCardShape(ReadOnlySpan<int> lengths, int total)
    {
        if (total < 13 || total > 19)
        {
            return false;
        }

        if (lengths.Length == 1)
        {
            return true;
        }

        if (lengths.SequenceEqual([4, 6, 5]) || lengths.SequenceEqual([4, 6, 4]))
        {
            return true;
        }

        if (lengths.Length < 4)
        {
            return false;
        }

        for (int j = 0; j < lengths.Length - 1; j++)
        {
            if (lengths[j] != 4)
            {
                return false;
            }
        }

        return lengths[^1] is >= 1 and <= 4;
    }

    private static bool IsCardNumber(ReadOnlySpan<char> d) =>
        d[0] is >= '2' and <= '6' && !IsDegenerate(d) && Luhn.IsValid(d);

    /// <summary>Any 9 digits passing the Luhn check, except degenerate ones (all zeros, round amounts).</summary>
    private static bool IsSocialInsuranceNumber(ReadOnlySpan<char> d) =>
        !IsDegenerate(d) && Luhn.IsValid(d);

    /// <summary>All the same digit, or ending with six zeros (round amounts).</summary>
    private static bool IsDegenerate(ReadOnlySpan<char> d) =>
        !d.ContainsAnyExcept(d[0]) || !d[^6..].ContainsAnyExcept('0');

    private static bool IsUnitAfter(string s, int end)
    {
        int p = SkipHSpace(s, end, 2);
        char c = At(s, p);
        return c is '$' or '\u20AC' or '\u00A2' or '%' or '\u00B0';
    }

    private static bool IsCurrencyBefore(string s, int start)
    {
        int p = start - 1;
        if (IsHSpace(At(s, p)))
        {
            p--;
        }

        return At(s, p) is '$' or '\u20AC';
    }

    /// <summary>
    /// Extends a phone number over a following extension: « poste 123 », « p. 12 », « ext. 45 », « x12 »,
    /// « #12 ». Returns <paramref name="end"/> unchanged when there is none.
    /// </summary>
    private static int ParseExtension(string s, int end)
    {
        int p = SkipHSpace(s, end, 2);
        if (At(s, p) == ',')
        {
            p = SkipHSpace(s, p + 1, 2);
        }

        int keywordEnd;
        if (At(s, p) == '#')
        {
            keywordEnd = p + 1;
        }
        else if (char.IsLetter(At(s, p)))
        {
            int wordEnd = LetterRunEnd(s, p);
            if (wordEnd - p > 9 || !InSet(ExtensionWords, s, p, wordEnd))
            {
                return end;
            }

            keywordEnd = At(s, wordEnd) == '.' ? wordEnd + 1 : wordEnd;
        }
        else
        {
            return end;
        }

        int q = SkipHSpace(s, keywordEnd, 2);
        if (At(s, q) == ':')
        {
            q = SkipHSpace(s, q + 1, 2);
        }

        if (At(s, q) == '#' && keywordEnd != p + 1)
        {
            q++;
        }

        if (!IsDigit(At(s, q)))
        {
            return end;
        }

        int digitsEnd = DigitRunEnd(s, q);
        if (digitsEnd - q > 6 || IsWordChar(At(s, digitsEnd)))
        {
            return end;
        }

        return digitsEnd;
    }

    /// <summary>
    /// True when the nearest meaningful word before a numeric chunk says it is a bylaw, lot, roll, file…
    /// number. A telephone context word met first (« appelez ») wins.
    /// </summary>
    private static bool HasNegativeContext(string s, int pos)
    {
        Span<Range> words = stackalloc Range[4];
        int count = PrecedingWords(s, pos, 30, words);
        for (int w = 0; w < count; w++)
        {
            var (ws, wl) = words[w].GetOffsetAndLength(s.Length);
            int we = ws + wl;
            if (InSet(NegativeContext, s, ws, we))
            {
                return true;
            }

            if (InSet(NeutralContext, s, ws, we))
            {
                continue;
            }

            if (IsContextWord(s, ws, we, PhoneStrongExact, PhoneStrongPrefixes) ||
                IsContextWord(s, ws, we, [], NasContext) ||
                IsContextWord(s, ws, we, [], CardContext))
            {
                return false;
            }
        }

        return false;
    }
}
