using System.Buffers;
using System.Collections.Frozen;
using static NetiquetteML.Scoring.Rules.TextScan;

namespace NetiquetteML.Scoring.Rules;

/// <summary>
/// Finds Quebec health insurance numbers (RAMQ), Quebec licence plates (only near « plaque »,
/// « immatriculation », « licence plate ») and dates of birth (only after « né le », « date de naissance »,
/// « DDN », « born on »…).
/// </summary>
/// <remarks>
/// A RAMQ number is 4 letters (3 of the surname, 1 of the given name) then 8 digits YYMM DDxx where MM is
/// the month, plus 50 for women, and DD the day; numbers whose month or day is impossible are not reported.
/// Lower-case letters are accepted only after a context word (« RAMQ », « assurance maladie », « carte soleil »).
/// Plates and dates of birth are only looked for in a bounded window after (and, for plates, before) their
/// context word, and the windows are never scanned twice, so every scan is linear.
/// </remarks>
internal static class IdentityScanner
{
    private const int PlateWindow = 30;
    private const int BirthWindow = 30;
    private const int LowerCasePlateWindow = 15;

    private static readonly string[] RamqContext = ["ramq", "maladie", "soleil", "assurance", "sante", "health"];

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> RamqExcluded = Lookup(
        "ramq", "saaq", "clsc", "cisss", "csss", "uqat", "omhs", "fadoq", "mrcv", "tvqc");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PlateContext = Lookup(
        "plaque", "plaques", "immatriculation", "immatricule", "immatriculee", "immatricules", "immatriculees",
        "plate", "plates", "licence", "license");

    private static readonly string[] BirthTriggers =
        ["date de naissance", "date naissance", "d.d.n.", "d.d.n", "ddn", "born on", "born", "date of birth", "dob", "birth date", "birthdate"];

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Months = Lookup(
        "janvier", "janv", "jan", "fevrier", "fevr", "fev", "feb", "february", "mars", "mar", "march", "avril", "avr",
        "apr", "april", "mai", "may", "juin", "june", "jun", "juillet", "juil", "jul", "july", "aout", "aug", "august",
        "septembre", "sept", "sep", "september", "octobre", "oct", "october", "novembre", "nov", "november",
        "decembre", "dec", "december", "january");

    /// <summary>Every ASCII character except p, i, l in both cases.</summary>
    private static readonly SearchValues<char> NotPlateInitial = AsciiExcept("pPiIlL");

    /// <summary>Every ASCII character except n, d, b in both cases.</summary>
    private static readonly SearchValues<char> NotBirthInitial = AsciiExcept("nNdDbB");

    private static SearchValues<char> AsciiExcept(string keep)
    {
        var chars = new List<char>(128);
        for (char c = '\0'; c < (char)0x80; c++)
        {
            if (!keep.Contains(c, StringComparison.Ordinal))
            {
                chars.Add(c);
            }
        }

        return SearchValues.Create(chars.ToArray());
    }

    public static void Scan(string s, List<Candidate> output)
    {
        // Every shape needs ASCII digits: a RAMQ number a run of at least 4, a plate 2, a date of birth 1.
        int longestDigitRun = LongestDigitRun(s);
        if (longestDigitRun == 0)
        {
            return;
        }

        if (longestDigitRun >= 4)
        {
            ScanHealthInsurance(s, output);
        }

        ScanPlates(s, output);
        ScanBirthDates(s, output);
    }

    /// <summary>Length of the longest run of ASCII digits (vectorised skips, so cheap on text without digits).</summary>
    private static int LongestDigitRun(string s)
    {
        var span = s.AsSpan();
        int longest = 0;
        while (true)
        {
            int start = span.IndexOfAnyInRange('0', '9');
            if (start < 0)
            {
                return longest;
            }

            span = span[start..];
            int length = span.IndexOfAnyExceptInRange('0', '9');
            if (length < 0)
            {
                return Math.Max(longest, span.Length);
            }

            longest = Math.Max(longest, length);
            span = span[length..];
        }
    }

    private static void ScanHealthInsurance(string s, List<Candidate> output)
    {
        // A RAMQ number is 4 letters then, after an optional separator, a run of digits: only the positions
        // 4 or 5 characters before the start of a digit run can begin one. No such position lies inside an
        // earlier match, and they come in increasing order, so this finds exactly what a scan of every word would.
        int n = s.Length;
        int d = 0;
        while (d < n)
        {
            int skip = s.AsSpan(d).IndexOfAnyInRange('0', '9');
            if (skip < 0)
            {
                return;
            }

            d += skip;
            int runEnd = DigitRunEnd(s, d);
            if (IsDigit(At(s, d - 1)))
            {
                d = runEnd;
                continue;
            }

            int matchEnd = TryRamqAt(s, d - 5, output);
            if (matchEnd < 0)
            {
                matchEnd = TryRamqAt(s, d - 4, output);
            }

            d = Math.Max(runEnd, matchEnd);
        }
    }

