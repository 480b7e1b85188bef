using System.Text.Json;
using NetiquetteML.Scoring.Rules;

namespace NetiquetteML.Tests.Rules;

public sealed class PersonalInfoDetectorTests
{
    private static readonly PersonalInfoDetector Detector = new();

    private static (PersonalInfoKind Kind, string Text)[] Found(string text, PersonalInfoDetector? detector = null) =>
        (detector ?? Detector).Detect(text).Select(f => (f.Kind, text.Substring(f.Start, f.Length))).ToArray();

    private static void AssertSingle(string text, PersonalInfoKind kind, string expected)
    {
        var found = Found(text);
        Assert.Equal(new[] { (kind, expected) }, found);
    }

    // ---- Telephone numbers -------------------------------------------------------------------

    [Theory]
    [InlineData("Appelez au 819-555-0142 svp", "819-555-0142")]
    [InlineData("Appelez au (819) 555 0199 svp", "(819) 555 0199")]
    [InlineData("Appelez au 8195550123 svp", "8195550123")]
    [InlineData("Appelez au +1 819.555.0176 svp", "+1 819.555.0176")]
    [InlineData("Appelez au 1-819-555-0142 svp", "1-819-555-0142")]
    [InlineData("Appelez au 819 555 01 66 svp", "819 555 01 66")]
    [InlineData("Appelez au +18195550142 svp", "+18195550142")]
    [InlineData("Appelez au (819)555-0133 svp", "(819)555-0133")]
    [InlineData("Appelez au 819-5550119 svp", "819-5550119")]
    public void North_american_phone_formats_are_detected(string text, string expected) =>
        AssertSingle(text, PersonalInfoKind.Phone, expected);

    [Theory]
    [InlineData("tel 819-555-0142 poste 123", "819-555-0142 poste 123")]
    [InlineData("Joignez Marc au 819-555-0143 ext. 45", "819-555-0143 ext. 45")]
    [InlineData("Le bureau: 819 555-0144 #12", "819 555-0144 #12")]
    [InlineData("Appelez au 819 555-0167 x12", "819 555-0167 x12")]
    [InlineData("Appelez au 819 555-0160, poste 3", "819 555-0160, poste 3")]
    public void Phone_number_with_extension_is_detected(string text, string expected) =>
        AssertSingle(text, PersonalInfoKind.Phone, expected);

    [Fact]
    public void Resident_comment_with_phone_is_detected() =>
        AssertSingle("Appelez-moi au 819 555-0199 après 17h", PersonalInfoKind.Phone, "819 555-0199");

    [Theory]
    [InlineData("Appelez-moi au 555-0142 en soirée", "555-0142")]
    [InlineData("cell 555 0143", "555 0143")]
    [InlineData("texte au 5550144 merci", "5550144")]
    public void Seven_digit_local_number_with_a_context_word_is_detected(string text, string expected) =>
        AssertSingle(text, PersonalInfoKind.Phone, expected);

    [Theory]
    [InlineData("Il y avait 555-0142 personnes")]
    [InlineData("Le code 5550144 est expiré")]
    public void Seven_digit_number_without_a_context_word_is_not_a_phone(string text) => Assert.Empty(Found(text));

    [Theory]
    [InlineData("Appelez au 119-555-0142")]
    [InlineData("Appelez au 019 555 0142")]
    [InlineData("Appelez au 911-555-0142")]
    [InlineData("Appelez au 819-155-0142")]
    public void Implausible_area_or_exchange_code_is_not_a_phone(string text) => Assert.Empty(Found(text));

    [Theory]
    [InlineData("Appelez l'hôtel de ville au 819 737-2296 poste 225")]
    [InlineData("Le numéro de la ville est 819-737-2296")]
    [InlineData("La ville répond au (819) 737-2296")]
    [InlineData("Tél. de la municipalité : 8197372296")]
    [InlineData("+1 819 737 2296 ext. 237")]
    [InlineData("1-819-737-2296 pour le camp de jour")]
    [InlineData("composez le 737-2296 poste 0")]
    [InlineData("Réservation de la salle : 819.737.2296 #224")]
    public void Town_phone_number_is_not_flagged(string text) => Assert.Empty(Found(text));

    [Theory]
    [InlineData("Le règlement 2019-176 encadre la politique")]
    [InlineData("La résolution 2019-176 a été adoptée")]
    [InlineData("Selon le règlement no 2022-301, les poules sont permises")]
    public void Bylaw_number_is_not_a_phone(string text) => Assert.Empty(Found(text));

