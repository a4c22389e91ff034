using SgDesigner.Core.Model;
using SgDesigner.Core.Search;
using static SgDesigner.Core.Tests.Lint.TestEstate;

namespace SgDesigner.Core.Tests.Search;

public class RuleSearchTests
{
    // web: 443 from anywhere (v4 and v6), 8000-8100 from 10.0.0.0/8, everything from the office /24, ICMP from anywhere,
    // ssh from the bastion group; db: 5432 from web; bastion: 22 from the corp prefix list (10.1.0.0/16, 2001:db8::/32).
    private static readonly Estate Estate = Of(
        Group("sg-web", "web",
            Describe(In("sgr-https", "tcp", 443, 443, "0.0.0.0/0"), "HTTPS from the Internet"),
            In("sgr-https6", "tcp", 443, 443, "::/0"),
            In("sgr-range", "tcp", 8000, 8100, "10.0.0.0/8"),
            In("sgr-all", "-1", -1, -1, "203.0.113.0/24"),
            In("sgr-ping", "icmp", 8, -1, "0.0.0.0/0"),
            In("sgr-ssh", "tcp", 22, 22, "sg-bastion")),
        Group("sg-db", "db",
            Describe(In("sgr-pg", "tcp", 5432, 5432, "sg-web"), "PostgreSQL from WEB"),
            In("sgr-sub", "tcp", 5432, 5432, "10.1.2.0/24")),
        Group("sg-bastion", "bastion",
            In("sgr-corp", "tcp", 22, 22, "pl-corp"),
            In("sgr-corp6", "tcp", 22, 22, "pl-corp6"))) with
    {
        PrefixLists =
        [
            new PrefixList("pl-corp", "corp", IpFamily.V4, [Cidr.Parse("10.1.0.0/16").Value]),
            new PrefixList("pl-corp6", "corp-v6", IpFamily.V6, [Cidr.Parse("2001:db8::/32").Value]),
        ],
    };

    private static Rule Describe(Rule rule, string description) => rule with { Description = description };

    private static IReadOnlyList<RuleMatch> Find(string text)
    {
        var query = RuleQuery.Parse(text);
        Assert.True(query.IsOk, query.Error);
        return RuleSearch.Find(Estate, query.Value);
    }

    private static string[] Ids(string text) => [.. Find(text).Select(m => m.Rule.Id).Order(StringComparer.Ordinal)];

    private static string WhyOf(string text, string ruleId) => string.Join("; ", Find(text).Single(m => m.Rule.Id == ruleId).Why);

    [Fact]
    public void A_port_finds_rules_whose_range_covers_it_and_all_traffic_rules_but_not_icmp()
    {
        Assert.Equal(["sgr-all", "sgr-https", "sgr-https6"], Ids("443"));
        Assert.Equal(["sgr-all", "sgr-range"], Ids("8050"));
        Assert.Equal("tcp ports 8000-8100 cover 8050", WhyOf("8050", "sgr-range"));
        Assert.Equal("all traffic, every port", WhyOf("443", "sgr-all"));
        Assert.Equal("tcp port 443", WhyOf("443", "sgr-https"));
        Assert.Equal(["sgr-all"], Ids("9999"));
    }

    [Fact]
    public void A_port_range_finds_rules_whose_range_overlaps_it()
    {
        Assert.Equal(["sgr-all", "sgr-https", "sgr-https6", "sgr-pg", "sgr-range", "sgr-sub"], Ids("400-8000"));
        Assert.Equal("tcp ports 8000-8100 overlap 400-8000", WhyOf("400-8000", "sgr-range"));
        Assert.Equal(["sgr-all", "sgr-https", "sgr-https6"], Ids("port: 443"));
    }

    [Fact]
    public void An_ipv4_address_finds_the_cidrs_and_prefix_list_entries_containing_it()
    {
        Assert.Equal(["sgr-corp", "sgr-https", "sgr-ping", "sgr-range", "sgr-sub"], Ids("10.1.2.3"));
        Assert.Equal("peer 10.0.0.0/8 contains 10.1.2.3", WhyOf("10.1.2.3", "sgr-range"));
        Assert.Equal("peer 0.0.0.0/0 contains 10.1.2.3", WhyOf("10.1.2.3", "sgr-https"));
        Assert.Equal("prefix list corp entry 10.1.0.0/16 contains 10.1.2.3", WhyOf("10.1.2.3", "sgr-corp"));
    }

