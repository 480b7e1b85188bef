using System.Text.RegularExpressions;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Reports;
using SkiaSharp;
using Xunit.Abstractions;

namespace NetiquetteML.Tests.Reports;

/// <summary>Opens report.html in headless Chromium: it must render, with every embedded chart decoded.</summary>
[Collection(CliCollection.Name)]
public partial class ReportRenderingTests(ITestOutputHelper output)
{
    [ChromiumFact]
    public void Report_renders_in_headless_chromium_with_all_its_images()
    {
        using var dir = new TempDirectory();
        var data = dir.File("rows.csv");
        SampleCsv.Write(data, TrainedBundle.Shared.Rows.Take(200));
        var folder = dir.File("report");
        var result = CliRunner.Run("report", "--model", TrainedBundle.Shared.Directory, "--data", data, "--output", folder);
        Assert.True(result.ExitCode == 0, result.All);
        var page = Path.Combine(folder, PrecisionReport.HtmlFile);

        // 1. The DOM after load: the page's own script counts the images that decoded (naturalWidth > 0).
        var dom = Chromium.Run(page, dir.File("profile-dom"), "--dump-dom", "--virtual-time-budget=5000");
        output.WriteLine($"chromium --dump-dom: exit {dom.ExitCode} in {dom.Elapsed.TotalSeconds:0.0} s");
        Assert.False(dom.TimedOut, "chromium --dump-dom timed out: " + dom.Error);
        Assert.True(dom.ExitCode == 0, dom.All);
        var body = BodyTag().Match(dom.Out);
        Assert.True(body.Success, "no <body> in the dumped DOM: " + dom.All[..Math.Min(2000, dom.All.Length)]);
        // Two charts per category (precision-recall and calibration).
        var charts = 2 * NetiquetteML.Scoring.Categories.All.Count;
        Assert.Equal(charts.ToString(), Attribute(body.Value, "data-images-total"));
        Assert.Equal(charts.ToString(), Attribute(body.Value, "data-images-loaded"));
        Assert.Equal(charts, DataImage().Count(dom.Out));
        Assert.Contains("Rapport de précision", dom.Out);

        // 2. A screenshot: a real page with text, tables and coloured charts, not a blank or error page.
        var screenshot = dir.File("report.png");
        var shot = Chromium.Run(page, dir.File("profile-shot"), $"--screenshot={screenshot}", "--window-size=1200,2000");
        output.WriteLine($"chromium --screenshot: exit {shot.ExitCode} in {shot.Elapsed.TotalSeconds:0.0} s");
        Assert.False(shot.TimedOut, "chromium --screenshot timed out: " + shot.Error);
        Assert.True(File.Exists(screenshot), "no screenshot written: " + shot.All);
        using var bitmap = SKBitmap.Decode(screenshot);
        Assert.NotNull(bitmap);
        Assert.Equal(1200, bitmap.Width);
        Assert.Equal(2000, bitmap.Height);
        var colours = new HashSet<uint>();
        var nonWhite = 0;
        for (var y = 0; y < bitmap.Height; y += 4)
        {
            for (var x = 0; x < bitmap.Width; x += 4)
            {
                var c = bitmap.GetPixel(x, y);
                colours.Add((uint)c);
                if (c.Red < 240 || c.Green < 240 || c.Blue < 240) nonWhite++;
            }
        }
        output.WriteLine($"screenshot: {colours.Count} colours, {nonWhite} non-white samples");
        Assert.True(colours.Count > 50, $"the screenshot has only {colours.Count} colours: blank page?");
        Assert.True(nonWhite > 2000, $"the screenshot is almost empty ({nonWhite} non-white samples)");
    }

    private static string? Attribute(string tag, string name)
    {
        var m = Regex.Match(tag, name + "=\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("<body[^>]*>")]
    private static partial Regex BodyTag();

    [GeneratedRegex("<img src=\"data:image/png;base64,[A-Za-z0-9+/=]{100,}\"")]
    private static partial Regex DataImage();
}
