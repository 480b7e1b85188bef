namespace NetiquetteML.Scoring.Rules;

/// <summary>The kinds of personal information the <see cref="PersonalInfoDetector"/> recognises.</summary>
public enum PersonalInfoKind
{
    /// <summary>A North American telephone number, with its extension when one follows.</summary>
    Phone,

    /// <summary>An e-mail address, including lightly obfuscated ones (« nom [at] gmail [dot] com »).</summary>
    Email,

    /// <summary>A civic address (number, street type and name), with its postal code when one follows.</summary>
    Address,

    /// <summary>A Canadian postal code on its own (not attached to an address).</summary>
    PostalCode,

    /// <summary>A social insurance number (NAS), 9 digits passing the Luhn check.</summary>
    SocialInsuranceNumber,

    /// <summary>A payment card number, 13 to 19 digits passing the Luhn check.</summary>
    PaymentCard,

    /// <summary>A Quebec health insurance number (RAMQ): 4 letters and 8 digits.</summary>
    HealthInsuranceNumber,

    /// <summary>A Quebec licence plate, only recognised next to a word such as « plaque ».</summary>
    LicencePlate,

    /// <summary>A date of birth, only recognised after « né le », « date de naissance », « DDN », « born on »…</summary>
    DateOfBirth,
}
