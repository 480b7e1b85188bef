using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using static NetiquetteML.Scoring.Rules.TextScan;

namespace NetiquetteML.Scoring.Rules;

/// <summary>
/// Finds e-mail addresses, plain (« nom@gmail.com ») or lightly obfuscated (« nom [at] gmail [dot] com »,
/// « nom (at) hotmail.com », « nom arobase videotron point ca »).
/// </summary>
/// <remarks>
/// The scanner looks for an « at » marker (<c>@</c>, a bracketed « at », « @ » or « arobase », the words
/// « arobase »/« arobas », or a bare « at » when the domain also uses a spelled-out dot), then reads at most
/// 64 characters of local part backwards and at most 8 domain labels of at most 63 characters forwards.
/// Every marker costs a bounded amount of work, so the scan is linear. Obfuscated forms must end with a
/// common top-level domain (« com », « ca »…), so that ordinary French (« au point ») is not read as one.
/// </remarks>
internal static class EmailScanner
{
    private const int MaxLocal = 64;
    private const int MaxLabel = 63;
    private const int MaxLabels = 8;

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownTopLevelDomains = Lookup(
        "com", "ca", "net", "org", "fr", "info", "biz", "qc", "us", "be", "ch", "io", "co", "edu", "gov", "gouv", "me",
        "tv", "live", "app", "dev", "xyz", "online", "quebec", "uk", "de", "eu", "mobi", "pro", "name", "email");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> BracketedAt = Lookup(
        "at", "@", "arobase", "arobas", "a");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SpelledDot = Lookup(
        "dot", "point", ".", "pt");

    private readonly record struct Label(int Start, int End, bool ObfuscatedBefore);

    private static readonly SearchValues<char> AtStarts = SearchValues.Create("@\uFF20[({<aA");

    public static void Scan(string s, AllowList allow, List<Candidate> output)
    {
        int n = s.Length;
        int lastEnd = 0;
        Span<Label> labels = stackalloc Label[MaxLabels];
        for (int i = 0; i < n; i++)
        {
            // Only « @ », an opening bracket or an « a » can start an « at »; jump to the next one.
            int skip = s.AsSpan(i).IndexOfAny(AtStarts);
            if (skip < 0)
            {
                break;
            }

            i += skip;
            char c = s[i];
            int atEnd;
            bool obfuscated;
            bool bareAt = false;
            bool spacedAt = false;
            if (c is '@' or '\uFF20')
            {
                atEnd = i + 1;
                obfuscated = false;
                spacedAt = IsHSpace(At(s, i - 1)) && IsHSpace(At(s, i + 1));
            }
            else if (c is '[' or '(' or '{' or '<')
            {
                if (!TryBracketedAt(s, i, out atEnd))
                {
                    continue;
                }

                obfuscated = true;
            }
            else if ((c | 0x20) == 'a' && !IsWordChar(At(s, i - 1)) && IsHSpace(At(s, i - 1)))
            {
                int wordEnd = LetterRunEnd(s, i, 8);

                if (EqualsFolded(s, i, wordEnd, "arobase") || EqualsFolded(s, i, wordEnd, "arobas"))
                {
                    bareAt = false;
                }
                else if (EqualsFolded(s, i, wordEnd, "at"))
                {
                    bareAt = true;
                }
                else
                {
                    continue;
                }

                if (!IsHSpace(At(s, wordEnd)))
                {
                    continue;
                }

                atEnd = wordEnd;
                obfuscated = true;
            }
            else
            {
                continue;
            }

            // An obfuscated or spaced « @ » lets spaces in, and then only a known domain ending counts.
            bool allowSpaces = obfuscated || spacedAt;
            if (!TryLocalPart(s, i, allowSpaces, out int localStart) || localStart < lastEnd)
            {
                continue;
            }

            int domainStart = allowSpaces ? SkipHSpace(s, atEnd, 2) : atEnd;
            int count = ReadDomain(s, domainStart, labels);
            int accepted = ChooseLabels(s, labels[..count], requireKnown: allowSpaces, out bool spelledDot);
            if (accepted < 2 || (bareAt && !spelledDot))
            {
                continue;
            }

            int end = labels[accepted - 1].End;
            string domain = DomainName(s, labels[..accepted]);
            bool allowed = allow.IsAllowedEmailDomain(domain);
            double confidence = obfuscated || spelledDot || spacedAt ? 0.85 : 0.97;
            output.Add(new Candidate(PersonalInfoKind.Email, localStart, end, confidence, allowed));
            lastEnd = end;
            i = end - 1;
        }
    }

    private static bool IsLocalChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    private static bool IsLabelChar(char c) => char.IsLetterOrDigit(c) || c == '-';

    private static bool TryBracketedAt(string s, int i, out int end)
    {
        end = i;
        char close = s[i] switch { '[' => ']', '(' => ')', '{' => '}', _ => '>' };
        int q = SkipHSpace(s, i + 1, 2);
        int contentEnd;
        if (At(s, q) == '@')
        {
            contentEnd = q + 1;
        }
        else
        {
            contentEnd = LetterRunEnd(s, q, 8);

            if (!InSet(BracketedAt, s, q, contentEnd))
            {
                return false;
            }
        }

        int r = SkipHSpace(s, contentEnd, 2);
        if (At(s, r) != close)
        {
            return false;
        }

        end = r + 1;
        return true;
    }