    /// <summary>Reports a RAMQ number starting at <paramref name="i"/>; returns its end, or -1.</summary>
    private static int TryRamqAt(string s, int i, List<Candidate> output)
    {
        if (i < 0 || !IsAsciiLetter(s[i]) || IsWordChar(At(s, i - 1)))
        {
            return -1;
        }

        int n = s.Length;
        int lettersEnd = i;
        while (lettersEnd < n && lettersEnd - i <= 4 && IsAsciiLetter(s[lettersEnd]))
        {
            lettersEnd++;
        }

        if (lettersEnd - i == 4 && !char.IsLetter(At(s, lettersEnd)) && TryRamqDigits(s, lettersEnd, out int end))
        {
            bool upper = true;
            for (int k = i; k < i + 4; k++)
            {
                upper &= IsAsciiUpper(s[k]);
            }

            bool context = HasContext(s, i, 40, [], RamqContext);
            if ((upper || context) && !InSet(RamqExcluded, s, i, i + 4))
            {
                output.Add(new Candidate(PersonalInfoKind.HealthInsuranceNumber, i, end, context ? 0.97 : 0.85));
                return end;
            }
        }

        return -1;
    }

    /// <summary>8 digits « 58031412 », « 5803 1412 », « 5803-1412 » after the 4 letters and an optional separator.</summary>
    private static bool TryRamqDigits(string s, int p, out int end)
    {
        end = p;
        if (IsHSpace(At(s, p)) || IsDash(At(s, p)))
        {
            p++;
        }

        Span<char> digits = stackalloc char[8];
        int firstEnd = DigitRunEnd(s, p);
        int q;
        if (firstEnd - p == 8)
        {
            s.AsSpan(p, 8).CopyTo(digits);
            q = firstEnd;
        }
        else if (firstEnd - p == 4 && (IsHSpace(At(s, firstEnd)) || IsDash(At(s, firstEnd))))
        {
            int secondEnd = DigitRunEnd(s, firstEnd + 1);
            if (secondEnd - firstEnd - 1 != 4)
            {
                return false;
            }

            s.AsSpan(p, 4).CopyTo(digits);
            s.AsSpan(firstEnd + 1, 4).CopyTo(digits[4..]);
            q = secondEnd;
        }
        else
        {
            return false;
        }

        if (IsWordChar(At(s, q)))
        {
            return false;
        }

        int month = ((digits[2] - '0') * 10) + (digits[3] - '0');
        int day = ((digits[4] - '0') * 10) + (digits[5] - '0');
        bool monthOk = month is (>= 1 and <= 12) or (>= 51 and <= 62);
        if (!monthOk || day is < 1 or > 31)
        {
            return false;
        }

        end = q;
        return true;
    }

    /// <summary>
    /// Moves <paramref name="i"/> to the start of the next word whose first character is not one of
    /// <paramref name="excludedInitials"/> (ASCII letters that cannot start a wanted word; non-ASCII
    /// characters are never excluded, since they may fold to a wanted letter). False at the end.
    /// </summary>
    private static bool NextWordStart(string s, ref int i, SearchValues<char> excludedInitials)
    {
        while (i < s.Length)
        {
            int skip = s.AsSpan(i).IndexOfAnyExcept(excludedInitials);
            if (skip < 0)
            {
                i = s.Length;
                return false;
            }

            i += skip;
            if (char.IsLetter(s[i]) && !char.IsLetter(At(s, i - 1)))
            {
                return true;
            }

            i++;
        }

        return false;
    }

    private static void ScanPlates(string s, List<Candidate> output)
    {
        int n = s.Length;
        int scannedUpTo = 0;
        int i = 0;
        // Only a word starting with a letter that folds to p, i or l can be a context word.
        while (NextWordStart(s, ref i, NotPlateInitial))
        {
            int wordEnd = LetterRunEnd(s, i);
            // Cheap filter: every context word is 5 to 15 letters long and folds to a word starting with p, i or l.
            int wordLength = wordEnd - i;
            char first = wordLength is >= 5 and <= 15 ? Fold(s[i]) : '\0';
            if (first is 'p' or 'i' or 'l' && InSet(PlateContext, s, i, wordEnd))
            {
                int from = Math.Max(scannedUpTo, Math.Max(0, i - PlateWindow));
                int to = Math.Min(n, wordEnd + PlateWindow);
                scannedUpTo = ScanPlateWindow(s, from, to, wordEnd, output);
            }

            i = wordEnd;
        }
    }

