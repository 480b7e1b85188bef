using System.Collections.Frozen;
using static NetiquetteML.Scoring.Rules.TextScan;

namespace NetiquetteML.Scoring.Rules;

/// <summary>
/// Finds civic addresses (« 417, 10e Avenue », « 88 chemin du Lac-Parent », « 214 rue Principale Sud »,
/// « 1020 boul. des Pins app. 3 », « 45 Oak Street ») with the postal code that may follow them, and
/// Canadian postal codes standing alone.
/// </summary>
/// <remarks>
/// An address is anchored on a civic number (1-5 digits, optionally « 12A » or « 3-417 ») followed by one
/// of three forms: a French street type then a name; an ordinal then a street type (« 10e Avenue »); or,
/// in English, one to three capitalised words then a street type (« Oak Street »). Street types that are
/// also ordinary words (« place », « croissant »…) need a capitalised name after them (« place du Marché »).
/// Each anchor reads a bounded number of tokens, so the scan is linear.
/// </remarks>
internal static class AddressScanner
{
    /// <summary>Identity of an address for the allow-list: civic number, canonical street type, folded name tokens.</summary>
    internal readonly record struct AddressKey(string Civic, string Type, string Name);

    internal readonly record struct AddressMatch(int Start, int End, AddressKey Key, double Confidence);

    private readonly record struct StreetType(string Canonical, bool Ambiguous, bool Abbreviation);

    private static readonly FrozenDictionary<string, StreetType>.AlternateLookup<ReadOnlySpan<char>> FrenchTypes =
        new Dictionary<string, StreetType>(StringComparer.Ordinal)
        {
            ["rue"] = new("rue", false, false),
            ["avenue"] = new("avenue", false, false),
            ["av"] = new("avenue", false, true),
            ["ave"] = new("avenue", false, true),
            ["boulevard"] = new("boulevard", false, false),
            ["boul"] = new("boulevard", false, true),
            ["blvd"] = new("boulevard", false, true),
            ["bd"] = new("boulevard", false, true),
            ["chemin"] = new("chemin", false, false),
            ["ch"] = new("chemin", false, true),
            ["route"] = new("route", false, false),
            ["rte"] = new("route", false, true),
            ["rang"] = new("rang", false, false),
            ["place"] = new("place", true, false),
            ["pl"] = new("place", true, true),
            ["montee"] = new("montee", true, false),
            ["impasse"] = new("impasse", true, false),
            ["imp"] = new("impasse", true, true),
            ["croissant"] = new("croissant", true, false),
            ["allee"] = new("allee", true, false),
            ["terrasse"] = new("terrasse", true, false),
            ["promenade"] = new("promenade", true, false),
            ["carre"] = new("carre", true, false),
            ["ruelle"] = new("ruelle", true, false),
            ["sentier"] = new("sentier", true, false),
            ["square"] = new("square", true, false),
            ["autoroute"] = new("autoroute", true, false),
        }.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, StreetType>.AlternateLookup<ReadOnlySpan<char>> OrdinalTypes =
        new Dictionary<string, StreetType>(StringComparer.Ordinal)
        {
            ["rue"] = new("rue", false, false),
            ["avenue"] = new("avenue", false, false),
            ["av"] = new("avenue", false, true),
            ["ave"] = new("avenue", false, true),
            ["rang"] = new("rang", false, false),
            ["chemin"] = new("chemin", false, false),
            ["ch"] = new("chemin", false, true),
            ["street"] = new("street", false, false),
            ["st"] = new("street", false, true),
        }.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, StreetType>.AlternateLookup<ReadOnlySpan<char>> EnglishTypes =
        new Dictionary<string, StreetType>(StringComparer.Ordinal)
        {
            ["street"] = new("street", false, false),
            ["st"] = new("street", false, true),
            ["road"] = new("road", false, false),
            ["rd"] = new("road", false, true),
            ["avenue"] = new("avenue", false, false),
            ["ave"] = new("avenue", false, true),
            ["drive"] = new("drive", false, false),
            ["dr"] = new("drive", false, true),
            ["lane"] = new("lane", false, false),
            ["ln"] = new("lane", false, true),
            ["boulevard"] = new("boulevard", false, false),
            ["blvd"] = new("boulevard", false, true),
            ["court"] = new("court", false, false),
            ["ct"] = new("court", false, true),
            ["crescent"] = new("croissant", false, false),
            ["cres"] = new("croissant", false, true),
            ["way"] = new("way", false, false),
            ["place"] = new("place", false, false),
            ["pl"] = new("place", false, true),
            ["terrace"] = new("terrasse", false, false),
            ["circle"] = new("circle", false, false),
            ["highway"] = new("highway", false, false),
            ["hwy"] = new("highway", false, true),
        }.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Particles = Lookup(
        "de", "du", "des", "la", "le", "les", "a", "au", "aux", "of", "the", "en");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> OrdinalSuffixes = Lookup(
        "e", "er", "re", "ere", "eme", "ieme", "iem", "ie", "em", "nd", "st", "rd", "th", "d");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Directionals = Lookup(
        "nord", "sud", "ouest", "n", "s", "o", "e", "w", "north", "south", "east", "west", "est");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> UnitWords = Lookup(
        "app", "appt", "apt", "appart", "appartement", "unite", "suite", "bureau", "local", "logement", "log", "porte", "unit");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Provinces = Lookup(
        "quebec", "qc", "que", "on", "ontario");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWords = Lookup(
        "plus", "moins", "loin", "pres", "d'ici", "ici", "la-bas", "labas", "et", "ou", "qui", "que", "quoi", "pour",
        "avec", "sans", "dans", "sur", "sous", "mais", "donc", "car", "a", "en", "de", "y", "est", "sont", "etait",
        "il", "elle", "on", "je", "tu", "nous", "vous", "ils", "elles", "ne", "pas", "ce", "cette", "ces", "cet", "mon",
        "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "leur", "leurs", "notre", "votre", "apres", "avant",
        "entre", "vers", "chez", "depuis", "pendant", "par", "the", "and", "or", "of", "to", "from", "for", "with",
        "is", "are", "was", "in", "on", "at", "by", "it", "that", "this", "fois", "foi", "jours", "jour", "heures",
        "minutes", "fermee", "ferme", "bloquee", "bloque", "pareil", "pareille", "differente", "differentes",
        "tout", "toute", "toutes", "tous", "aussi", "encore", "deja", "jamais", "toujours", "seulement", "comme", "si",
        "un", "une", "des", "du", "le", "la", "les", "au", "aux", "l", "d", "c", "s", "n", "qu", "j", "m", "t",
        "x", "km", "m", "metres", "pieds", "pi", "faisant");

