using NetiquetteML.Tests.Support;

namespace NetiquetteML.Tests.Hostile;

/// <summary>Everything the commands print or write, after comments full of personal information, is searched for it.</summary>
[Collection(CliCollection.Name)]
public class PrivacyTests
{
    private static readonly string[] Secrets =
    [
        "819-555-0142", "(819) 555-0199", "8195550123", "jean.tremblay@gmail.com", "046 454 286", "4539 1488 0343 6467",
        "88 chemin du Lac-Parent",
    ];

    private const string Header = "id,post,text,offensive,off_topic,political,commercial";

    private static string LabelledFileWithSecrets(TempDirectory dir) => dir.Write("pii.csv", Header + "\n" + string.Join("\n",
    [
        "p1,Collecte des encombrants,\"Appelez-moi au 819-555-0142 pour le sofa, 50$\",0,1,0,1",
        "p2,Collecte des encombrants,\"Mon cell (819) 555-0199, texte moi tabarnak\",1,1,0,0",
        "p3,,\"écrivez à jean.tremblay@gmail.com ou au 8195550123\",0,1,0,0",
        "p4,Taxes municipales,\"Mon NAS c'est 046 454 286, pouvez-vous vérifier mon compte?\",0,0,0,0",
        "p5,Taxes municipales,\"Payez avec ma carte 4539 1488 0343 6467 svp\",0,0,0,0",
        "p6,Déneigement,\"Le banc de neige devant le 88 chemin du Lac-Parent bloque tout\",0,0,0,0",
    ]) + "\n");

    [Fact]
    public void Score_evaluate_suggest_and_errors_never_print_personal_information_in_clear()
    {
        using var dir = new TempDirectory();
        var data = LabelledFileWithSecrets(dir);
        var model = TrainedBundle.Shared.Directory;
        var output = dir.File("scored.csv");

        var outputs = new List<string>
        {
            CliRunner.Run("score", "--input", data, "--model", model, "--output", output).All,
            CliRunner.Run("score", "--input", data, "--model", model).All,
            CliRunner.Run("evaluate", "--model", model, "--data", data).All,
            CliRunner.Run("score", "--text", "Mon numéro est 819-555-0142 et mon courriel jean.tremblay@gmail.com", "--model", model).All,
            // A label cell holding a phone number: the validation error must not repeat it.
            CliRunner.Run("train", "--data", dir.Write("badlabel.csv", Header + "\nx,p,allo,819-555-0142,0,0,0\n"), "--output", dir.File("b")).All,
            CliRunner.Run("score", "--input", dir.Write("missing.csv", "id,texte\n1,819-555-0142\n"), "--model", model).All,
            CliRunner.Run("suggest", "--input", data, "--model", model, "--count", "6").All,
        };
        outputs.Add(File.ReadAllText(output));

        foreach (var text in outputs)
            foreach (var secret in Secrets)
                Assert.DoesNotContain(secret, text);
        Assert.Contains("[TÉLÉPHONE]", string.Concat(outputs));
    }

    [Fact]
    public void Suggest_file_keeps_the_text_for_the_labeller()
    {
        using var dir = new TempDirectory();
        var output = dir.File("to-label.csv");
        var result = CliRunner.Run("suggest", "--input", LabelledFileWithSecrets(dir), "--model", TrainedBundle.Shared.Directory, "--count", "6", "--output", output);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("819-555-0142", File.ReadAllText(output));
        Assert.DoesNotContain("819-555-0142", result.All);
    }
}
