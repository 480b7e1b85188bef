using NetiquetteML.Scoring.Rules;

namespace NetiquetteML.Tests.Rules;

/// <summary>One piece of personal information a battery case expects, located by its exact text.</summary>
public readonly record struct Expectation(PersonalInfoKind Kind, string Substring);

/// <summary>A hand-written comment and the personal information it contains (none for a negative case).</summary>
public sealed record BatteryCase(string Family, string Text, IReadOnlyList<Expectation> Expected)
{
    public override string ToString() => $"[{Family}] {Text}";
}

/// <summary>
/// Hand-written battery of resident comments, one array per family of kinds. Every array is data only:
/// the texts are written the way residents of Senneterre write on the town's page, and each case lists
/// the kinds it contains with the exact substring that must be covered by a finding of that kind.
/// </summary>
public static partial class RulesBattery
{
    // Computed on each access: static field initialisers of partial files run in no guaranteed order.
    public static IReadOnlyList<BatteryCase> All =>
    [
        .. Family("phones", Phones),
        .. Family("emails", Emails),
        .. Family("addresses", Addresses),
        .. Family("nas-cards", NasAndCards),
        .. Family("ramq-plates-birth", IdentityNumbers),
        .. Family("negatives", TrickyNegatives),
    ];

    public static IReadOnlyDictionary<string, int> FamilySizes => new Dictionary<string, int>
    {
        ["phones"] = Phones.Length,
        ["emails"] = Emails.Length,
        ["addresses"] = Addresses.Length,
        ["nas-cards"] = NasAndCards.Length,
        ["ramq-plates-birth"] = IdentityNumbers.Length,
        ["negatives"] = TrickyNegatives.Length,
    };

    private static IEnumerable<BatteryCase> Family(string family, (string Text, Expectation[] Expected)[] cases) =>
        cases.Select(c => new BatteryCase(family, c.Text, c.Expected));

    private static (string Text, Expectation[] Expected) C(string text, params Expectation[] expected) => (text, expected);

    private static Expectation Ph(string s) => new(PersonalInfoKind.Phone, s);

    private static Expectation Em(string s) => new(PersonalInfoKind.Email, s);

    private static Expectation Ad(string s) => new(PersonalInfoKind.Address, s);

    private static Expectation Pc(string s) => new(PersonalInfoKind.PostalCode, s);

    private static Expectation Nas(string s) => new(PersonalInfoKind.SocialInsuranceNumber, s);

    private static Expectation Card(string s) => new(PersonalInfoKind.PaymentCard, s);

    private static Expectation Ramq(string s) => new(PersonalInfoKind.HealthInsuranceNumber, s);

    private static Expectation Plate(string s) => new(PersonalInfoKind.LicencePlate, s);

    private static Expectation Dob(string s) => new(PersonalInfoKind.DateOfBirth, s);
}