    private static bool TryLocalPart(string s, int atStart, bool allowSpaces, out int localStart)
    {
        int localEnd = atStart;
        if (allowSpaces)
        {
            int limit = Math.Max(0, atStart - 2);
            while (localEnd > limit && IsHSpace(s[localEnd - 1]))
            {
                localEnd--;
            }
        }

        int start = localEnd;
        while (start > 0 && localEnd - start <= MaxLocal && IsLocalChar(s[start - 1]))
        {
            start--;
        }

        localStart = start;
        if (localEnd - start > MaxLocal)
        {
            return false;
        }

        while (localStart < localEnd && s[localStart] is '.' or '-' or '+' or '_' or '%')
        {
            localStart++;
        }

        return localStart < localEnd && s[localEnd - 1] != '.' && char.IsLetterOrDigit(s[localEnd - 1]);
    }

    /// <summary>Reads up to <see cref="MaxLabels"/> domain labels separated by real or spelled-out dots.</summary>
    private static int ReadDomain(string s, int p, Span<Label> labels)
    {
        int labelEnd = ReadLabel(s, p);
        if (labelEnd < 0)
        {
            return 0;
        }

        int count = 0;
        labels[count++] = new Label(p, labelEnd, false);
        while (count < labels.Length)
        {
            int next;
            bool spelled;
            if (At(s, labelEnd) == '.' && IsLabelChar(At(s, labelEnd + 1)))
            {
                next = labelEnd + 1;
                spelled = false;
            }
            else if (TrySpelledDot(s, labelEnd, out next))
            {
                spelled = true;
            }
            else
            {
                break;
            }

            int end = ReadLabel(s, next);
            if (end < 0)
            {
                break;
            }

            labels[count++] = new Label(next, end, spelled);
            labelEnd = end;
        }

        return count;
    }

    /// <summary>End of the label starting at <paramref name="p"/>, or -1 when there is no valid label there.</summary>
    private static int ReadLabel(string s, int p)
    {
        int end = p;
        while (end < s.Length && end - p <= MaxLabel && IsLabelChar(s[end]))
        {
            end++;
        }

        if (end == p || end - p > MaxLabel || s[p] == '-' || s[end - 1] == '-')
        {
            return -1;
        }

        return end;
    }

    private static bool TrySpelledDot(string s, int p, out int next)
    {
        next = p;
        int q = SkipHSpace(s, p, 2);
        char c = At(s, q);
        int markerEnd;
        if (c is '[' or '(' or '{' or '<')
        {
            char close = c switch { '[' => ']', '(' => ')', '{' => '}', _ => '>' };
            int r = SkipHSpace(s, q + 1, 2);
            int contentEnd = At(s, r) == '.' ? r + 1 : LetterRunEnd(s, r, 6);

            if (!InSet(SpelledDot, s, r, contentEnd))
            {
                return false;
            }

            int closeAt = SkipHSpace(s, contentEnd, 2);
            if (At(s, closeAt) != close)
            {
                return false;
            }

            markerEnd = closeAt + 1;
            next = SkipHSpace(s, markerEnd, 2);
        }
        else if (q > p && char.IsLetter(c))
        {
            int wordEnd = LetterRunEnd(s, q, 6);

            if (!InSet(SpelledDot, s, q, wordEnd) || !IsHSpace(At(s, wordEnd)))
            {
                return false;
            }

            next = SkipHSpace(s, wordEnd, 2);
        }
        else
        {
            return false;
        }

        return IsLabelChar(At(s, next));
    }

    /// <summary>
    /// Keeps the longest run of labels that ends with a plausible top-level domain: a known one when
    /// <paramref name="requireKnown"/> or when a spelled-out dot was used, otherwise preferably a known one,
    /// else any 2-24 letter label.
    /// </summary>
    private static int ChooseLabels(string s, ReadOnlySpan<Label> labels, bool requireKnown, out bool spelledDot)
    {
        spelledDot = false;
        for (int count = labels.Length; count >= 2; count--)
        {
            bool spelled = false;
            for (int j = 1; j < count; j++)
            {
                spelled |= labels[j].ObfuscatedBefore;
            }

            var tld = labels[count - 1];
            if (InSet(KnownTopLevelDomains, s, tld.Start, tld.End))
            {
                spelledDot = spelled;
                return count;
            }
        }

        if (requireKnown)
        {
            return 0;
        }

        for (int count = labels.Length; count >= 2; count--)
        {
            bool spelled = false;
            for (int j = 1; j < count; j++)
            {
                spelled |= labels[j].ObfuscatedBefore;
            }

            var tld = labels[count - 1];
            if (!spelled && IsLetterLabel(s, tld.Start, tld.End))
            {
                return count;
            }
        }

        return 0;
    }

    private static bool IsLetterLabel(string s, int start, int end)
    {
        if (end - start is < 2 or > 24)
        {
            return false;
        }

        for (int k = start; k < end; k++)
        {
            if (!char.IsLetter(s[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static string DomainName(string s, ReadOnlySpan<Label> labels)
    {
        var sb = new StringBuilder();
        foreach (var label in labels)
        {
            if (sb.Length > 0)
            {
                sb.Append('.');
            }

            for (int k = label.Start; k < label.End; k++)
            {
                sb.Append(Fold(s[k]));
            }
        }

        return sb.ToString();
    }
}