    /// <summary>Scans plate candidates starting in [from, to); returns where the next window may start.</summary>
    /// <remarks>Lower-case plates (« plaque abc 123 ») are accepted only just after the context word.</remarks>
    private static int ScanPlateWindow(string s, int from, int to, int contextEnd, List<Candidate> output)
    {
        int p = from;
        int resumeAt = to;
        while (p < to)
        {
            if (!IsAsciiLetterOrDigit(s[p]) || IsWordChar(At(s, p - 1)))
            {
                p++;
                continue;
            }

            bool allowLowerCase = p >= contextEnd && p - contextEnd <= LowerCasePlateWindow;
            if (TryPlate(s, p, allowLowerCase, out int end))
            {
                output.Add(new Candidate(PersonalInfoKind.LicencePlate, p, end, 0.8));
                p = end;
                resumeAt = Math.Max(resumeAt, end);
                continue;
            }

            while (p < s.Length && IsWordChar(s[p]))
            {
                p++;
            }

            resumeAt = Math.Max(resumeAt, p);
        }

        return resumeAt;
    }

    /// <summary>
    /// « ABC 123 », « 123 ABC », « A12 BCD », « F01ABC », « FAB 1234 » in capitals, letters and digits mixed;
    /// when <paramref name="allowLowerCase"/>, also « abc 123 », « 123 abc », « a12 bcd » (those three shapes only).
    /// </summary>
    private static bool TryPlate(string s, int p, bool allowLowerCase, out int end)
    {
        end = p;
        int firstEnd = AsciiAlnumRunEnd(s, p, 8);
        int firstLength = firstEnd - p;
        if (char.IsLetterOrDigit(At(s, firstEnd)))
        {
            return false;
        }

        if (firstLength is 6 or 7)
        {
            end = firstEnd;
        }
        else if (firstLength is >= 2 and <= 4 && (IsHSpace(At(s, firstEnd)) || IsDash(At(s, firstEnd))))
        {
            int second = firstEnd + 1;
            int secondEnd = AsciiAlnumRunEnd(s, second, 5);
            int secondLength = secondEnd - second;
            if (secondLength is < 3 or > 4 || firstLength + secondLength is < 6 or > 7 || char.IsLetterOrDigit(At(s, secondEnd)))
            {
                return false;
            }

            end = secondEnd;
        }
        else
        {
            return false;
        }

        int letters = 0;
        int digits = 0;
        bool lowerCase = false;
        Span<char> shape = stackalloc char[8];
        int shapeLength = 0;
        for (int k = p; k < end; k++)
        {
            char c = s[k];
            if (IsDigit(c))
            {
                digits++;
                shape[shapeLength++] = 'D';
            }
            else if (IsAsciiLetter(c))
            {
                letters++;
                lowerCase |= !IsAsciiUpper(c);
                shape[shapeLength++] = 'L';
            }
            else if (IsHSpace(c) || IsDash(c))
            {
                shape[shapeLength++] = ' ';
            }
            else
            {
                return false;
            }
        }

        if (lowerCase)
        {
            var pattern = shape[..shapeLength];
            bool quebecShape = pattern.SequenceEqual("LLL DDD") || pattern.SequenceEqual("DDD LLL") || pattern.SequenceEqual("LDD LLL") ||
                pattern.SequenceEqual("LLLDDD") || pattern.SequenceEqual("DDDLLL") || pattern.SequenceEqual("LDDLLL");
            if (!allowLowerCase || !quebecShape)
            {
                return false;
            }
        }

        return letters >= 1 && digits >= 2 && !AddressScanner.TryPostalCode(s, p, out _);
    }

    private static int AsciiAlnumRunEnd(string s, int p, int max)
    {
        int end = p;
        while (end < s.Length && end - p < max && IsAsciiLetterOrDigit(s[end]))
        {
            end++;
        }

        return end;
    }