    [Fact]
    public void A_cidr_finds_peers_that_contain_it_and_peers_inside_it_and_says_which()
    {
        Assert.Equal(["sgr-corp", "sgr-https", "sgr-ping", "sgr-range", "sgr-sub"], Ids("10.1.0.0/16"));
        Assert.Equal("peer 10.0.0.0/8 contains 10.1.0.0/16", WhyOf("10.1.0.0/16", "sgr-range"));
        Assert.Equal("peer 10.1.2.0/24 lies within 10.1.0.0/16", WhyOf("10.1.0.0/16", "sgr-sub"));
        Assert.Equal("prefix list corp entry 10.1.0.0/16 is 10.1.0.0/16", WhyOf("10.1.0.0/16", "sgr-corp"));
        // A disjoint block finds only what contains it.
        Assert.Equal(["sgr-https", "sgr-ping"], Ids("192.168.0.0/16"));
    }

    [Fact]
    public void Ipv6_queries_find_ipv6_peers_only()
    {
        Assert.Equal(["sgr-corp6", "sgr-https6"], Ids("2001:db8::1"));
        Assert.Equal("peer ::/0 contains 2001:db8::1", WhyOf("2001:db8::1", "sgr-https6"));
        Assert.Equal("prefix list corp-v6 entry 2001:db8::/32 contains 2001:db8:1::/48", WhyOf("2001:db8:1::/48", "sgr-corp6"));
        Assert.Equal(["sgr-corp6", "sgr-https6"], Ids("::/0"));
    }

    [Fact]
    public void A_group_by_name_or_id_finds_its_rules_and_the_rules_referencing_it()
    {
        string[] webAndReferences = ["sgr-all", "sgr-https", "sgr-https6", "sgr-pg", "sgr-ping", "sgr-range", "sgr-ssh"];
        Assert.Equal(webAndReferences, Ids("WEB"));
        Assert.Equal(webAndReferences, Ids("sg-web"));
        Assert.Equal(webAndReferences, Ids("group:web"));
        Assert.Equal("references group sg-web; description contains 'web'", WhyOf("web", "sgr-pg"));
        Assert.Equal("references group sg-web", WhyOf("group:web", "sgr-pg"));
        Assert.Equal("in group web", WhyOf("web", "sgr-ssh"));
        Assert.Equal(["sgr-corp", "sgr-corp6", "sgr-ssh"], Ids("bastion"));
    }

    [Fact]
    public void A_prefix_list_by_name_or_id_finds_the_rules_referencing_it()
    {
        Assert.Equal(["sgr-corp"], Ids("corp"));
        Assert.Equal(["sgr-corp6"], Ids("pl-corp6"));
        Assert.Equal("references prefix list pl-corp", WhyOf("pl:corp", "sgr-corp"));
    }

    [Fact]
    public void Text_finds_descriptions_ignoring_case()
    {
        Assert.Equal(["sgr-https"], Ids("the internet"));
        Assert.Equal(["sgr-pg"], Ids("text:postgresql"));
        Assert.Equal("description contains 'postgresql'", WhyOf("text:postgresql", "sgr-pg"));
    }

    [Theory]
    [InlineData("pl-unknown")]
    [InlineData("nothing like this")]
    [InlineData("sg-unknown")]
    public void A_query_that_matches_nothing_finds_nothing(string text) => Assert.Empty(Find(text));

    [Theory]
    [InlineData("", "a search text is required")]
    [InlineData("   ", "a search text is required")]
    [InlineData("70000", "65535")]
    [InlineData("10.0.0.0/33", "prefix length must be 0..32")]
    [InlineData("10.1.2.300", "is not an IP address")]
    [InlineData("port:http", "is not a port")]
    [InlineData("ip:web", "is not an IP address")]
    [InlineData("group:", "names nothing")]
    public void A_query_that_cannot_be_read_says_why(string text, string error)
    {
        var query = RuleQuery.Parse(text);

        Assert.False(query.IsOk);
        Assert.Contains(error, query.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cidr_with_host_bits_is_searched_as_its_network_with_a_warning()
    {
        var query = RuleQuery.Parse("10.1.2.3/16");

        Assert.Equal("10.1.0.0/16", query.Value.Block.ToString());
        Assert.Contains("host bits", query.Warning, StringComparison.Ordinal);
    }
}
