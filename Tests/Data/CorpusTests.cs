using System.Text.RegularExpressions;
using NetiquetteML.Scoring;
using NetiquetteML.Scoring.Bundles;
using NetiquetteML.Tests.Support;
using NetiquetteML.Training.Data;
using NetiquetteML.Training.Learning;
using Xunit.Abstractions;

namespace NetiquetteML.Tests.Data;

/// <summary>Checks over the shipped corpus and the shipped bundle, as they are committed.</summary>
public class CorpusTests(ITestOutputHelper output)
{
    // The whole corpus: parts A to H (comments.csv) and every other file of Data/ (parts I to P).
    private static readonly Lazy<IReadOnlyList<LabelledComment>> Rows = new(() =>
        LabelledCsvLoader.LoadAll(DataHash.DefaultFiles(Repo.DataDirectory)).SelectMany(f => f.Rows).ToList());

    [Fact]
    public void Shipped_corpus_loads_without_a_single_error()
    {
        Assert.True(Rows.Value.Count >= 5000, $"{Rows.Value.Count} rows");
    }

    [Fact]
    public void Every_data_file_follows_the_contract()
    {
        var files = DataHash.DefaultFiles(Repo.DataDirectory);
        Assert.NotEmpty(files);
        LabelledCsvLoader.LoadAll(files);
    }

    [Fact]
    public void Near_duplicates_stay_under_one_percent_of_rows()
    {
        var texts = Rows.Value.Select(r => r.Text).ToList();
        var pairs = NearDuplicateFinder.Find(texts, 0.8);
        var rowsInPairs = pairs.SelectMany(p => new[] { p.First, p.Second }).Distinct().Count();
        output.WriteLine($"{pairs.Count} pairs with 5-gram Jaccard >= 0.8, touching {rowsInPairs} of {texts.Count} rows");
        foreach (var p in pairs.Take(20)) output.WriteLine($"  {p.Jaccard:0.00}  {Rows.Value[p.First].Id} ~ {Rows.Value[p.Second].Id}");
        Assert.True(rowsInPairs <= texts.Count / 100, $"{rowsInPairs} rows are in near-duplicate pairs");
    }


    [Fact]
    public void Every_corpus_row_labels_complaint()
    {
        // The column is optional in the contract, but the shipped corpus sets it everywhere.
        Assert.All(Rows.Value, r => Assert.True(r.Complaint.HasValue, r.Id));
    }

    [Fact]
    public void Evaluation_sets_repeat_no_text_of_the_corpus()
    {
        // What the models are checked on must never be a near copy of what they learned from.
        var evaluation = Directory.GetFiles(Path.Combine(Repo.Root, "Evaluation"), "*.csv")
            .SelectMany(f => LabelledCsvLoader.LoadPartlyLabelled(f).Rows).ToList();
        var groups = new[] { Rows.Value, evaluation };
        var texts = groups.SelectMany(g => g.Select(r => r.Text)).ToList();
        var group = groups.SelectMany((g, i) => g.Select(_ => i)).ToList();
        var crossing = NearDuplicateFinder.Find(texts, 0.8).Where(p => group[p.First] != group[p.Second]).ToList();
        foreach (var p in crossing.Take(10)) output.WriteLine($"  {p.Jaccard:0.00}  {texts[p.First]} ~ {texts[p.Second]}");
        Assert.Empty(crossing);
    }

    [Fact]
    public void Independent_set_carries_every_label_change_of_its_version_2_audit()
    {
        // Evaluation/README.md: the changes are decided row by row and listed; the set must hold them.
        var set = LabelledCsvLoader.LoadPartlyLabelled(Path.Combine(Repo.Root, "Evaluation", "independent.csv")).Rows.ToDictionary(r => r.Id);
        var changes = File.ReadAllLines(Path.Combine(Repo.Root, "Evaluation", "audit", "independent-v2.csv")).Skip(1)
            .Select(line => line.Split(',')).ToList();
        Assert.Equal(24, changes.Count);
        foreach (var change in changes)
        {
            var (id, column, after) = (change[0], change[1], change[3]);
            Assert.True(Categories.TryParse(column, out var category), column);
            Assert.True(set[id].Label(category) == (after == "1"), $"{id}: {column} should be {after}");
        }
    }