    [Theory]
    [InlineData("Le lot 4 123 456 est à vendre")]
    [InlineData("Les lots 5 234 567 et 5 234 568 sont zonés")]
    [InlineData("Matricule 1234-56-7890 au rôle d'évaluation")]
    [InlineData("Le matricule 9876-54-3210-0-000-0000 c'est mon chalet")]
    public void Lot_and_roll_numbers_are_not_flagged(string text) => Assert.Empty(Found(text));

    [Theory]
    [InlineData("Le déneigement coûte 1 250 $ par année")]
    [InlineData("J'ai payé 300$ pour le permis")]
    [InlineData("Le budget prévoit 12 500 000 $")]
    [InlineData("Le budget régional est de 125 000 000 $")]
    [InlineData("Un contrat de 819 000 $ pour l'asphalte")]
    public void Amounts_are_not_flagged(string text) => Assert.Empty(Found(text));

    [Theory]
    [InlineData("La séance est le 4 mars à 19 h 30")]
    [InlineData("Collecte le 2026-12-01")]
    [InlineData("Le marché ouvre à 9:00 et ferme à 15:30")]
    [InlineData("La date limite est le 31/03/2025")]
    [InlineData("En 1919 la ville a été fondée, en 2019 on a fêté")]
    public void Ordinary_dates_times_and_years_are_not_flagged(string text) => Assert.Empty(Found(text));

    [Theory]
    [InlineData("Les Forestiers ont gagné 5-3 hier soir")]
    [InlineData("Score final: 4-4 en prolongation, puis 2-1 en fusillade")]
    [InlineData("Il est tombé 30 cm de neige")]
    [InlineData("La taxe a augmenté de 3,5 %")]
    public void Scores_quantities_and_percentages_are_not_flagged(string text) => Assert.Empty(Found(text));

    [Theory]
    [InlineData("En cas d'urgence composez le 911")]
    [InlineData("Appelez le 9-1-1 tout de suite")]
    [InlineData("Le 211 peut vous aider")]
    [InlineData("Info-Santé 811")]
    public void Emergency_and_service_numbers_are_not_flagged(string text) => Assert.Empty(Found(text));

    [Fact]
    public void Context_word_raises_phone_confidence()
    {
        var without = Detector.Detect("Chalet à louer 819 555-0199").Single();
        var with = Detector.Detect("Chalet à louer, appelez 819 555-0199").Single();
        Assert.True(with.Confidence > without.Confidence);
    }

    // ---- E-mail addresses --------------------------------------------------------------------

    [Theory]
    [InlineData("Écrivez-moi à jean.tremblay@gmail.com merci", "jean.tremblay@gmail.com")]
    [InlineData("mon courriel c'est nom [at] gmail [dot] com", "nom [at] gmail [dot] com")]
    [InlineData("Envoyez à nom (at) hotmail.com", "nom (at) hotmail.com")]
    [InlineData("pour me rejoindre: nom arobase videotron point ca", "nom arobase videotron point ca")]
    [InlineData("courriel: julie (at) videotron (dot) ca", "julie (at) videotron (dot) ca")]
    [InlineData("Mon courriel c'est chantal at gmail dot com", "chantal at gmail dot com")]
    [InlineData("Le courriel de ma tante, c'est louise.pelletier@yahoo.ca.", "louise.pelletier@yahoo.ca")]
    public void Email_addresses_including_obfuscated_ones_are_detected(string text, string expected) =>
        AssertSingle(text, PersonalInfoKind.Email, expected);

    [Theory]
    [InlineData("Écrivez à info@ville.senneterre.qc.ca")]
    [InlineData("loisirs [at] ville.senneterre.qc.ca pour le camp de jour")]
    [InlineData("INFO@VILLE.SENNETERRE.QC.CA répond en 48 heures")]
    public void Town_email_address_is_not_flagged(string text) => Assert.Empty(Found(text));

    [Theory]
    [InlineData("@Marie merci pour l'info!")]
    [InlineData("Le 5@7 de la chambre de commerce")]
    [InlineData("Rendez-vous @ l'aréna à 19 h")]
    [InlineData("On se voit au point d'eau")]
    public void Mentions_and_at_signs_are_not_emails(string text) => Assert.Empty(Found(text));

    // ---- Addresses and postal codes ----------------------------------------------------------

    [Theory]
    [InlineData("J'habite au 417, 10e Avenue depuis 20 ans", "417, 10e Avenue")]
    [InlineData("Le chalet est au 88 chemin du Lac-Parent", "88 chemin du Lac-Parent")]
    [InlineData("Le dépanneur du 214 rue Principale Sud est fermé", "214 rue Principale Sud")]
    [InlineData("Venez au 12, 4e Rue", "12, 4e Rue")]
    [InlineData("Mon adresse : 1020 boul. des Pins app. 3", "1020 boul. des Pins app. 3")]
    [InlineData("My cousin lives at 123 Main Street", "123 Main Street")]
    public void Civic_addresses_are_detected(string text, string expected) =>
        AssertSingle(text, PersonalInfoKind.Address, expected);