    private const string PostalFirst = "ABCEGHJKLMNPRSTVXY";
    private const string PostalOther = "ABCEGHJKLMNPRSTVWXYZ";

    /// <summary>Adds address and stand-alone postal code candidates.</summary>
    public static void Scan(string s, AllowList allow, List<Candidate> output)
    {
        // Addresses and postal codes both need an ASCII digit.
        int firstDigit = s.AsSpan().IndexOfAnyInRange('0', '9');
        if (firstDigit < 0)
        {
            return;
        }

        int n = s.Length;
        for (int i = firstDigit; i < n; i++)
        {
            if (!IsDigit(s[i]))
            {
                int next = s.AsSpan(i).IndexOfAnyInRange('0', '9');
                if (next < 0)
                {
                    break;
                }

                i += next;
            }

            // Not glued to a word or another number, and not the tail of a spaced number (« lot 4 567 890 »).
            char before = At(s, i - 1);
            if (IsWordChar(before) || IsDash(before) || before is '/' or '.' or ',' or ':' or '$' or '#' ||
                (IsHSpace(before) && IsDigit(At(s, i - 2))))
            {
                i = DigitRunEnd(s, i) - 1;
                continue;
            }

            if (TryAddressAt(s, i, out var match))
            {
                output.Add(new Candidate(PersonalInfoKind.Address, match.Start, match.End, match.Confidence, allow.IsAllowedAddress(match.Key)));
                i = match.End - 1;
            }
            else
            {
                i = DigitRunEnd(s, i) - 1;
            }
        }

        ScanPostalCodes(s, allow, output);
    }