    private static void ScanBirthDates(string s, List<Candidate> output)
    {
        int n = s.Length;
        int i = 0;
        int lastEnd = 0;
        // Only a word starting with n, or a letter that folds to d or b, can be a trigger.
        while (NextWordStart(s, ref i, NotBirthInitial))
        {
            // Cheap filter: « né le » starts with n, every other trigger folds to a word starting with d or b.
            char c0 = s[i];
            if ((c0 | 0x20) != 'n' && Fold(c0) is not ('d' or 'b'))
            {
                i = LetterRunEnd(s, i);
                continue;
            }

            int triggerEnd = MatchBirthTrigger(s, i);
            if (triggerEnd > i)
            {
                int limit = Math.Min(n, triggerEnd + BirthWindow);
                for (int p = Math.Max(triggerEnd, lastEnd); p < limit; p++)
                {
                    if (IsWordChar(At(s, p - 1)))
                    {
                        continue;
                    }

                    if ((IsDigit(s[p]) && TryNumericOrDayFirstDate(s, p, out int end)) ||
                        (char.IsLetter(s[p]) && TryMonthFirstDate(s, p, out end)))
                    {
                        output.Add(new Candidate(PersonalInfoKind.DateOfBirth, p, end, 0.92));
                        lastEnd = end;
                        break;
                    }
                }

                i = triggerEnd;
                continue;
            }

            i = LetterRunEnd(s, i);
        }
    }

    /// <summary>End of a birth trigger starting at <paramref name="i"/>, or <paramref name="i"/> when there is none.</summary>
    private static int MatchBirthTrigger(string s, int i)
    {
        int ne = MatchNeLe(s, i);
        if (ne > i)
        {
            return ne;
        }

        char first = Fold(At(s, i));
        char second = Fold(At(s, i + 1));
        foreach (var trigger in BirthTriggers)
        {
            if (trigger[0] != first || trigger[1] != second)
            {
                continue;
            }

            if (MatchesFoldedAt(s, i, trigger) && !IsWordChar(At(s, i + trigger.Length)))
            {
                return i + trigger.Length;
            }
        }

        return i;
    }

    /// <summary>« né le », « née le », « né(e) le », « né.e le », « nee le » (accent required on « né »).</summary>
    private static int MatchNeLe(string s, int i)
    {
        if ((At(s, i) | 0x20) != 'n')
        {
            return i;
        }

        int p = i + 1;
        char c = At(s, p);
        if (c is '\u00E9' or '\u00C9')
        {
            p++;
        }
        else if ((c | 0x20) == 'e' && At(s, p + 1) == '\u0301')
        {
            p += 2;
        }
        else if ((c | 0x20) == 'e' && (At(s, p + 1) | 0x20) == 'e')
        {
            p += 2;
            goto afterFeminine;
        }
        else
        {
            return i;
        }

        if ((At(s, p) | 0x20) == 'e')
        {
            p++;
        }
        else if (At(s, p) == '(' && (At(s, p + 1) | 0x20) == 'e' && At(s, p + 2) == ')')
        {
            p += 3;
        }
        else if (At(s, p) is '.' or '\u00B7' or '-' && (At(s, p + 1) | 0x20) == 'e' && !char.IsLetter(At(s, p + 2)))
        {
            p += 2;
        }

    afterFeminine:
        if (char.IsLetter(At(s, p)))
        {
            return i;
        }

        int q = SkipHSpace(s, p, 2);
        if (q == p || !EqualsFolded(s, q, q + 2, "le") || IsWordChar(At(s, q + 2)))
        {
            return i;
        }

        return q + 2;
    }

