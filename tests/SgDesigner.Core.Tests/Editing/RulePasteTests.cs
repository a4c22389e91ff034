using System.Collections.Immutable;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Tests.Editing;

public sealed class RulePasteTests
{
    private const string Web = "sg-0000000000000web0", Db = "sg-00000000000000db0", Corp = "pl-0000000000000corp";

    private static readonly Estate TwoTiers = Estate.Empty with
    {
        Vpcs = [new Vpc("vpc-00000000000000001", "test", [Cidr.Parse("10.0.0.0/16").Value])],
        Groups =
        [
            Group(Web, "web", new Rule("sgr-0000000000000000w", Direction.Inbound, IpProtocol.Tcp, 443, 443, new CidrPeer(Cidr.AnyV4))),
            Group(Db, "db"),
        ],
        PrefixLists = [new PrefixList(Corp, "corp", IpFamily.V4, [Cidr.Parse("192.0.2.0/24").Value], MaxEntries: 5)],
    };

    private static SecurityGroup Group(string id, string name, params Rule[] rules) =>
        new(id, name, name, "vpc-00000000000000001", ImmutableSortedDictionary<string, string>.Empty, [.. rules]);

    private static RulePasteResult Paste(string text, Estate? estate = null, string group = Db) =>
        RulePaste.Parse(estate ?? TwoTiers, group, Direction.Inbound, text, IdSource.Counting());