    /// <summary>Finds the first address of <paramref name="s"/>; used to read the allow-list.</summary>
    public static bool TryFindFirst(string s, out AddressMatch match)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (IsDigit(s[i]) && !IsWordChar(At(s, i - 1)) && TryAddressAt(s, i, out match))
            {
                return true;
            }
        }

        match = default;
        return false;
    }

    private static void ScanPostalCodes(string s, AllowList allow, List<Candidate> output)
    {
        int n = s.Length;
        int i = 0;
        while (i < n)
        {
            // A postal code has a digit just after its first letter: jump to the letter before the next digit.
            // (No word start lies inside a postal code, so the positions skipped could never match.)
            int digit = s.AsSpan(i + 1).IndexOfAnyInRange('0', '9');
            if (digit < 0)
            {
                break;
            }

            i += digit;
            if (!IsAsciiLetter(s[i]) || IsWordChar(At(s, i - 1)))
            {
                i++;
                continue;
            }

            if (TryPostalCode(s, i, out int end))
            {
                // The town's own code alone says no more than « I live in Senneterre ». Not an allowed
                // candidate (that would hide an address around it): simply not reported.
                if (allow.IsAllowedPostalCode(s.AsSpan(i, end - i)))
                {
                    i = end;
                    continue;
                }

                bool upper = IsAsciiUpper(s[i]) && IsAsciiUpper(s[i + 2]) && IsAsciiUpper(s[end - 2]);
                output.Add(new Candidate(PersonalInfoKind.PostalCode, i, end, upper ? 0.6 : 0.45));
                i = end;
                continue;
            }

            while (i < n && IsWordChar(s[i]))
            {
                i++;
            }
        }
    }

    /// <summary>« J0Y 2M0 », « J0Y2M0 », « j0y-2m0 »; the caller checks the boundary before.</summary>
    internal static bool TryPostalCode(string s, int p, out int end)
    {
        end = p;
        if (!IsPostalLetter(At(s, p), PostalFirst) || !IsDigit(At(s, p + 1)) || !IsPostalLetter(At(s, p + 2), PostalOther))
        {
            return false;
        }

        int q = p + 3;
        char sep = At(s, q);
        if (IsHSpace(sep) || IsDash(sep))
        {
            q++;
        }

        if (!IsDigit(At(s, q)) || !IsPostalLetter(At(s, q + 1), PostalOther) || !IsDigit(At(s, q + 2)) || IsWordChar(At(s, q + 3)))
        {
            return false;
        }

        end = q + 3;
        return true;
    }

    private static bool IsPostalLetter(char c, string allowed) =>
        IsAsciiLetter(c) && allowed.Contains((char)(c & ~0x20), StringComparison.Ordinal);

    private static bool TryAddressAt(string s, int i, out AddressMatch match)
    {
        match = default;
        if (!TryCivic(s, i, out int civicEnd))
        {
            return false;
        }

        int p = civicEnd;
        if (At(s, p) == ',')
        {
            p++;
        }

        int q = SkipHSpace(s, p, 2);
        if (q == p)
        {
            return false;
        }

        int tokenEnd = ReadToken(s, q, 40);
        if (tokenEnd == q || IsWordChar(At(s, tokenEnd)))
        {
            return false;
        }

        string civic = CivicKey(s, i, civicEnd);
        int end;
        string type;
        string name;
        double confidence;

        // « au 12 de la rue Principale », « au 88 du chemin Tremblay ».
        int typeStart = q;
        int typeTokenEnd = tokenEnd;
        if (SkipLeadingParticles(s, q, tokenEnd, out int afterParticles))
        {
            typeStart = afterParticles;
            typeTokenEnd = ReadToken(s, afterParticles, 40);
        }

        if (IsDigit(s[q]))
        {
            if (!TryOrdinalStreet(s, q, tokenEnd, out end, out type, out name))
            {
                return false;
            }

            confidence = 0.9;
        }
        else if (TryType(FrenchTypes, s, typeStart, typeTokenEnd, out var streetType, out int typeEnd) && !IsWordChar(At(s, typeTokenEnd)))
        {
            if (!TryStreetName(s, typeEnd, streetType.Ambiguous, out end, out name))
            {
                return false;
            }

            type = streetType.Canonical;
            confidence = streetType.Ambiguous ? 0.75 : 0.85;
        }
        else if (!TryEnglishStreet(s, q, out end, out type, out name))
        {
            return false;
        }
        else
        {
            confidence = 0.8;
        }

        end = ParseUnit(s, end);
        if (TryTrailingPostalCode(s, end, out int postalEnd))
        {
            end = postalEnd;
            confidence += 0.1;
        }

        match = new AddressMatch(i, end, new AddressKey(civic, type, name), Math.Min(confidence, 0.99));
        return true;
    }

    /// <summary>« de la » or « du » between the civic number and the street type.</summary>
    private static bool SkipLeadingParticles(string s, int q, int tokenEnd, out int typeStart)
    {
        typeStart = q;
        if (!IsHSpace(At(s, tokenEnd)))
        {
            return false;
        }

        int next = SkipHSpace(s, tokenEnd, 2);
        if (EqualsFolded(s, q, tokenEnd, "du"))
        {
            typeStart = next;
            return true;
        }

        if (!EqualsFolded(s, q, tokenEnd, "de"))
        {
            return false;
        }

        int laEnd = ReadToken(s, next, 3);
        if (!EqualsFolded(s, next, laEnd, "la") || !IsHSpace(At(s, laEnd)))
        {
            return false;
        }

        typeStart = SkipHSpace(s, laEnd, 2);
        return true;
    }

    private static bool TryCivic(string s, int i, out int end)
    {
        int digitsEnd = DigitRunEnd(s, i);
        end = digitsEnd;
        if (digitsEnd - i > 5 || s[i] == '0')
        {
            return false;
        }

        char c = At(s, digitsEnd);
        if (IsAsciiLetter(c) && (c | 0x20) is >= 'a' and <= 'd' && !char.IsLetter(At(s, digitsEnd + 1)))
        {
            end = digitsEnd + 1;
        }
        else if (IsDash(c) && IsDigit(At(s, digitsEnd + 1)))
        {
            int second = DigitRunEnd(s, digitsEnd + 1);
            if (second - digitsEnd - 1 > 5)
            {
                return false;
            }

            end = second;
        }
        else if (IsDash(c) && IsAsciiLetter(At(s, digitsEnd + 1)) && !IsWordChar(At(s, digitsEnd + 2)))
        {
            end = digitsEnd + 2;
        }

        return !IsWordChar(At(s, end));
    }

    private static string CivicKey(string s, int start, int end)
    {
        var folded = FoldSlice(s, start, end);
        return folded.Replace("-", string.Empty, StringComparison.Ordinal);
    }

    private static bool TryType(
        FrozenDictionary<string, StreetType>.AlternateLookup<ReadOnlySpan<char>> types,
        string s, int start, int end, out StreetType type, out int typeEnd)
    {
        type = default;
        typeEnd = end;
        int len = end - start;
        if (len <= 0 || len > 12)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[12];
        for (int k = 0; k < len; k++)
        {
            buffer[k] = Fold(s[start + k]);
        }

        if (!types.TryGetValue(buffer[..len], out type))
        {
            return false;
        }

        if (type.Abbreviation && At(s, end) == '.')
        {
            typeEnd = end + 1;
        }

        return true;
    }

    /// <summary>« 10e Avenue », « 4e Rue », « 2nd Street », « 5e rang Ouest ».</summary>
    private static bool TryOrdinalStreet(string s, int q, int tokenEnd, out int end, out string type, out string name)
    {
        end = q;
        type = string.Empty;
        name = string.Empty;
        int digitsEnd = DigitRunEnd(s, q);
        if (digitsEnd - q > 3 || digitsEnd == tokenEnd || !InSet(OrdinalSuffixes, s, digitsEnd, tokenEnd))
        {
            return false;
        }

        int t = SkipHSpace(s, tokenEnd, 2);
        if (t == tokenEnd)
        {
            return false;
        }

        int typeTokenEnd = ReadToken(s, t, 20);
        if (IsWordChar(At(s, typeTokenEnd)) || !TryType(OrdinalTypes, s, t, typeTokenEnd, out var streetType, out int typeEnd))
        {
            return false;
        }

        type = streetType.Canonical;
        name = string.Concat(s.AsSpan(q, digitsEnd - q), "e");
        end = typeEnd;
        int r = end;
        if (IsHSpace(At(s, r)))
        {
            int dirEnd = ReadToken(s, r + 1, 10);
            if (dirEnd > r + 1 && IsDirectional(s, r + 1, dirEnd))
            {
                name += " " + FoldSlice(s, r + 1, dirEnd);
                end = At(s, dirEnd) == '.' && dirEnd - r - 1 == 1 ? dirEnd + 1 : dirEnd;
            }
        }

        return true;
    }

    private static bool IsDirectional(string s, int start, int end)
    {
        if (!InSet(Directionals, s, start, end))
        {
            return false;
        }

        // « est » is a verb in French and single letters are initials: accept them capitalised only.
        bool shortForm = end - start == 1 || EqualsFolded(s, start, end, "est");
        return !shortForm || char.IsUpper(s[start]);
    }

    /// <summary>The name after a French street type: « du Lac-Parent », « Principale Sud », « des Pins », « 113 ».</summary>
    private static bool TryStreetName(string s, int typeEnd, bool ambiguous, out int end, out string name)
    {
        end = typeEnd;
        name = string.Empty;
        int q = SkipHSpace(s, typeEnd, 2);
        if (q == typeEnd && At(s, typeEnd - 1) != '.')
        {
            return false;
        }

        int particles = 0;
        while (particles < 3)
        {
            int te = ReadToken(s, q, 10);
            if (te > q && InSet(Particles, s, q, te) && IsHSpace(At(s, te)))
            {
                int next = SkipHSpace(s, te, 2);
                if (!char.IsLetterOrDigit(At(s, next)))
                {
                    return false;
                }

                q = next;
                particles++;
                continue;
            }

            break;
        }

        int first = ReadToken(s, q, 40);
        if (first == q || IsWordChar(At(s, first)) || InSet(StopWords, s, q, first))
        {
            return false;
        }

        // Street types that are also ordinary words (« 2 places de stationnement », « 3 croissants ») need a
        // capitalised name: « place du Marché », « croissant des Épinettes », « place de l'Église ».
        if (ambiguous && !IsCapitalisedName(s, q, first))
        {
            return false;
        }

        if (IsDigit(s[q]) && !IsNumberName(s, q, first))
        {
            return false;
        }

        var tokens = new List<string>(4) { FoldSlice(s, q, first) };
        end = first;
        for (int extra = 0; extra < 3; extra++)
        {
            int r = end;
            if (!IsHSpace(At(s, r)))
            {
                break;
            }

            r++;
            int re = ReadToken(s, r, 40);
            if (re == r || IsWordChar(At(s, re)))
            {
                break;
            }

            if (TryPostalCode(s, r, out _))
            {
                break;
            }

            if (IsDirectional(s, r, re))
            {
                tokens.Add(FoldSlice(s, r, re));
                end = At(s, re) == '.' && re - r == 1 ? re + 1 : re;
                continue;
            }

            if (char.IsUpper(s[r]) && !InSet(StopWords, s, r, re) && !InSet(UnitWords, s, r, re) && !InSet(Provinces, s, r, re))
            {
                tokens.Add(FoldSlice(s, r, re));
                end = re;
                continue;
            }

            break;
        }

        name = string.Join(' ', tokens);
        return true;
    }

    /// <summary>A token starting with a capital or a digit, after an elided « l' » or « d' » if any.</summary>
    private static bool IsCapitalisedName(string s, int start, int end)
    {
        if (end - start > 2 && (At(s, start) | 0x20) is 'l' or 'd' && IsApostrophe(At(s, start + 1)))
        {
            start += 2;
        }

        return char.IsUpper(s[start]) || IsDigit(s[start]);
    }

    /// <summary>A number used as a street name: « route 113 », « rang 5 », « 4e rang ».</summary>
    private static bool IsNumberName(string s, int start, int end)
    {
        int digitsEnd = DigitRunEnd(s, start);
        if (digitsEnd - start > 4)
        {
            return false;
        }

        return digitsEnd == end || InSet(OrdinalSuffixes, s, digitsEnd, end);
    }

    /// <summary>« 45 Oak Street », « 12 Main St. », « 7 Green Gables Lane ».</summary>
    private static bool TryEnglishStreet(string s, int q, out int end, out string type, out string name)
    {
        end = q;
        type = string.Empty;
        name = string.Empty;
        var tokens = new List<string>(3);
        int t = q;
        for (int k = 0; k < 4; k++)
        {
            int te = ReadToken(s, t, 30);
            if (te == t || IsWordChar(At(s, te)))
            {
                return false;
            }

            if (k > 0 && TryType(EnglishTypes, s, t, te, out var streetType, out int typeEnd))
            {
                type = streetType.Canonical;
                name = string.Join(' ', tokens);
                end = typeEnd;
                return true;
            }

            if (!char.IsUpper(s[t]) || InSet(StopWords, s, t, te))
            {
                return false;
            }

            for (int c = t; c < te; c++)
            {
                if (!char.IsLetter(s[c]) && !IsDash(s[c]) && !IsApostrophe(s[c]))
                {
                    return false;
                }
            }

            tokens.Add(FoldSlice(s, t, te));
            if (!IsHSpace(At(s, te)))
            {
                return false;
            }

            t = te + 1;
        }

        return false;
    }

    /// <summary>« app. 3 », « apt 12B », « #4 », « bureau 200 » after the street name.</summary>
    private static int ParseUnit(string s, int end)
    {
        int u = end;
        if (At(s, u) == ',')
        {
            u++;
        }

        u = SkipHSpace(s, u, 2);
        int v;
        if (At(s, u) == '#')
        {
            v = SkipHSpace(s, u + 1, 1);
        }
        else
        {
            int wordEnd = LetterRunEnd(s, u, 12);

            if (wordEnd == u || !InSet(UnitWords, s, u, wordEnd))
            {
                return end;
            }

            v = wordEnd;
            if (At(s, v) == '.')
            {
                v++;
            }

            v = SkipHSpace(s, v, 2);
            if (At(s, v) == '#')
            {
                v = SkipHSpace(s, v + 1, 1);
            }
        }

        if (!IsDigit(At(s, v)))
        {
            return end;
        }

        int unitEnd = DigitRunEnd(s, v);
        if (unitEnd - v > 5)
        {
            return end;
        }

        if (IsAsciiLetter(At(s, unitEnd)) && !IsWordChar(At(s, unitEnd + 1)))
        {
            unitEnd++;
        }

        return IsWordChar(At(s, unitEnd)) ? end : unitEnd;
    }

    /// <summary>
    /// A postal code after the address, possibly after a city and a province:
    /// « , Senneterre (Québec) J0Y 2M0 », « J0Y 2M0 », « Val-d'Or, QC J9P 1A1 ».
    /// </summary>
    private static bool TryTrailingPostalCode(string s, int end, out int postalEnd)
    {
        postalEnd = end;
        int p = SkipSeparators(s, end);
        if (p > end && TryPostalCode(s, p, out postalEnd))
        {
            return true;
        }

        // City: one or two capitalised words.
        int q = p;
        for (int k = 0; k < 2; k++)
        {
            int te = ReadToken(s, q, 30);
            if (te == q || !char.IsUpper(s[q]) || IsWordChar(At(s, te)) || TryPostalCode(s, q, out _))
            {
                break;
            }

            q = te;
            if (IsHSpace(At(s, q)) && char.IsUpper(At(s, q + 1)))
            {
                q++;
            }
            else
            {
                break;
            }
        }

        if (q == p)
        {
            return false;
        }

        q = SkipSeparators(s, q);
        int provinceEnd = ReadToken(s, q, 10);
        if (provinceEnd > q && InSet(Provinces, s, q, provinceEnd))
        {
            q = provinceEnd;
            if (At(s, q) == ')')
            {
                q++;
            }

            q = SkipSeparators(s, q);
        }

        return q > p && !IsWordChar(At(s, q - 1)) && TryPostalCode(s, q, out postalEnd);
    }

    private static int SkipSeparators(string s, int p)
    {
        int limit = p + 4;
        while (p < limit && (IsHSpace(At(s, p)) || At(s, p) is ',' or '('))
        {
            p++;
        }

        return p;
    }
}
