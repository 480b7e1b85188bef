using ScottPlot;

namespace NetiquetteML.Training.Reports;

/// <summary>The report's PNG charts, drawn with ScottPlot; labels in French.</summary>
public static class ReportCharts
{
    public const int Width = 640;
    public const int Height = 480;

    /// <summary>Precision against recall over every threshold, with the bundle's operating points marked.</summary>
    public static void PrecisionRecall(string path, string title, IReadOnlyList<(double Threshold, double Precision, double Recall)> curve,
        ThresholdPoint flag, ThresholdPoint? remove, int positives)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("Rappel");
        plot.YLabel("Précision");
        if (positives > 0 && curve.Count > 0)
        {
            // Start at the top-left so the curve reads from the strictest threshold down.
            var recall = new[] { 0.0 }.Concat(curve.Select(p => p.Recall)).ToArray();
            var precision = new[] { curve[0].Precision }.Concat(curve.Select(p => p.Precision)).ToArray();
            var line = plot.Add.Scatter(recall, precision, Colors.SteelBlue);
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.LegendText = "Toutes les valeurs de seuil";

            AddPoint(plot, flag, Colors.DarkOrange, MarkerShape.FilledCircle, $"Seuil « à vérifier » ({Fr.N2(flag.Threshold)})");
            if (remove is not null) AddPoint(plot, remove, Colors.Crimson, MarkerShape.FilledSquare, $"Seuil « retrait » ({Fr.N2(remove.Threshold)})");
            plot.ShowLegend(Alignment.LowerLeft);
        }
        else
        {
            plot.Add.Text("Aucun exemple positif dans ces données", 0.1, 0.5);
        }
        plot.Axes.SetLimits(0, 1.02, 0, 1.05);
        FrenchTicks(plot);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Reliability diagram: mean predicted probability against observed rate, per probability bin.</summary>
    public static void Calibration(string path, string title, IReadOnlyList<CalibrationBin> bins)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("Probabilité prédite (moyenne de la tranche)");
        plot.YLabel("Proportion réellement positive");
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "Calibration parfaite";
        if (bins.Count > 0)
        {
            var points = plot.Add.Scatter(bins.Select(b => b.MeanProbability).ToArray(), bins.Select(b => b.ObservedRate).ToArray(), Colors.SteelBlue);
            points.MarkerSize = 9;
            points.LineWidth = 1.5f;
            points.LegendText = "Modèle (une tranche de 0,1 par point)";
        }
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        FrenchTicks(plot);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Decimal commas on both axes, as the rest of the report.</summary>
    private static void FrenchTicks(Plot plot)
    {
        static string Label(double value) => value.ToString("0.##", Fr.Culture);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Label };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Label };
    }

    private static void AddPoint(Plot plot, ThresholdPoint point, Color color, MarkerShape shape, string legend)
    {
        var marker = plot.Add.Scatter(new[] { point.Recall }, new[] { point.Precision }, color);
        marker.MarkerSize = 13;
        marker.MarkerShape = shape;
        marker.LineWidth = 0;
        marker.LegendText = legend;
    }
}
