using System.Text;

namespace NetiquetteML.Scoring.Rules;

/// <summary>
/// Replaces personal information by typed placeholders: Phone → [TÉLÉPHONE], Email → [COURRIEL],
/// Address and PostalCode → [ADRESSE], SocialInsuranceNumber → [NAS], PaymentCard → [CARTE],
/// HealthInsuranceNumber → [RAMQ], LicencePlate → [PLAQUE], DateOfBirth → [DATE_NAISSANCE].
/// </summary>
public static class Redactor
{
    /// <summary>The placeholder that replaces a finding of <paramref name="kind"/>.</summary>
    public static string Placeholder(PersonalInfoKind kind) => kind switch
    {
        PersonalInfoKind.Phone => "[TÉLÉPHONE]",
        PersonalInfoKind.Email => "[COURRIEL]",
        PersonalInfoKind.Address => "[ADRESSE]",
        PersonalInfoKind.PostalCode => "[ADRESSE]",
        PersonalInfoKind.SocialInsuranceNumber => "[NAS]",
        PersonalInfoKind.PaymentCard => "[CARTE]",
        PersonalInfoKind.HealthInsuranceNumber => "[RAMQ]",
        PersonalInfoKind.LicencePlate => "[PLAQUE]",
        PersonalInfoKind.DateOfBirth => "[DATE_NAISSANCE]",
        _ => "[RENSEIGNEMENT]",
    };

    /// <summary>
    /// Replaces each finding's span of <paramref name="text"/> by its placeholder.
    /// </summary>
    /// <remarks>
    /// Findings may come in any order. Spans are clipped to the text; empty spans are ignored; overlapping
    /// findings are merged into one redacted span (the placeholder of the one that starts first), so no
    /// character of any finding survives.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="findings"/> is null.</exception>
    public static string Redact(string text, IReadOnlyList<PersonalInfoFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.Count == 0 || text.Length == 0)
        {
            return text;
        }

        var spans = new List<(int Start, int End, PersonalInfoKind Kind)>(findings.Count);
        foreach (var finding in findings)
        {
            if (finding is null)
            {
                continue;
            }

            long start = Math.Clamp((long)finding.Start, 0, text.Length);
            long end = Math.Clamp((long)finding.Start + finding.Length, start, text.Length);
            if (end > start)
            {
                spans.Add(((int)start, (int)end, finding.Kind));
            }
        }

        if (spans.Count == 0)
        {
            return text;
        }

        spans.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var sb = new StringBuilder(text.Length);
        int position = 0;
        int i = 0;
        while (i < spans.Count)
        {
            var (start, end, kind) = spans[i++];
            while (i < spans.Count && spans[i].Start < end)
            {
                end = Math.Max(end, spans[i].End);
                i++;
            }

            sb.Append(text, position, start - position).Append(Placeholder(kind));
            position = end;
        }

        sb.Append(text, position, text.Length - position);
        return sb.ToString();
    }
}