    [Fact]
    public void Each_kind_of_line_becomes_its_rule()
    {
        var read = Paste("""
            tcp,443,10.0.0.0/8,web from corp
            HTTPS,,192.168.0.0/16
            udp, 1000-2000 , ::/0
            icmp,8/0,web
            all,,sg-00000000000000db0,"self, all traffic"
            PostgreSQL,5432,corp
            Custom TCP,8443,Anywhere-IPv4
            """);

        Assert.Empty(read.Errors);
        Assert.Equal(
            [
                "inbound tcp 443 from 10.0.0.0/8|web from corp", "inbound tcp 443 from 192.168.0.0/16|", "inbound udp 1000-2000 from ::/0|",
                $"inbound icmp 8/0 from {Web}|", $"inbound all from {Db}|self, all traffic", $"inbound tcp 5432 from {Corp}|",
                "inbound tcp 8443 from 0.0.0.0/0|",
            ],
            read.Rules.Select(r => $"{r.Rule}|{r.Rule.Description}"));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], read.Rules.Select(r => r.Line));
        Assert.Equal(7, read.Rules.Select(r => r.Rule.Id).Distinct().Count());
    }

    [Fact]
    public void Blank_lines_and_comments_are_skipped_and_still_counted()
    {
        var read = Paste("# from the wiki\n\n   \r\ntcp,22,10.0.0.0/8\r\n");

        Assert.Equal(4, Assert.Single(read.Rules).Line);
    }

    [Fact]
    public void Tab_separated_cells_from_a_spreadsheet_are_read_and_may_hold_commas() =>
        Assert.Equal("a, b", Assert.Single(Paste("tcp\t80\t10.0.0.0/8\ta, b").Rules).Rule.Description);

    [Fact]
    public void A_quoted_description_keeps_its_commas_and_a_doubled_quote_is_one_quote()
    {
        Assert.Equal("the old proxy, for now", Assert.Single(Paste("tcp,80,10.0.0.0/8, \"the old proxy, for now\"").Rules).Rule.Description);
        // AWS refuses '"' in a description, so a doubled quote is read, then refused at the field.
        var error = Assert.Single(Paste("tcp,80,10.0.0.0/8,\"the \"\"old\"\" proxy\"").Errors);
        Assert.Equal(("description", true), (error.Field, error.Message.Contains("'\"'", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("tcpx,443,10.0.0.0/8", "protocol", "unknown protocol or type 'tcpx'")]
    [InlineData(",443,10.0.0.0/8", "protocol", "a protocol or type is required")]
    [InlineData("tcp,70000,10.0.0.0/8", "port", "port 70000 is out of range 0..65535")]
    [InlineData("tcp,2000-1000,10.0.0.0/8", "port", "the port range 2000-1000 ends before it starts")]
    [InlineData("tcp,,10.0.0.0/8", "port", "tcp needs a port")]
    [InlineData("tcp,http,10.0.0.0/8", "port", "'http' is not a port")]
    [InlineData("HTTPS,8443,10.0.0.0/8", "port", "HTTPS is tcp 443: leave the port empty, or write tcp,8443")]
    [InlineData("all,80,10.0.0.0/8", "port", "ports do not apply to protocol all")]
    [InlineData("icmp,300/0,10.0.0.0/8", "port", "ICMP type 300")]
    [InlineData("icmp,echo,10.0.0.0/8", "port", "is not an ICMP type/code")]
    [InlineData("tcp,443,10.0.0.300/8", "peer", "'10.0.0.300/8' is not a CIDR block")]
    [InlineData("tcp,443,10.0.0.0/33", "peer", "prefix length must be 0..32")]
    [InlineData("tcp,443,webz", "peer", "no group or prefix list of the policy is named 'webz'")]
    [InlineData("tcp,443,sg-0000000000000nope", "peer", "security group 'sg-0000000000000nope' does not exist")]
    [InlineData("tcp,443,", "peer", "a peer is required")]
    [InlineData("tcp,443", "columns", "found 2 values")]
    [InlineData("tcp,443,10.0.0.0/8,web,corp", "columns", "5 values, at most 4: put a description that holds commas in double quotes")]
    [InlineData("tcp,443,10.0.0.0/8,\"web, corp", "columns", "the double quote that opens value 4 is not closed")]
    [InlineData("Custom protocol,,10.0.0.0/8", "protocol", "needs its protocol number")]
    [InlineData("tcp,443,10.0.0.0/8,tab\u0001here", "description", "control character")]
    public void A_bad_line_is_reported_with_its_number_field_and_problem_and_nothing_is_read(string line, string field, string message)
    {
        var read = Paste($"tcp,22,10.0.0.0/8\n\n{line}");

        var error = Assert.Single(read.Errors);
        Assert.Equal((3, field), (error.Line, error.Field));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line 3, {field}: ", error.ToString(), StringComparison.Ordinal);
        Assert.Equal($"text.lines[3].{field}", error.Path);
        Assert.False(read.IsOk);
    }

    [Fact]
    public void Every_bad_line_is_reported_not_only_the_first()
    {
        var read = Paste("tcp,70000,10.0.0.0/8\ntcp,22,10.0.0.0/8\nudp,53,nowhere\nbogus,1,2");

        Assert.Equal(["line 1, port", "line 3, peer", "line 4, protocol", "line 4, peer"], read.Errors.Select(e => $"line {e.Line}, {e.Field}"));
    }

    [Fact]
    public void A_line_repeating_another_or_a_rule_of_the_group_is_refused()
    {
        var read = Paste("tcp,443,10.0.0.0/8\nHTTPS,,10.0.0.0/8\ntcp,443,0.0.0.0/0", group: Web);

        Assert.Equal(["line 2, rule: duplicates line 1", "line 3, rule: duplicates the group's rule sgr-0000000000000000w (inbound tcp 443 from 0.0.0.0/0)"],
            read.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void The_quota_is_counted_with_the_group_s_rules_and_a_prefix_list_as_its_maximum_entries()
    {
        var small = TwoTiers with { Quotas = new Quotas(RulesPerDirection: 7) };

        var read = Paste("tcp,22,10.0.0.0/8\ntcp,443,corp\ntcp,80,10.0.0.0/8", small, Web);

        var error = Assert.Single(read.Errors);
        // 1 rule already, + 1, + 5 for the list (7: at the quota), + 1 goes over it.
        Assert.Equal("line 3, quota: this rule makes 8 inbound rules in web, over the quota of 7 rules per direction", error.ToString());
    }

    [Fact]
    public void Host_bits_are_cleared_with_a_warning_naming_the_line() =>
        Assert.Equal(["line 1, peer: '10.1.2.3/8' has host bits set; stored as 10.0.0.0/8"], Paste("tcp,22,10.1.2.3/8").Warnings);

    [Theory]
    [InlineData("")]
    [InlineData("\n# only a comment\n")]
    public void Text_without_a_rule_line_is_refused(string text) =>
        Assert.Equal("text", Assert.Single(Paste(text).Errors).Path);

    [Fact]
    public void More_lines_than_the_limit_are_refused_as_a_whole() =>
        Assert.Contains($"at most {RulePaste.MaxLines}", Assert.Single(Paste(string.Concat(Enumerable.Repeat("\n", RulePaste.MaxLines)) + "tcp,1,10.0.0.0/8").Errors).Message, StringComparison.Ordinal);

    [Fact]
    public void The_edit_adds_every_rule_at_once_or_refuses_with_each_line_at_its_path()
    {
        var added = RulePaste.Edit(Db, Direction.Inbound, "tcp,5432,web\nRedis,,web", IdSource.Counting())(TwoTiers);
        Assert.True(added.IsOk);
        Assert.Equal(["inbound tcp 5432 from " + Web, "inbound tcp 6379 from " + Web], added.Estate!.FindGroup(Db)!.Inbound.Select(r => r.ToString()));

        var refused = RulePaste.Edit(Db, Direction.Inbound, "tcp,5432,web\nRedis,6380,web", IdSource.Counting())(TwoTiers);
        Assert.Equal(EditRefusal.Invalid, refused.Refusal);
        Assert.Equal("text.lines[2].port", Assert.Single(refused.Errors).Path);

        Assert.Equal(EditRefusal.NotFound, RulePaste.Edit("sg-0000000000000none", Direction.Inbound, "tcp,1,web", IdSource.Counting())(TwoTiers).Refusal);
    }
}
