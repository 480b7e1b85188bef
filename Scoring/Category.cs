namespace NetiquetteML.Scoring;

/// <summary>The model categories of the labelling guide (shared/LABELS.md).</summary>
public enum Category
{
    Offensive,
    OffTopic,
    Political,
    Commercial,

    /// <summary>A complaint or service request (LABELS.md version 2): redirected to the town's office, never removed.</summary>
    Complaint,
}

public static class Categories
{
    public const int Count = 5;

    public static readonly IReadOnlyList<Category> All = [Category.Offensive, Category.OffTopic, Category.Political, Category.Commercial, Category.Complaint];

    /// <summary>The column name of the data contract and of the bundle's manifest.</summary>
    public static string Name(this Category category) => category switch
    {
        Category.Offensive => "offensive",
        Category.OffTopic => "off_topic",
        Category.Political => "political",
        Category.Commercial => "commercial",
        Category.Complaint => "complaint",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public static string ScoreColumn(this Category category) => category.Name() + "_score";

    public static bool TryParse(string name, out Category category)
    {
        foreach (var c in All)
        {
            if (c.Name() == name) { category = c; return true; }
        }
        category = default;
        return false;
    }
}
