using Microsoft.ML;
using Microsoft.ML.Data;
using NetiquetteML.Scoring;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;
using NetiquetteML.Training.Learning;

namespace NetiquetteML.Tests.Data;

/// <summary>
/// The complaint column is optional (LABELS.md version 2): a file without it says nothing about
/// complaints, so its rows neither teach the complaint model nor count for or against it.
/// </summary>
public class OptionalComplaintLabelTests
{
    private const string Header = "id,post,text,offensive,off_topic,political,commercial";

    [Fact]
    public void A_file_without_the_column_leaves_complaint_unknown()
    {
        using var dir = new TempDirectory();
        var file = LabelledCsvLoader.LoadOne(dir.Write("a.csv", $"{Header}\nx1,,Le lampadaire est brisé,0,0,0,0\n"));
        var row = Assert.Single(file.Rows);
        Assert.Null(row.Complaint);
        Assert.False(row.HasLabel(Category.Complaint));
        Assert.True(row.HasLabel(Category.Offensive));
        Assert.DoesNotContain(Category.Complaint, file.LabelColumns);
    }

    [Fact]
    public void A_file_with_the_column_reads_it_strictly()
    {
        using var dir = new TempDirectory();
        var file = LabelledCsvLoader.LoadOne(dir.Write("a.csv", $"{Header},complaint\nx1,,Le lampadaire est brisé,0,0,0,0,1\nx2,,Merci,0,0,0,0,0\n"));
        Assert.Equal([true, false], file.Rows.Select(r => r.Complaint!.Value));
        Assert.Contains(Category.Complaint, file.LabelColumns);

        var bad = dir.Write("b.csv", $"{Header},complaint\nx1,,Le lampadaire est brisé,0,0,0,0,oui\n");
        var e = Assert.Throws<DataValidationException>(() => LabelledCsvLoader.LoadOne(bad));
        Assert.Contains(e.Problems, p => p.Line == 2 && p.Column == 8 && p.ColumnName == "complaint");
    }

    [Fact]
    public void Rows_without_the_label_do_not_teach_the_complaint_model()
    {
        var rows = new[]
        {
            new LabelledComment("x1", "", "Le lampadaire est brisé", false, false, false, false, "a.csv", 2) { Complaint = true },
            new LabelledComment("x2", "", "Merci", false, false, false, false, "b.csv", 2),
        };
        var inputs = ModelTrainer.ToInputs(rows);
        var space = FeatureSelection.Fit(inputs, rows, new FeatureOptions { MinimumDocuments = 1, Lexicon = TrainedBundle.SharedLexicon.Value });
        var view = TrainingRow.Load(new Microsoft.ML.MLContext(1), space, inputs, rows);
        var weights = view.GetColumn<float>(TrainingRow.WeightColumn(Category.Complaint)!).ToArray();
        Assert.Equal([1f, 0f], weights);
        Assert.Null(TrainingRow.WeightColumn(Category.Offensive));
    }

    [Fact]
    public void The_complaint_learner_reads_the_weights_so_unlabelled_rows_cannot_outvote_labelled_ones()
    {
        // Labelled: broken street lights are complaints, thanks are not. Unlabelled (a file without
        // the column): many more broken lights, read as complaint 0 — they must weigh nothing.
        var labelled = Enumerable.Range(0, 12).SelectMany(i => new[]
        {
            new LabelledComment($"p{i}", "", $"Le lampadaire brisé devant le {i + 10} rue Principale, réparez-le", false, false, false, false, "a.csv", i + 2) { Complaint = true },
            new LabelledComment($"n{i}", "", $"Merci bravo pour la fête numéro {i}", false, false, false, false, "a.csv", i + 40) { Complaint = false },
        });
        var unlabelled = Enumerable.Range(0, 80).Select(i =>
            new LabelledComment($"u{i}", "", $"Le lampadaire brisé au coin {i}, réparez-le", false, false, false, false, "b.csv", i + 2));
        var rows = labelled.Concat(unlabelled).ToList();
        var inputs = ModelTrainer.ToInputs(rows);
        var space = FeatureSelection.Fit(inputs, rows, new FeatureOptions { MinimumDocuments = 1, Lexicon = TrainedBundle.SharedLexicon.Value });
        var ml = new MLContext(1);
        var view = TrainingRow.Load(ml, space, inputs, rows);
        var model = Learners.Create(ml, LearnerKind.SdcaLogisticRegression, TrainingRow.LabelColumn(Category.Complaint), new LearnerSettings(), 1,
            TrainingRow.WeightColumn(Category.Complaint)).Fit(view);
        var probe = new[] { new LabelledComment("t", "", "Le lampadaire brisé est encore éteint, réparez-le", false, false, false, false, "t.csv", 2) };
        var score = model.Transform(TrainingRow.Load(ml, space, ModelTrainer.ToInputs(probe), probe)).GetColumn<float>("Score").Single();
        // Without the weights the same data gives about −6.
        Assert.True(score > 0, $"raw complaint score {score}: the unlabelled rows outvoted the labelled ones");
    }

    [Fact]
    public void Rows_without_the_label_are_not_counted_in_complaint_metrics()
    {
        var shared = TrainedBundle.Shared;
        var labelled = shared.Rows.Take(40).ToList();
        var unlabelled = shared.Rows.Skip(40).Take(25).Select(r => r with { Complaint = null }).ToList();
        var metrics = BundleEvaluator.Metrics(BundleEvaluator.Score(shared.Scorer, [.. labelled, .. unlabelled]));
        Assert.Equal(40, metrics[Category.Complaint.Name()].Rows);
        Assert.Equal(65, metrics[Category.Offensive.Name()].Rows);
    }
}