    /// <summary>« 04/03/1958 », « 4-3-1958 », « 1958-03-04 », « 4 mars 1958 », « 1er mars 1958 ».</summary>
    private static bool TryNumericOrDayFirstDate(string s, int p, out int end)
    {
        end = p;
        int firstEnd = DigitRunEnd(s, p);
        int firstLength = firstEnd - p;
        char sep = At(s, firstEnd);
        bool numericSep = sep is '/' or '-' or '.';
        if (firstLength == 4 && numericSep)
        {
            int year = Number(s, p, firstEnd);
            int monthEnd = DigitRunEnd(s, firstEnd + 1);
            if (monthEnd - firstEnd - 1 is < 1 or > 2 || At(s, monthEnd) != sep)
            {
                return false;
            }

            int dayEnd = DigitRunEnd(s, monthEnd + 1);
            if (dayEnd - monthEnd - 1 is < 1 or > 2 || IsWordChar(At(s, dayEnd)))
            {
                return false;
            }

            int month = Number(s, firstEnd + 1, monthEnd);
            int day = Number(s, monthEnd + 1, dayEnd);
            if (!IsYear(year) || month is < 1 or > 12 || day is < 1 or > 31)
            {
                return false;
            }

            end = dayEnd;
            return true;
        }

        if (firstLength is < 1 or > 2)
        {
            return false;
        }

        int first = Number(s, p, firstEnd);
        if (numericSep)
        {
            int secondEnd = DigitRunEnd(s, firstEnd + 1);
            if (secondEnd - firstEnd - 1 is < 1 or > 2 || At(s, secondEnd) != sep)
            {
                return false;
            }

            int yearEnd = DigitRunEnd(s, secondEnd + 1);
            int yearLength = yearEnd - secondEnd - 1;
            if (yearLength is not (2 or 4) || IsWordChar(At(s, yearEnd)))
            {
                return false;
            }

            int second = Number(s, firstEnd + 1, secondEnd);
            int year = Number(s, secondEnd + 1, yearEnd);
            bool dayMonth = first is >= 1 and <= 31 && second is >= 1 and <= 12;
            bool monthDay = first is >= 1 and <= 12 && second is >= 1 and <= 31;
            if (!(dayMonth || monthDay) || (yearLength == 4 && !IsYear(year)))
            {
                return false;
            }

            end = yearEnd;
            return true;
        }

        if (first is < 1 or > 31)
        {
            return false;
        }

        int q = firstEnd;
        int suffixEnd = LetterRunEnd(s, q);
        if (suffixEnd > q)
        {
            if (!(EqualsFolded(s, q, suffixEnd, "er") || EqualsFolded(s, q, suffixEnd, "re") || EqualsFolded(s, q, suffixEnd, "e") ||
                  EqualsFolded(s, q, suffixEnd, "st") || EqualsFolded(s, q, suffixEnd, "nd") || EqualsFolded(s, q, suffixEnd, "rd") ||
                  EqualsFolded(s, q, suffixEnd, "th")))
            {
                return false;
            }

            q = suffixEnd;
        }

        int monthStart = SkipHSpace(s, q, 2);
        if (monthStart == q || !TryMonthWord(s, monthStart, out int monthWordEnd))
        {
            return false;
        }

        int yearStart = SkipHSpace(s, At(s, monthWordEnd) == ',' ? monthWordEnd + 1 : monthWordEnd, 2);
        if (yearStart == monthWordEnd)
        {
            return false;
        }

        // In a birth context « 4 mars 58 » is a year too.
        int shortYearEnd = DigitRunEnd(s, yearStart);
        if (shortYearEnd - yearStart == 2 && !IsWordChar(At(s, shortYearEnd)))
        {
            end = shortYearEnd;
            return true;
        }

        return TryYear(s, yearStart, out end);
    }

    /// <summary>« March 4, 1958 », « mars 4 1958 ».</summary>
    private static bool TryMonthFirstDate(string s, int p, out int end)
    {
        end = p;
        if (!TryMonthWord(s, p, out int monthEnd))
        {
            return false;
        }

        int dayStart = SkipHSpace(s, monthEnd, 2);
        int dayEnd = DigitRunEnd(s, dayStart);
        if (dayStart == monthEnd || dayEnd - dayStart is < 1 or > 2)
        {
            return false;
        }

        int day = Number(s, dayStart, dayEnd);
        if (day is < 1 or > 31)
        {
            return false;
        }

        int q = dayEnd;
        int suffixEnd = LetterRunEnd(s, q);
        if (suffixEnd - q == 2)
        {
            q = suffixEnd;
        }

        if (At(s, q) == ',')
        {
            q++;
        }

        int yearStart = SkipHSpace(s, q, 2);
        if (yearStart == q && yearStart == dayEnd)
        {
            return false;
        }

        return TryYear(s, yearStart, out end);
    }

    private static bool TryMonthWord(string s, int p, out int end)
    {
        end = p;
        int wordEnd = LetterRunEnd(s, p, 10);

        if (char.IsLetter(At(s, wordEnd)) || !InSet(Months, s, p, wordEnd))
        {
            return false;
        }

        end = At(s, wordEnd) == '.' ? wordEnd + 1 : wordEnd;
        return true;
    }

    private static bool TryYear(string s, int p, out int end)
    {
        end = DigitRunEnd(s, p);
        return end - p == 4 && !IsWordChar(At(s, end)) && IsYear(Number(s, p, end));
    }

    private static bool IsYear(int year) => year is >= 1900 and <= 2099;

    private static int Number(string s, int start, int end)
    {
        int value = 0;
        for (int k = start; k < end && k - start < 9; k++)
        {
            value = (value * 10) + (s[k] - '0');
        }

        return value;
    }
}
