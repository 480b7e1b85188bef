using NetiquetteML.Scoring;

namespace NetiquetteML.Tests.Support;

/// <summary>The bundle in service (Models/netiquette), loaded once for the tests that need its real verdicts.</summary>
public static class ShippedScorer
{
    private static readonly Lazy<NetiquetteScorer> Instance = new(() => NetiquetteScorer.Load(Repo.ShippedBundle), LazyThreadSafetyMode.ExecutionAndPublication);

    public static NetiquetteScorer Shared => Instance.Value;
}
