namespace NetiquetteML.Scoring.Rules;

/// <summary>
/// Finds personal information in a comment: telephone numbers, e-mail addresses, civic addresses and
/// postal codes, social insurance numbers, payment cards, RAMQ numbers, licence plates and dates of
/// birth — the rule category <c>personal_info</c> of the labelling guide. The town's own published
/// contacts (see <see cref="PersonalInfoOptions"/>) are never reported, and neither are numbers that only
/// look like personal information: amounts, ordinary dates and times, bylaw, lot and roll numbers,
/// years, percentages, scores, quantities, 911/211/811, numbers failing their checksum.
/// </summary>
/// <remarks>
/// <para>All matching is done by hand-written scanners (no regular expressions) that read a bounded number
/// of characters around each position, so detection is linear in the length of the text; null, empty,
/// huge, binary or malformed UTF-16 input never throws.</para>
/// <para>When two matches overlap, the stronger kind wins (e-mail, then address — which includes its
/// postal code —, date of birth, card, NAS, RAMQ, phone, postal code, plate), then the longer match. A
/// match of the allow-list wins over everything it overlaps and is then dropped.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class PersonalInfoDetector
{
    private readonly AllowList _allowList;

    /// <summary>Creates a detector.</summary>
    /// <param name="options">The allow-list; <see cref="PersonalInfoOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">An allow-list entry cannot be understood.</exception>
    public PersonalInfoDetector(PersonalInfoOptions? options = null)
    {
        Options = options ?? PersonalInfoOptions.Default;
        _allowList = new AllowList(Options);
    }

    /// <summary>The options this detector was built with.</summary>
    public PersonalInfoOptions Options { get; }

    /// <summary>Finds the personal information in <paramref name="text"/>.</summary>
    /// <returns>Non-overlapping findings sorted by <see cref="PersonalInfoFinding.Start"/>; empty for null or empty text.</returns>
    public IReadOnlyList<PersonalInfoFinding> Detect(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var (scanned, map) = EvasionFolding.Fold(text);
        var candidates = new List<Candidate>();
        NumberScanner.Scan(scanned, _allowList, candidates);
        SpelledPhoneScanner.Scan(scanned, _allowList, candidates);
        EmailScanner.Scan(scanned, _allowList, candidates);
        AddressScanner.Scan(scanned, _allowList, candidates);
        IdentityScanner.Scan(scanned, candidates);
        if (map is not null)
        {
            // Back to offsets of the text the caller gave, so redaction covers the hidden characters too.
            for (var i = 0; i < candidates.Count; i++)
            {
                var c = candidates[i];
                var start = c.Start <= 0 ? 0 : map[Math.Min(c.Start, map.Length - 1)];
                var end = c.End <= 0 ? 0 : map[Math.Min(c.End - 1, map.Length - 1)] + 1;
                candidates[i] = c with { Start = start, End = Math.Max(start, end) };
            }
        }
        return Resolve(text.Length, candidates);
    }

    /// <summary>Detects the personal information in <paramref name="text"/> and replaces it by typed placeholders.</summary>
    /// <returns>The redacted text; an empty string for null.</returns>
    /// <seealso cref="Redactor"/>
    public string RedactAll(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        return Redactor.Redact(text, Detect(text));
    }

    private static int Priority(in Candidate candidate) => candidate.Allowed ? 100 : candidate.Kind switch
    {
        PersonalInfoKind.Email => 90,
        PersonalInfoKind.Address => 80,
        PersonalInfoKind.DateOfBirth => 75,
        PersonalInfoKind.PaymentCard => 70,
        PersonalInfoKind.SocialInsuranceNumber => 66,
        PersonalInfoKind.HealthInsuranceNumber => 64,
        PersonalInfoKind.Phone => 60,
        PersonalInfoKind.PostalCode => 40,
        PersonalInfoKind.LicencePlate => 30,
        _ => 0,
    };

    private static PersonalInfoFinding[] Resolve(int textLength, List<Candidate> candidates)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        candidates.Sort(static (a, b) =>
        {
            int byPriority = Priority(b).CompareTo(Priority(a));
            if (byPriority != 0)
            {
                return byPriority;
            }

            int byLength = b.Length.CompareTo(a.Length);
            return byLength != 0 ? byLength : a.Start.CompareTo(b.Start);
        });

        var taken = new bool[textLength];
        var kept = new List<Candidate>(candidates.Count);
        foreach (var candidate in candidates)
        {
            int start = Math.Max(0, candidate.Start);
            int end = Math.Min(textLength, candidate.End);
            if (end <= start || taken.AsSpan(start, end - start).Contains(true))
            {
                continue;
            }

            taken.AsSpan(start, end - start).Fill(true);
            if (!candidate.Allowed)
            {
                kept.Add(candidate with { Start = start, End = end });
            }
        }

        kept.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var findings = new PersonalInfoFinding[kept.Count];
        for (int i = 0; i < findings.Length; i++)
        {
            var c = kept[i];
            // Not clamped: each scanner keeps its confidences in [0, 1], and the tests check it.
            findings[i] = new PersonalInfoFinding(c.Kind, c.Start, c.Length, c.Confidence);
        }

        return findings;
    }
}
