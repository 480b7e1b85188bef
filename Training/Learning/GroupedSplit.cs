using System.Security.Cryptography;
using System.Text;
using NetiquetteML.Training.Data;

namespace NetiquetteML.Training.Learning;

/// <summary>
/// Splits rows by the post they answer, so no post is on both sides: a model must judge
/// comments under posts it has never seen. Assignment hashes the post with the seed, so it is
/// reproducible and a post keeps its side when new labelled files are added.
/// </summary>
public static class GroupedSplit
{
    /// <summary>The group of a row: its post, or the row itself when the post is unknown, unless the row names its group.</summary>
    public static string GroupOf(LabelledComment row) =>
        row.Group ?? (string.IsNullOrWhiteSpace(row.Post) ? "id:" + row.Id : "post:" + row.Post.Trim());

    /// <summary>A stable number in [0, 1) for a group.</summary>
    public static double Position(string group, int seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\u001f{group}"));
        return BitConverter.ToUInt64(hash, 0) / (double)ulong.MaxValue;
    }

    public static (List<LabelledComment> Train, List<LabelledComment> Test) TrainTest(
        IReadOnlyList<LabelledComment> rows, double testFraction, int seed)
    {
        var train = new List<LabelledComment>();
        var test = new List<LabelledComment>();
        foreach (var row in rows)
        {
            (Position(GroupOf(row), seed) < testFraction ? test : train).Add(row);
        }
        return (train, test);
    }

    /// <summary>Fold index per row for grouped k-fold cross-validation.</summary>
    public static int[] Folds(IReadOnlyList<LabelledComment> rows, int folds, int seed)
    {
        var result = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var p = Position(GroupOf(rows[i]), seed + 7919);
            result[i] = Math.Min(folds - 1, (int)(p * folds));
        }
        return result;
    }
}
