using NetiquetteML.Scoring.Rules;

namespace NetiquetteML.Tests.Rules;

public sealed class RedactorTests
{
    [Theory]
    [InlineData(PersonalInfoKind.Phone, "[TÉLÉPHONE]")]
    [InlineData(PersonalInfoKind.Email, "[COURRIEL]")]
    [InlineData(PersonalInfoKind.Address, "[ADRESSE]")]
    [InlineData(PersonalInfoKind.PostalCode, "[ADRESSE]")]
    [InlineData(PersonalInfoKind.SocialInsuranceNumber, "[NAS]")]
    [InlineData(PersonalInfoKind.PaymentCard, "[CARTE]")]
    [InlineData(PersonalInfoKind.HealthInsuranceNumber, "[RAMQ]")]
    [InlineData(PersonalInfoKind.LicencePlate, "[PLAQUE]")]
    [InlineData(PersonalInfoKind.DateOfBirth, "[DATE_NAISSANCE]")]
    public void Each_kind_has_its_typed_placeholder(PersonalInfoKind kind, string placeholder) =>
        Assert.Equal(placeholder, Redactor.Placeholder(kind));

    [Fact]
    public void No_kind_falls_back_to_the_generic_placeholder()
    {
        // A kind added to the enum but not to the redactor would be shown as the generic one.
        // (A postal code is an [ADRESSE] on purpose: it is part of one.)
        Assert.All(Enum.GetValues<PersonalInfoKind>(), kind => Assert.NotEqual("[RENSEIGNEMENT]", Redactor.Placeholder(kind)));
    }

    [Fact]
    public void Finding_is_replaced_by_its_placeholder()
    {
        const string text = "Appelez-moi au 819 555-0199 après 17h";
        var finding = new PersonalInfoFinding(PersonalInfoKind.Phone, 15, 12, 0.9);
        Assert.Equal("Appelez-moi au [TÉLÉPHONE] après 17h", Redactor.Redact(text, [finding]));
    }

    [Fact]
    public void Several_findings_in_any_order_are_all_replaced()
    {
        const string text = "a 111 b 222 c";
        var findings = new[]
        {
            new PersonalInfoFinding(PersonalInfoKind.Email, 8, 3, 1),
            new PersonalInfoFinding(PersonalInfoKind.Phone, 2, 3, 1),
        };
        Assert.Equal("a [TÉLÉPHONE] b [COURRIEL] c", Redactor.Redact(text, findings));
    }

    [Fact]
    public void Overlapping_findings_are_merged_so_nothing_survives()
    {
        const string text = "0123456789";
        var findings = new[]
        {
            new PersonalInfoFinding(PersonalInfoKind.Phone, 2, 4, 1),
            new PersonalInfoFinding(PersonalInfoKind.PaymentCard, 4, 4, 1),
        };
        Assert.Equal("01[TÉLÉPHONE]89", Redactor.Redact(text, findings));
    }

    [Fact]
    public void Out_of_range_and_empty_findings_are_clipped_or_ignored()
    {
        const string text = "abcdef";
        var findings = new[]
        {
            new PersonalInfoFinding(PersonalInfoKind.Phone, -5, 7, 1),
            new PersonalInfoFinding(PersonalInfoKind.Email, 4, 0, 1),
            new PersonalInfoFinding(PersonalInfoKind.Address, 5, int.MaxValue, 1),
            new PersonalInfoFinding(PersonalInfoKind.DateOfBirth, 100, 3, 1),
        };
        Assert.Equal("[TÉLÉPHONE]cde[ADRESSE]", Redactor.Redact(text, findings));
    }

    [Fact]
    public void No_finding_leaves_the_text_unchanged()
    {
        const string text = "Bonjour tout le monde";
        Assert.Same(text, Redactor.Redact(text, []));
    }

    [Fact]
    public void Null_arguments_throw()
    {
        Assert.Throws<ArgumentNullException>(() => Redactor.Redact(null!, []));
        Assert.Throws<ArgumentNullException>(() => Redactor.Redact("x", null!));
    }

    [Fact]
    public void Detected_personal_information_of_every_kind_is_redacted()
    {
        var detector = new PersonalInfoDetector();
        const string text =
            "Appelez 819-555-0199 ou écrivez à marc@gmail.com. J'habite au 12 rue Principale, code J9P 3G4. " +
            "NAS 046 454 286, carte 4111 1111 1111 1111, RAMQ TREM 5803 1412, plaque ABC 123, né le 4 mars 1958.";
        Assert.Equal(
            "Appelez [TÉLÉPHONE] ou écrivez à [COURRIEL]. J'habite au [ADRESSE], code [ADRESSE]. " +
            "NAS [NAS], carte [CARTE], RAMQ [RAMQ], plaque [PLAQUE], né le [DATE_NAISSANCE].",
            detector.RedactAll(text));
    }

    [Fact]
    public void Town_contacts_survive_redaction()
    {
        const string text = "Hôtel de ville : 551, 10e Avenue, 819 737-2296 poste 225, info@ville.senneterre.qc.ca";
        Assert.Equal(text, new PersonalInfoDetector().RedactAll(text));
    }
}