    [Fact]
    public void Postal_code_after_an_address_is_part_of_the_address() =>
        AssertSingle("Envoyez au 417, 10e Avenue, Senneterre (Québec) J0Y 2M0 merci", PersonalInfoKind.Address,
            "417, 10e Avenue, Senneterre (Québec) J0Y 2M0");

    [Fact]
    public void Postal_code_alone_is_a_postal_code_with_lower_confidence()
    {
        const string text = "Mon code postal c'est J9P 3G4, et j'habite au 12 rue Principale";
        var findings = Detector.Detect(text);
        Assert.Equal(new[] { PersonalInfoKind.PostalCode, PersonalInfoKind.Address }, findings.Select(f => f.Kind));
        Assert.Equal("J9P 3G4", text.Substring(findings[0].Start, findings[0].Length));
        Assert.True(findings[0].Confidence < findings[1].Confidence);
    }

    [Theory]
    [InlineData("J9P3G4")]
    [InlineData("j9p 3g4")]
    [InlineData("J9P-3G4")]
    public void Postal_code_spellings_are_detected(string code) => AssertSingle($"Code postal : {code}", PersonalInfoKind.PostalCode, code);

    [Theory]
    [InlineData("Notre code postal c'est J0Y 2M0 pour tout le monde en ville")]
    [InlineData("j0y2m0")]
    [InlineData("Adresse de la ville : J0Y-2M0")]
    public void The_towns_own_postal_code_alone_is_not_personal_information(string text) => Assert.Empty(Detector.Detect(text));

    [Fact]
    public void The_towns_postal_code_after_a_civic_address_is_still_part_of_the_address()
    {
        const string text = "Je reste au 12 rue des Pins, J0Y 2M0";
        var finding = Assert.Single(Detector.Detect(text));
        Assert.Equal(PersonalInfoKind.Address, finding.Kind);
        Assert.Equal("12 rue des Pins, J0Y 2M0", text.Substring(finding.Start, finding.Length));
    }

    [Fact]
    public void Allowed_postal_codes_come_from_the_options()
    {
        var detector = new PersonalInfoDetector(PersonalInfoOptions.FromJson("""{ "allowedPostalCodes": ["J9P 3G4"] }"""));
        Assert.Empty(detector.Detect("Code postal : J9P 3G4"));
        Assert.Single(detector.Detect("Code postal : J0Y 2M0"));
        Assert.Throws<ArgumentException>(() => new PersonalInfoDetector(PersonalInfoOptions.FromJson("""{ "allowedPostalCodes": ["J0Y"] }""")));
    }

    [Theory]
    [InlineData("La séance du conseil a lieu au 551, 10e Avenue")]
    [InlineData("L'hôtel de ville au 551 10e Avenue, Senneterre (Québec) J0Y 2M0")]
    [InlineData("Rendez-vous au 551, 10e Av. pour la séance")]
    public void Town_hall_address_is_not_flagged(string text) => Assert.Empty(Found(text));

    [Theory]
    [InlineData("La 10e Avenue est fermée")]
    [InlineData("Tournez 1 rue plus loin")]
    [InlineData("Il reste 5 places disponibles")]
    [InlineData("Il y a 3 rues pas déneigées")]
    [InlineData("Le lot 4 567 890, rang 4, canton de Senneterre")]
    [InlineData("Le 3 place de stationnement est libre")]
    [InlineData("J'ai acheté 2 croissant au dépanneur")]
    public void Street_talk_without_a_civic_address_is_not_an_address(string text) => Assert.Empty(Found(text));

    // ---- NAS and payment cards ---------------------------------------------------------------

    [Theory]
    [InlineData("Mon NAS est 046 454 286", "046 454 286")]
    [InlineData("nas 270342363", "270342363")]
    [InlineData("NAS: 418-609-137", "418-609-137")]
    public void Social_insurance_number_passing_luhn_is_detected(string text, string expected) =>
        AssertSingle(text, PersonalInfoKind.SocialInsuranceNumber, expected);

    [Theory]
    [InlineData("Mon NAS est 046 454 287")]
    [InlineData("Mon NAS est 123 456 789")]
    [InlineData("Mon NAS est 000 000 000")]
    public void Social_insurance_number_failing_luhn_is_not_flagged(string text) => Assert.Empty(Found(text));

