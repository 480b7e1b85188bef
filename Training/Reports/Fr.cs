using System.Globalization;

namespace NetiquetteML.Training.Reports;

/// <summary>Numbers as a French-speaking reader writes them (decimal comma), for reports and notebooks.</summary>
public static class Fr
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-CA");

    public static string N2(double x) => x.ToString("0.00", Culture);

    public static string N3(double x) => x.ToString("0.000", Culture);

    public static string Int(int x) => x.ToString("#,0", Culture);

    /// <summary>A percentage with one decimal, e.g. « 12,5 % ».</summary>
    public static string Percent(double x) => (x * 100).ToString("0.0", Culture) + " %";

    /// <summary>A signed difference with three decimals, e.g. « +0,012 », « −0,030 », « = ».</summary>
    public static string Delta(double x)
    {
        var rounded = Math.Round(x, 3);
        if (rounded == 0) return "=";
        return (rounded > 0 ? "+" : "−") + Math.Abs(rounded).ToString("0.000", Culture);
    }

    public static string DeltaInt(int x) => x == 0 ? "=" : (x > 0 ? "+" : "−") + Math.Abs(x).ToString("#,0", Culture);

    public static string YesNo(bool b) => b ? "oui" : "non";
}
