using CsCheck;
using NetiquetteML.Scoring.History;

namespace NetiquetteML.Tests.History;

public class TextSignatureTests
{
    private static readonly HistoryKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly HistoryKey OtherKey = new(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    private const string Scam = "Gagnez 500 $ par jour en travaillant de la maison, écrivez-moi en privé pour les détails";

    private static TextSignature Sign(string text, HistoryKey? key = null) => TextSignature.Of(text, (key ?? Key).Seeds);

    [Theory]
    [InlineData("GAGNEZ 500 $ PAR JOUR EN TRAVAILLANT DE LA MAISON, ÉCRIVEZ-MOI EN PRIVÉ POUR LES DÉTAILS")]
    [InlineData("Gagnez 500$ par jour en travaillant de la maison!!! 💰💰💰 Écrivez-moi en privé pour les détails 👉")]
    [InlineData("gagnez 900 $ par jour en travaillant de la maison ecrivez moi en prive pour les details")]
    [InlineData("  Gagnez 500 $ par jour... en travaillant de la maison; écrivez-moi en privé pour les détails.  ")]
    public void Case_accents_emojis_punctuation_and_numbers_do_not_change_the_signature(string variant) =>
        Assert.Equal(1.0, Sign(variant).Similarity(Sign(Scam)));

    [Theory]
    [InlineData("Gagnez 500 $ par jour en travaillant de chez vous, écrivez-moi en privé pour les détails")]
    [InlineData("Gagnez 500 $ par jour en travaillant de la maisn, écrivez-moi en privé pour les détails")]
    [InlineData("Gagnez 500 $ par jour en travaillant de la maison, écrivez-moi en privé pour plus de détails")]
    public void A_small_edit_stays_above_the_threshold(string edited) =>
        Assert.True(Sign(edited).Similarity(Sign(Scam)) >= TextSignature.DefaultThreshold, $"{Sign(edited).Similarity(Sign(Scam)):0.00}");

    [Fact]
    public void Unrelated_comments_of_the_page_stay_far_below_the_threshold()
    {
        var rows = LabelledCsvSample();
        var signatures = rows.Select(t => Sign(t)).ToList();
        var above = 0;
        var pairs = 0;
        for (var i = 0; i < signatures.Count; i++)
        for (var j = i + 1; j < signatures.Count; j++)
        {
            pairs++;
            if (signatures[i].Similarity(signatures[j]) >= TextSignature.DefaultThreshold) above++;
        }
        // Distinct texts of the corpus (near-duplicates removed by the corpus tests): almost none look alike.
        Assert.True(above <= pairs / 1000, $"{above} of {pairs} pairs of distinct comments above the threshold");
    }

    [Fact]
    public void Short_courtesies_are_never_meaningful_content()
    {
        Assert.False(Sign("Merci!").IsMeaningful);
        Assert.False(Sign("Bravo à toute l'équipe 👏").IsMeaningful);
        Assert.True(Sign(Scam).IsMeaningful);
    }

    [Fact]
    public void Another_key_gives_another_signature_of_the_same_text() =>
        Assert.True(Sign(Scam, OtherKey).Similarity(Sign(Scam)) < 0.2);

    [Fact]
    public void The_bytes_round_trip_and_hold_no_letter_of_the_text()
    {
        var signature = Sign(Scam);
        var bytes = signature.ToBytes();
        Assert.Equal(1.0, TextSignature.FromBytes(bytes).Similarity(signature));
        Assert.DoesNotContain("maison", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Similarity_is_symmetric_and_one_with_itself() =>
        Gen.String[Gen.Char.AlphaNumeric, 0, 200].Select(Gen.String[Gen.Char.AlphaNumeric, 0, 200]).Sample((a, b) =>
        {
            var (sa, sb) = (Sign(a), Sign(b));
            Assert.Equal(1.0, sa.Similarity(sa));
            Assert.Equal(sa.Similarity(sb), sb.Similarity(sa));
        }, iter: 300);

    /// <summary>Signatures computed by the first version of the code, before its loops were rewritten: files already written must still match.</summary>
    [Theory]
    [InlineData("Gagnez 500 $ par jour en travaillant de la maison, écrivez-moi en privé pour les détails https://bit.ly/x", "6100F6C12D00AC763E04FF287C00E3D9A30136C71400AC6C69019F9C1B09E7ABAC008CDF470002252307F546B8007DFCFA000D6D5601BC36A300F1869304DB9F420047479005A6BCC90B68E10E0182908D000CE200080A89040263193901C71A7600D8C84902A27DF7000325D401B14E72005EAC0900A05C490124135500DE305200")]
    [InlineData("Merci!", "050091B00485A1D6585A8B98F095D1BA9B67AEEE187FC90A1DB3AB2729A83BAD1061BEBEF33DC155BF53D6342926DBDAA1BD7EBBADAE22807EC70DF99887095E2A493A6FA7357D2C519F1ACF8C53411C69F1DDCA5004C8F8EB4868D6D07655BE01682657213CE498FC8AEFB6D0315A72143A0A97CF0BB3128014DDFA285B2704609B")]
    [InlineData("abc", "03007403E8500C93F7DD8A2229988FB4CA358E3A1B73BC32EC77B6D3692F9B55E7E38A93F4568E840B2D4CE1484B45D3BF8185110B8BC693438F7E719610BB4B1617A96F1842D4A02843E8541883C5399021A54FB3A5224E395249FDD646716AD8F17216FB6FEC2838D68D9A0C13B613133673A640094B5592EA030694FFDF37DF3C")]
    [InlineData("", "0000FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")]
    [InlineData("Quand est-ce que la piscine municipale va rouvrir cet été? 😡 Personne ne répond.", "4C00E343CC057AD3000EF585A701708DBC0197B65A0076AB8D0631EBBF03FAF1DD028D1D790F5A578A01F546B80063C7930410C3020052CFBD038ED153025F5FD702C28693029E14360739EFDB02795D4E04FF9B000400B4E0086D39270A4D7AB905AD590102DE51370140658F087E955003D421150B942BF8013B13BF0545606506")]
    public void Signatures_are_those_already_stored_in_history_files(string text, string storedHex) =>
        Assert.Equal(storedHex, Convert.ToHexString(Sign(text).ToBytes()));

    [Fact]
    public void The_signature_is_the_minimum_of_each_keyed_hash_over_the_four_character_shingles() =>
        Gen.String[Gen.OneOf(Gen.Char.AlphaNumeric, Gen.Const(' '), Gen.Char['à', 'ÿ'], Gen.Const('!')), 0, 1200].Sample(text =>
        {
            var normalized = NetiquetteML.Scoring.Text.TextNormalizer.Normalize(text);
            Assert.Equal(Convert.ToHexString(ReferenceSignature(normalized)), Convert.ToHexString(Key.Signature(normalized).ToBytes()));
        }, iter: 300);

    [Fact]
    public void Similarity_counts_agreeing_minima_whether_stored_or_decoded() =>
        Gen.String[Gen.Char.AlphaNumeric, 30, 200].Select(Gen.String[Gen.Char.AlphaNumeric, 30, 200]).Sample((a, b) =>
        {
            var (sa, sb) = (Sign(a), Sign(b));
            var agreeing = Enumerable.Range(0, TextSignature.Hashes).Count(i =>
                BitConverter.ToUInt32(sa.ToBytes(), 2 + 4 * i) == BitConverter.ToUInt32(sb.ToBytes(), 2 + 4 * i));
            Assert.Equal(agreeing / (double)TextSignature.Hashes, sa.Similarity(sb));
            Assert.Equal(agreeing / (double)TextSignature.Hashes, sa.Similarity(sb.ToBytes()));
            Assert.Equal(agreeing >= 0.6 * TextSignature.Hashes, sa.IsSimilar(sb, 0.6));
        }, iter: 300);

    /// <summary>The definition, written plainly: letters and digits, one space between words, every 4-gram hashed (FNV-1a, SplitMix64 finaliser), 32 keyed minima.</summary>
    private static byte[] ReferenceSignature(string normalized)
    {
        var words = new System.Text.StringBuilder();
        var pending = false;
        foreach (var c in normalized)
        {
            if (!char.IsLetterOrDigit(c)) { pending = true; continue; }
            if (pending && words.Length > 0) words.Append(' ');
            pending = false;
            words.Append(c);
        }
        var content = words.ToString();
        var seeds = Key.Seeds;
        var (a, b) = (seeds.A, seeds.B);
        var minima = Enumerable.Repeat(uint.MaxValue, TextSignature.Hashes).ToArray();
        for (var start = 0; content.Length > 0 && start <= Math.Max(0, content.Length - 4); start++)
        {
            var h = 14695981039346656037UL;
            foreach (var c in content.Substring(start, Math.Min(4, content.Length - start))) h = (h ^ c) * 1099511628211UL;
            h ^= h >> 30; h *= 0xbf58476d1ce4e5b9UL;
            h ^= h >> 27; h *= 0x94d049bb133111ebUL;
            h ^= h >> 31;
            for (var i = 0; i < TextSignature.Hashes; i++) minima[i] = Math.Min(minima[i], (uint)((a[i] * h + b[i]) >> 32));
        }
        var bytes = new byte[TextSignature.StoredLength];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 2), (ushort)Math.Min(content.Length, ushort.MaxValue));
        for (var i = 0; i < TextSignature.Hashes; i++) BitConverter.TryWriteBytes(bytes.AsSpan(2 + 4 * i), minima[i]);
        return bytes;
    }

    private static List<string> LabelledCsvSample() =>
        NetiquetteML.Training.Data.LabelledCsvLoader.LoadOne(Support.Repo.Corpus).Rows
            .Where((_, i) => i % 25 == 0).Select(r => r.Text).Distinct().ToList();
}