    [Theory]
    [InlineData("Ma carte 4111 1111 1111 1111 a été volée", "4111 1111 1111 1111")]
    [InlineData("Ma carte 4111-1111-1111-1111 a été volée", "4111-1111-1111-1111")]
    [InlineData("Ma carte 4111111111111111 a été volée", "4111111111111111")]
    [InlineData("Amex 3782 822463 10005", "3782 822463 10005")]
    [InlineData("MC 5555 5555 5555 4444", "5555 5555 5555 4444")]
    public void Payment_card_passing_luhn_is_detected(string text, string expected) =>
        AssertSingle(text, PersonalInfoKind.PaymentCard, expected);

    [Theory]
    [InlineData("Ma carte 4111 1111 1111 1112 a été volée")]
    [InlineData("Ma carte 5555 5555 5555 4445")]
    public void Payment_card_failing_luhn_is_not_flagged(string text) => Assert.Empty(Found(text));

    // ---- RAMQ, plates, dates of birth --------------------------------------------------------

    [Theory]
    [InlineData("Ma carte RAMQ TREM 5803 1412 est expirée", "TREM 5803 1412")]
    [InlineData("TREM58031412", "TREM58031412")]
    [InlineData("carte soleil : trem 5803 1412", "trem 5803 1412")]
    public void Ramq_number_is_detected(string text, string expected) =>
        AssertSingle(text, PersonalInfoKind.HealthInsuranceNumber, expected);

    [Theory]
    [InlineData("Le dossier TREM 5813 1412 est fermé")]
    [InlineData("LAPJ 6553 3211 n'existe pas")]
    [InlineData("Je vais voir 1958 0304 dans les archives")]
    public void Ramq_look_alike_with_impossible_date_or_lower_case_is_not_flagged(string text) => Assert.Empty(Found(text));

    [Theory]
    [InlineData("Le char avait la plaque ABC 123", "ABC 123")]
    [InlineData("immatriculation A12 BCD, un pick-up rouge", "A12 BCD")]
    [InlineData("La plaque commence par F01ABC je pense", "F01ABC")]
    [InlineData("plaque : 123 ABC", "123 ABC")]
    [InlineData("The licence plate was GHJ 456", "GHJ 456")]
    public void Licence_plate_near_a_context_word_is_detected(string text, string expected) =>
        AssertSingle(text, PersonalInfoKind.LicencePlate, expected);

    [Fact]
    public void Licence_plate_without_a_context_word_is_not_flagged() =>
        Assert.Empty(Found("Le modèle ABC 123 de la souffleuse est rappelé"));

    [Theory]
    [InlineData("Mon fils est né le 4 mars 2012", "4 mars 2012")]
    [InlineData("née le 12 juillet 1958", "12 juillet 1958")]
    [InlineData("né(e) le 04/03/1958", "04/03/1958")]
    [InlineData("Date de naissance : 1958-03-04", "1958-03-04")]
    [InlineData("DDN 04/03/1958", "04/03/1958")]
    [InlineData("He was born on March 4, 1958", "March 4, 1958")]
    public void Date_of_birth_after_a_birth_context_is_detected(string text, string expected) =>
        AssertSingle(text, PersonalInfoKind.DateOfBirth, expected);

    [Theory]
    [InlineData("Bonne fête! anniversaire le 4 mars 1958")]
    [InlineData("La séance du 4 mars 2025 est annulée")]
    [InlineData("je ne le sais pas, le 4 mars 2020 peut-être")]
    [InlineData("Mon fils est né le 4 mars")]
    public void Date_without_a_birth_context_is_not_a_date_of_birth(string text) => Assert.Empty(Found(text));

    // ---- Output contract ---------------------------------------------------------------------

    [Fact]
    public void Null_and_empty_text_yield_no_finding()
    {
        Assert.Empty(Detector.Detect(null));
        Assert.Empty(Detector.Detect(string.Empty));
        Assert.Equal(string.Empty, Detector.RedactAll(null));
    }

    [Fact]
    public void Findings_are_sorted_by_start_and_do_not_overlap()
    {
        const string text = "Vente au 12 rue Principale, J0Y 2M0, appelez 819-555-0199 ou écrivez à a.b@gmail.com; NAS 046 454 286";
        var findings = Detector.Detect(text);
        Assert.Equal(
            new[] { PersonalInfoKind.Address, PersonalInfoKind.Phone, PersonalInfoKind.Email, PersonalInfoKind.SocialInsuranceNumber },
            findings.Select(f => f.Kind));
        for (int i = 1; i < findings.Count; i++)
        {
            Assert.True(findings[i - 1].End <= findings[i].Start);
        }
    }

