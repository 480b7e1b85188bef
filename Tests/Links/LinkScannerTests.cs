using NetiquetteML.Scoring.Links;

namespace NetiquetteML.Tests.Links;

public class LinkScannerTests
{
    private static readonly LinkScanner Scanner = new(new LinkPolicy());

    [Fact]
    public void Every_link_comes_with_its_domain_and_offsets_in_the_original_text()
    {
        const string text = "Voir https://www.Promo-Pneus.com/hiver?x=1, ou www.ville.senneterre.qc.ca/loisirs et arnaque.shop.";
        var links = Scanner.Find(text);
        Assert.Equal(["promo-pneus.com", "ville.senneterre.qc.ca", "arnaque.shop"], links.Select(l => l.Domain));
        foreach (var link in links) Assert.Equal(link.Url, text.Substring(link.Start, link.Length));
        Assert.Equal("https://www.Promo-Pneus.com/hiver?x=1", links[0].Url);
        Assert.Equal("arnaque.shop", links[2].Url);
    }

    [Theory]
    [InlineData("https://ville.senneterre.qc.ca/avis", true)]
    [InlineData("https://www.quebec.gouv.qc.ca/fr/programme", true)]
    [InlineData("gouv.qc.ca", true)]
    [InlineData("https://faux-gouv.qc.ca.arnaque.com/login", false)]
    [InlineData("https://pasgouv.qc.ca/login", false)]
    [InlineData("https://www.kijiji.ca/v-pneus", false)]
    public void The_allow_list_covers_the_town_the_government_and_their_sub_domains_only(string url, bool allowed) =>
        Assert.Equal(allowed, Assert.Single(Scanner.Find("Lien : " + url)).Allowed);

    [Theory]
    [InlineData("https://bit.ly/3xYz")]
    [InlineData("tinyurl.com/promo")]
    [InlineData("https://t.co/abc")]
    public void Shortened_links_are_flagged_and_never_allowed(string url)
    {
        var link = Assert.Single(Scanner.Find("Cliquez " + url + " vite"));
        Assert.True(link.Shortened);
        Assert.False(link.Allowed);
        Assert.True(link.Outside);
    }

    [Fact]
    public void A_partner_added_in_the_policy_is_allowed()
    {
        var scanner = new LinkScanner(new LinkPolicy { AllowedDomains = [.. LinkPolicy.DefaultAllowedDomains, "mrcvo.qc.ca"] });
        Assert.True(Assert.Single(scanner.Find("https://www.mrcvo.qc.ca/collectes")).Allowed);
    }

    [Theory]
    [InlineData("Écrivez à info@ville.senneterre.qc.ca ou à julie.tremblay@gmail.com")]
    [InlineData("C'est fini. Merci à tous.")]
    [InlineData("Le règlement 2024.05 est adopté")]
    [InlineData("")]
    public void E_mail_addresses_sentences_and_numbers_are_not_links(string text) => Assert.Empty(Scanner.Find(text));
}
