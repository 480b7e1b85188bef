using System.Net;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Rules;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Reports;

namespace NetiquetteML.Tests.Reports;

[Collection(CliCollection.Name)]
public class ReportRedactionTests
{
    /// <summary>Personal information planted in comments and posts; each must be detected, and none may reach a report file.</summary>
    private static readonly (string Value, string Comment)[] Planted =
    [
        ("819-555-0199", "Mon chien est perdu, appelez-moi au 819-555-0199 si vous le voyez"),
        ("(819) 555-0147", "Vente de pneus d'hiver, texto au (819) 555-0147 mon tabarnak de voisin"),
        ("jean.tremblay84@gmail.com", "Écrivez à jean.tremblay84@gmail.com pour les prix, votez pour mon parti"),
        ("96, rue des Érables", "Chez nous c'est le 96, rue des Érables, venez chercher les chatons"),
        ("046 454 286", "Mon NAS est 046 454 286, le maire est un incompétent"),
        ("4111 1111 1111 1111", "Ma carte 4111 1111 1111 1111 a été refusée au garage, quelle bande de voleurs"),
        ("FORN 0462 0118", "RAMQ de mon bébé FORN 0462 0118, aidez-moi svp"),
    ];

    private const string PlantedPostValue = "819 555 0162";
    private const string PlantedPost = "Objet perdu : contactez Marie au 819 555 0162";

    [Fact]
    public void No_detected_personal_information_appears_in_clear_in_any_report_file()
    {
        var detector = new PersonalInfoDetector();
        foreach (var (value, comment) in Planted.Append((PlantedPostValue, PlantedPost)))
        {
            var start = comment.IndexOf(value, StringComparison.Ordinal);
            Assert.True(detector.Detect(comment).Any(f => f.Start <= start && f.End >= start + value.Length),
                $"precondition: the detector must find '{value}' in its comment");
        }

        using var dir = new TempDirectory();
        var lines = new List<string> { "id,post,text,offensive,off_topic,political,commercial,complaint" };
        // Each planted comment is labelled against the model's own verdict, so it is an error (a false positive or a
        // false negative) in every category and is listed in every error table.
        var scorer = TrainedBundle.Shared.Scorer;
        lines.AddRange(Planted.Select((p, i) =>
        {
            var post = i % 2 == 0 ? PlantedPost : "";
            var verdict = scorer.Score(new Comment(p.Comment, post.Length == 0 ? null : post));
            return $"pi-{i},{Csv(post)},{Csv(p.Comment)},{string.Join(',', verdict.Categories.Select(c => B(!c.Flagged)))}";
        }));
        lines.AddRange(TrainedBundle.Shared.Rows.Take(40).Select((r, i) =>
            $"ok-{i},{Csv(i < 10 ? PlantedPost : r.Post)},{Csv(r.Text)},{B(r.Offensive)},{B(r.OffTopic)},{B(r.Political)},{B(r.Commercial)},{B(r.Complaint == true)}"));
        var data = dir.Write("personal.csv", string.Join("\n", lines) + "\n");
        var output = dir.File("report");

        var result = CliRunner.Run("report", "--model", TrainedBundle.Shared.Directory, "--data", data, "--output", output);
        Assert.True(result.ExitCode == 0, result.All);

        var files = Directory.GetFiles(output).Where(f => !f.EndsWith(".png", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, files.Count);
        var values = Planted.Select(p => p.Value).Append(PlantedPostValue).ToList();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var numberRuns = NumberRuns(StripDataUris(text));
            foreach (var value in values)
            {
                Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(WebUtility.HtmlEncode(value), text, StringComparison.OrdinalIgnoreCase);
                // Digit runs of 9+ (phones, NAS, cards, RAMQ) must not survive with other separators either.
                var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
                if (digits.Length >= 9) Assert.DoesNotContain(numberRuns, run => run.Contains(digits, StringComparison.Ordinal));
            }
            Assert.DoesNotContain("tremblay84", text, StringComparison.OrdinalIgnoreCase);
        }
        // The console output too (not a bare "555": the temporary folder's name is hex and may hold it).
        foreach (var value in values) Assert.DoesNotContain(value, result.All, StringComparison.OrdinalIgnoreCase);

        // The planted comments are listed, redacted: the placeholders show where the values were.
        var html = File.ReadAllText(Path.Combine(output, PrecisionReport.HtmlFile));
        foreach (var placeholder in new[] { "[TÉLÉPHONE]", "[COURRIEL]", "[ADRESSE]", "[NAS]", "[CARTE]", "[RAMQ]" })
            Assert.Contains(placeholder, html);
        Assert.Contains("pi-0", html);

        // The rules' section counts them (counts only; the ordinary rows of the corpus may hold some too).
        var metrics = ReportMetrics.FromJson(File.ReadAllText(Path.Combine(output, ReportMetrics.FileName)));
        Assert.True(metrics.PersonalInfoFindings["phone"] >= 2, "phone");
        Assert.True(metrics.PersonalInfoFindings["email"] >= 1, "email");
        Assert.True(metrics.PersonalInfoFindings["socialInsuranceNumber"] >= 1, "socialInsuranceNumber");
        Assert.True(metrics.PersonalInfoFindings["paymentCard"] >= 1, "paymentCard");
        Assert.True(metrics.PersonalInfoFindings["healthInsuranceNumber"] >= 1, "healthInsuranceNumber");
        Assert.True(metrics.CommentsWithPersonalInfo >= Planted.Length);
    }

    private static string Csv(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";

    private static string B(bool b) => b ? "1" : "0";

    /// <summary>Each run of digits joined by spaces, dashes, dots or parentheses, as digits only.</summary>
    private static List<string> NumberRuns(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\d[\d \u00A0\u202F\-\.\(\)]*\d")
            .Select(m => new string(m.Value.Where(char.IsAsciiDigit).ToArray())).ToList();

    private static string StripDataUris(string text)
    {
        const string marker = "data:image/png;base64,";
        var sb = new System.Text.StringBuilder(text.Length);
        var position = 0;
        for (var i = text.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(marker, position, StringComparison.Ordinal))
        {
            sb.Append(text, position, i - position);
            var end = text.IndexOf('"', i);
            position = end < 0 ? text.Length : end;
        }
        sb.Append(text, position, text.Length - position);
        return sb.ToString();
    }
}