    [Fact]
    public void Phone_digits_inside_an_email_are_part_of_the_email() =>
        AssertSingle("Écrivez à 8195550199@gmail.com", PersonalInfoKind.Email, "8195550199@gmail.com");

    [Fact]
    public void Offsets_are_utf16_offsets_of_the_original_text()
    {
        const string text = "😿🐶 Appelez-moi au 819 555-0199";
        var finding = Detector.Detect(text).Single();
        Assert.Equal(text.IndexOf("819", StringComparison.Ordinal), finding.Start);
        Assert.Equal("819 555-0199".Length, finding.Length);
    }

    [Fact]
    public void Confidences_lie_between_zero_and_one()
    {
        Assert.All(RulesBattery.All.SelectMany(c => Detector.Detect(c.Text)), f => Assert.InRange(f.Confidence, 0.0, 1.0));
    }

    [Fact]
    public void RedactAll_replaces_every_finding_with_its_placeholder() =>
        Assert.Equal(
            "Vente de garage au [ADRESSE], appelez [TÉLÉPHONE] ou [COURRIEL]",
            Detector.RedactAll("Vente de garage au 12 rue Principale, appelez 819-555-0199 ou marc@gmail.com"));

    [Fact]
    public void Detector_is_safe_to_share_between_threads()
    {
        var texts = RulesBattery.All.Select(c => c.Text).ToArray();
        var expected = texts.Select(t => Detector.Detect(t)).ToArray();
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < texts.Length; i++)
            {
                Assert.Equal(expected[i], Detector.Detect(texts[i]));
            }
        });
    }

    // ---- Options -----------------------------------------------------------------------------

    [Fact]
    public void Default_options_hold_the_town_contacts()
    {
        var options = PersonalInfoOptions.Default;
        Assert.Equal(new[] { "819 737-2296" }, options.AllowedPhoneNumbers);
        Assert.Equal(new[] { "ville.senneterre.qc.ca" }, options.AllowedEmailDomains);
        Assert.Equal(new[] { "551, 10e Avenue" }, options.AllowedAddresses);
    }

    [Fact]
    public void Options_from_json_replace_the_allow_list()
    {
        var options = PersonalInfoOptions.FromJson("""
            {
              // the MRC's contacts
              "allowedPhoneNumbers": ["819-555-0100"],
              "AllowedEmailDomains": ["mrcvo.qc.ca"],
              "allowedAddresses": ["12 rue Principale"],
            }
            """);
        var detector = new PersonalInfoDetector(options);
        Assert.Empty(Found("Appelez au 819 555-0100 poste 3 ou écrivez à info@mrcvo.qc.ca, 12 rue Principale", detector));
        Assert.Equal(
            new[] { PersonalInfoKind.Phone, PersonalInfoKind.Email, PersonalInfoKind.Address },
            Found("Appelez au 819 737-2296 ou écrivez à info@ville.senneterre.qc.ca, 551, 10e Avenue", detector).Select(f => f.Kind));
    }

    [Fact]
    public void Options_from_json_keep_defaults_for_missing_properties()
    {
        var options = PersonalInfoOptions.FromJson("""{ "allowedPhoneNumbers": [] }""");
        Assert.Empty(options.AllowedPhoneNumbers);
        Assert.Equal(PersonalInfoOptions.Default.AllowedEmailDomains, options.AllowedEmailDomains);
        Assert.Equal(PersonalInfoOptions.Default.AllowedAddresses, options.AllowedAddresses);
        Assert.Single(Found("Appelez au 819 737-2296", new PersonalInfoDetector(options)));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    [InlineData("{ \"allowedPhoneNumbers\": [null] }")]
    [InlineData("not json")]
    public void Invalid_json_options_throw_a_json_exception(string json) =>
        Assert.ThrowsAny<JsonException>(() => PersonalInfoOptions.FromJson(json));

    [Fact]
    public void Unreadable_allow_list_entries_fail_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new PersonalInfoDetector(new PersonalInfoOptions { AllowedPhoneNumbers = ["12"] }));
        Assert.Throws<ArgumentException>(() => new PersonalInfoDetector(new PersonalInfoOptions { AllowedAddresses = ["hôtel de ville"] }));
    }

    [Fact]
    public void Options_copy_the_lists_they_are_given()
    {
        var phones = new List<string> { "819 555-0100" };
        var options = new PersonalInfoOptions { AllowedPhoneNumbers = phones };
        phones.Add("819 555-0101");
        Assert.Single(options.AllowedPhoneNumbers);
    }
}
