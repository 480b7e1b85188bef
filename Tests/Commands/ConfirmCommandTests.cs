using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Policy;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Tests.Commands;

[Collection(CliCollection.Name)]
public class ConfirmCommandTests
{
    private static IReadOnlyList<NetiquetteML.Training.Data.LabelledComment> HeldOut()
    {
        var ids = TrainedBundle.Shared.Scorer.Bundle.Manifest.Split.TestIds.ToHashSet();
        return TrainedBundle.Shared.Rows.Where(r => ids.Contains(r.Id)).ToList();
    }

    [Fact]
    public void Confirm_allows_automatic_removal_only_where_the_page_labels_bear_it_out()
    {
        using var dir = new TempDirectory();
        var rows = HeldOut();
        var data = dir.File("page.csv");
        SampleCsv.Write(data, rows);
        var policyFile = dir.File("policy.json");

        var result = CliRunner.Run("confirm", "--data", data, "--output", policyFile, "--model", TrainedBundle.Shared.Directory,
            "--min-precision", "0.9", "--min-removed", "5");
        Assert.True(result.ExitCode == 0, result.All);

        // The expectation is counted here from the probabilities and labels, not by the command's code.
        var manifest = TrainedBundle.Shared.Scorer.Bundle.Manifest;
        var expected = new List<string>();
        foreach (var category in Categories.All.Where(c => c != Category.OffTopic))
        {
            var t = manifest.For(category).Thresholds;
            var above = rows.Where(r => t.RemoveTargetReached && TrainedBundle.Shared.Scorer.Score(r.ToComment())[category].Probability >= t.Remove).ToList();
            if (above.Count >= 5 && above.Count(r => r.Label(category)) >= 0.9 * above.Count) expected.Add(category.Name());
        }
        Assert.NotEmpty(expected);   // else the test could not tell a command that confirms nothing
        var policy = ModerationPolicy.FromJsonFile(policyFile);
        Assert.Equal(expected, policy.AutoRemoveCategories);
        Assert.DoesNotContain("off_topic", policy.AutoRemoveCategories);
        Assert.Equal(manifest.Name, policy.Confirmation!.Bundle);
        Assert.Contains("retrait automatique", result.Out);
    }

    [Fact]
    public void Confirm_with_a_precision_nobody_reaches_leaves_every_category_to_review_and_keeps_other_settings()
    {
        using var dir = new TempDirectory();
        var data = dir.File("page.csv");
        SampleCsv.Write(data, HeldOut());
        var policyFile = dir.Write("policy.json", """{ "shoutingAction": "Allow", "autoRemoveCategories": ["offensive"] }""");
        var result = CliRunner.Run("confirm", "--data", data, "--output", policyFile, "--model", TrainedBundle.Shared.Directory,
            "--min-precision", "1.0", "--min-removed", "100000");
        Assert.True(result.ExitCode == 0, result.All);
        var policy = ModerationPolicy.FromJsonFile(policyFile);
        Assert.Empty(policy.AutoRemoveCategories);
        Assert.Equal(ModerationAction.Allow, policy.ShoutingAction);
    }

    [Fact]
    public void Confirm_refuses_a_file_the_bundle_was_trained_on()
    {
        using var dir = new TempDirectory();
        var result = CliRunner.Run("confirm", "--data", TrainedBundle.Shared.DataFile, "--output", dir.File("policy.json"), "--model", TrainedBundle.Shared.Directory);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("trained on", result.Error);
        Assert.False(File.Exists(dir.File("policy.json")));
    }
}