    [Fact]
    public void Corpus_carries_the_last_decision_of_every_label_audit()
    {
        // Data/README.md: each audit is decided row by row and listed in Data/audit/label-audit-*.csv;
        // a later reading (12b after 12) may decide a row again, and its decision is the one that holds.
        var corpus = Rows.Value.ToDictionary(r => r.Id);
        var decisions = new Dictionary<(string Id, string Column), string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.DataDirectory, "audit"), "label-audit-*.csv").Order(StringComparer.Ordinal))
            foreach (var line in File.ReadAllLines(file).Skip(1))
            {
                var fields = line.Split(',', 6);   // id,rule,column,before,after,reason — only the reason may hold commas
                decisions[(fields[0], fields[2])] = fields[4];
            }
        Assert.True(decisions.Count > 350, $"{decisions.Count} decisions");
        foreach (var ((id, column), after) in decisions)
        {
            Assert.True(Categories.TryParse(column, out var category), column);
            Assert.True(corpus[id].Label(category) == (after == "1"), $"{id}: {column} should be {after}");
        }
        var partisanReading = File.ReadAllLines(Path.Combine(Repo.DataDirectory, "audit", "label-audit-2026-12b.csv")).Skip(1).Select(l => l.Split(',', 6)).ToList();
        Assert.Equal((262, 158), (partisanReading.Count, partisanReading.Count(f => f[3] == "0" && f[4] == "1")));
    }

    [Fact]
    public void Near_duplicate_finder_catches_a_swapped_word_template()
    {
        var texts = new[]
        {
            "Le déneigement de la 4e Rue est vraiment mal fait cette année, c'est dangereux pour les enfants qui marchent à l'école le matin.",
            "Le déneigement de la 9e Rue est vraiment mal fait cette année, c'est dangereux pour les enfants qui marchent à l'école le matin.",
            "Merci pour l'info, je vais passer à l'écocentre samedi matin avec ma remorque.",
        };
        var pair = Assert.Single(NearDuplicateFinder.Find(texts, 0.8));
        Assert.Equal((0, 1), (pair.First, pair.Second));
    }

    [Fact]
    public void Corpus_meets_its_mix_targets()
    {
        var rows = Rows.Value;
        Assert.True(rows.Select(r => r.Post).Where(p => p.Length > 0).Distinct().Count() >= 150);
        foreach (var category in Categories.All)
            Assert.True(rows.Count(r => r.Label(category)) >= 600, category.Name());
        var acceptable = rows.Count(r => Categories.All.All(c => !r.Label(c)));
        Assert.InRange(acceptable, rows.Count * 0.30, rows.Count * 0.50);
    }

    [Fact]
    public void Datasheet_counts_match_the_file()
    {
        var datasheet = File.ReadAllText(Path.Combine(Repo.DataDirectory, "README.md"));
        var counts = Regex.Matches(datasheet, @"^\|\s*`([a-z_+ ()]+)`\s*\|\s*(\d+)\s*\|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value.Trim(), m => int.Parse(m.Groups[2].Value));
        var rows = Rows.Value;
        var expected = new Dictionary<string, int>
        {
            ["rows"] = rows.Count,
            ["posts"] = rows.Select(r => r.Post).Where(p => p.Length > 0).Distinct().Count(),
            ["acceptable"] = rows.Count(r => Categories.All.All(c => !r.Label(c))),
            ["rows (parts a to h)"] = rows.Count(r => r.Part is [>= 'A' and <= 'H']),
            ["rows (parts i to s)"] = rows.Count(r => r.Part is [>= 'I' and <= 'S']),
            ["rows (parts t and u)"] = rows.Count(r => r.Part is "T" or "U"),
            ["rows (parts v to x)"] = rows.Count(r => r.Part is [>= 'V' and <= 'X']),
            ["rows (parts y and z)"] = rows.Count(r => r.Part is "Y" or "Z"),
            ["complaint (parts a to h)"] = rows.Count(r => r.Part is [>= 'A' and <= 'H'] && r.Label(Category.Complaint)),
            ["complaint (parts i to s)"] = rows.Count(r => r.Part is [>= 'I' and <= 'S'] && r.Label(Category.Complaint)),
            ["complaint (parts t and u)"] = rows.Count(r => r.Part is "T" or "U" && r.Label(Category.Complaint)),
            ["complaint (parts v to x)"] = rows.Count(r => r.Part is [>= 'V' and <= 'X'] && r.Label(Category.Complaint)),
            ["complaint (parts y and z)"] = rows.Count(r => r.Part is "Y" or "Z" && r.Label(Category.Complaint)),
            ["off_topic (parts v to x)"] = rows.Count(r => r.Part is [>= 'V' and <= 'X'] && r.Label(Category.OffTopic)),
            ["rows (parts ab and ac)"] = rows.Count(r => r.Part is "AB" or "AC"),
            ["off_topic (parts ab and ac)"] = rows.Count(r => r.Part is "AB" or "AC" && r.Label(Category.OffTopic)),
            ["rows (parts ad to af)"] = rows.Count(r => r.Part is "AD" or "AE" or "AF"),
            ["off_topic (parts ad to af)"] = rows.Count(r => r.Part is "AD" or "AE" or "AF" && r.Label(Category.OffTopic)),
            ["rows (parts ag to ai)"] = rows.Count(r => r.Part is "AG" or "AH" or "AI"),
            ["off_topic (parts ag to ai)"] = rows.Count(r => r.Part is "AG" or "AH" or "AI" && r.Label(Category.OffTopic)),
            ["rows (parts aj to al)"] = rows.Count(r => r.Part is "AJ" or "AK" or "AL"),
            ["off_topic (parts aj to al)"] = rows.Count(r => r.Part is "AJ" or "AK" or "AL" && r.Label(Category.OffTopic)),
        };
        foreach (var c in Categories.All) expected[c.Name()] = rows.Count(r => r.Label(c));
        foreach (var a in Categories.All)
            foreach (var b in Categories.All.Where(b => b > a))
                expected[$"{a.Name()}+{b.Name()}"] = rows.Count(r => r.Label(a) && r.Label(b));
        foreach (var (name, count) in expected)
        {
            Assert.True(counts.ContainsKey(name), $"the datasheet has no count for `{name}`");
            Assert.True(count == counts[name], $"`{name}`: datasheet says {counts[name]}, file has {count}");
        }
    }

    [Fact]
    public void Committed_bundle_was_trained_on_the_data_in_the_repository()
    {
        var manifest = ModelBundle.ReadVerifiedManifest(Repo.ShippedBundle);
        var files = DataHash.Describe(LabelledCsvLoader.LoadAll(DataHash.DefaultFiles(Repo.DataDirectory)));
        Assert.True(files.Sha256 == manifest.TrainingData.Sha256,
            "Data/ changed since Models/netiquette was trained: run `dotnet run --project Training -c Release -- train` and commit the bundle.");
    }

    [Fact]
    public void Evaluating_the_shipped_bundle_reproduces_its_manifest_metrics()
    {
        var scorer = NetiquetteScorer.Load(Repo.ShippedBundle);
        var manifest = scorer.Bundle.Manifest;
        var ids = manifest.Split.TestIds.ToHashSet();
        var rows = LabelledCsvLoader.LoadAll(DataHash.DefaultFiles(Repo.DataDirectory)).SelectMany(f => f.Rows).Where(r => ids.Contains(r.Id)).ToList();
        Assert.Equal(ids.Count, rows.Count);
        var metrics = BundleEvaluator.Metrics(BundleEvaluator.Score(scorer, rows));
        foreach (var category in Categories.All)
        {
            var recorded = manifest.For(category).Test!;
            var measured = metrics[category.Name()];
            Assert.Equal(recorded.AveragePrecision, measured.AveragePrecision, 6);
            Assert.Equal(recorded.Precision, measured.Precision, 6);
            Assert.Equal(recorded.Recall, measured.Recall, 6);
            Assert.Equal(recorded.TruePositives, measured.TruePositives);
            Assert.Equal(recorded.FalsePositives, measured.FalsePositives);
        }
    }
}
