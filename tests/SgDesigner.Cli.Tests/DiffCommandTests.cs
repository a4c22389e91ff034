using System.Text.Json;
using SgDesigner.Cli.Tests.Support;
using SgDesigner.Core.Model;
using static SgDesigner.Cli.Tests.Support.Policies;

namespace SgDesigner.Cli.Tests;

public sealed class DiffCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Rules_added_removed_and_changed_are_listed_per_group()
    {
        var web = Group("sg-web", "web",
            Inbound("sgr-https", IpProtocol.Tcp, 443, 443, new CidrPeer(Cidr.AnyV4)),
            Inbound("sgr-ssh", IpProtocol.Tcp, 22, 22, new CidrPeer(Block("192.168.0.0/24"))));
        var before = Estate([web], [Eni("eni-1", "10.0.1.10", "sg-web")]);
        // sgr-ssh is gone, sgr-https now 8443, and a new http rule appears.
        var after = Estate(
            [web with { Rules = [
                Inbound("sgr-https", IpProtocol.Tcp, 8443, 8443, new CidrPeer(Cidr.AnyV4)),
                Inbound("sgr-http", IpProtocol.Tcp, 80, 80, new CidrPeer(Cidr.AnyV4))] }],
            [Eni("eni-1", "10.0.1.10", "sg-web")]);
        var run = SgdRun.Of("diff", Write(_folder, "old.json", before), Write(_folder, "new.json", after), "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var group = Assert.Single(doc.RootElement.GetProperty("rules").EnumerateArray());
        Assert.Equal("sg-web", group.GetProperty("group").GetString());
        Assert.Equal("sgr-http", Assert.Single(group.GetProperty("added").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal("sgr-ssh", Assert.Single(group.GetProperty("removed").EnumerateArray()).GetProperty("id").GetString());
        var changed = Assert.Single(group.GetProperty("changed").EnumerateArray());
        Assert.Equal(443, changed.GetProperty("before").GetProperty("fromPort").GetInt32());
        Assert.Equal(8443, changed.GetProperty("after").GetProperty("fromPort").GetInt32());
    }

    [Fact]
    public void A_policy_compared_with_itself_has_no_changes()
    {
        var policy = Write(_folder, "same.json", Estate([Group("sg-a", "a", EgressAll("sgr-1"))], []));
        var run = SgdRun.Of("diff", policy, policy);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No rule changes.", run.Stdout);
    }

    [Fact]
    public void A_missing_second_policy_is_exit_2_naming_the_file()
    {
        var policy = Write(_folder, "one.json", Estate([], []));
        var missing = _folder.File("absent.json");
        var run = SgdRun.Of("diff", policy, missing);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"sgd: {missing}: file not found", run.ErrorLine);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Diff_needs_two_policies()
    {
        var run = SgdRun.Of("diff", Write(_folder, "one.json", Estate([], [])));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("NEW_POLICY is missing", run.ErrorLine);
    }

    [Fact]
    public void The_reachability_a_change_opens_and_closes_is_listed_with_the_rules()
    {
        // Before: sg-db admits 5432 from sg-app. After: that rule is gone and 6379 from sg-app is new.
        var app = Group("sg-app", "app", EgressAll("sgr-out"));
        var db = Group("sg-db", "db", Inbound("sgr-pg", IpProtocol.Tcp, 5432, 5432, new GroupPeer("sg-app")));
        var enis = new[] { Eni("eni-app", "10.0.1.10", "sg-app"), Eni("eni-db", "10.0.1.20", "sg-db") };
        var before = Write(_folder, "before.json", Estate([app, db], enis));
        var after = Write(_folder, "after.json", Estate(
            [app, db with { Rules = [Inbound("sgr-redis", IpProtocol.Tcp, 6379, 6379, new GroupPeer("sg-app"))] }], enis));

        var run = SgdRun.Of("diff", before, after, "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var flow = Assert.Single(doc.RootElement.GetProperty("reachability").EnumerateArray());
        Assert.Equal(["eni-app"], flow.GetProperty("from").GetProperty("sampleEnis").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["eni-db"], flow.GetProperty("to").GetProperty("sampleEnis").EnumerateArray().Select(e => e.GetString()));
        var opens = Assert.Single(flow.GetProperty("opens").EnumerateArray());
        Assert.Equal("[[6379,6379]]", opens.GetProperty("ports").Compact());
        Assert.Contains(opens.GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "sgr-redis");
        var closes = Assert.Single(flow.GetProperty("closes").EnumerateArray());
        Assert.Equal("[[5432,5432]]", closes.GetProperty("ports").Compact());
        Assert.Contains(closes.GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "sgr-pg");
        // Group-referenced flows are tracked: AWS lets existing connections live until idle.
        Assert.False(closes.GetProperty("untracked").GetBoolean());

        var text = SgdRun.Of("diff", before, after);
        Assert.Contains("opens  tcp 6379", text.Stdout);
        Assert.Contains("closes tcp 5432", text.Stdout);
    }

    [Fact]
    public void A_flow_an_acl_edit_closes_names_the_acl_rule_and_its_leg()
    {
        // db sits in its own subnet; the new ACL on it denies postgres from the app subnet with rule #90.
        var all = Group("sg-all", "all", EgressAll("sgr-out"), Inbound("sgr-in", IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4)));
        var estate = Estate([all], [Eni("eni-app", "10.0.1.10", "sg-all"), Eni("eni-db", "10.0.2.20", "sg-all") with { SubnetId = "subnet-db" }]);
        estate = estate with { Subnets = [.. estate.Subnets, new Subnet("subnet-db", "vpc-1", Block("10.0.2.0/24"))] };
        NetworkAclEntry Entry(int number, IpProtocol protocol, int from, int to, AclAction action) => new(number, protocol, from, to, Block("0.0.0.0/0"), action);
        var open = new NetworkAcl("acl-db", "vpc-1", false, ["subnet-db"], [Entry(100, IpProtocol.All, -1, -1, AclAction.Allow)], [Entry(100, IpProtocol.All, -1, -1, AclAction.Allow)]);
        var before = Write(_folder, "open.json", estate with { NetworkAcls = [open] });
        var after = Write(_folder, "denied.json", estate with { NetworkAcls = [open with { Inbound = [Entry(90, IpProtocol.Tcp, 5432, 5432, AclAction.Deny), .. open.Inbound] }] });

        var json = SgdRun.Of("diff", before, after, "--json");
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Stdout);
        var closes = doc.RootElement.GetProperty("reachability").EnumerateArray()
            .Single(c => c.GetProperty("from").GetProperty("sampleEnis").EnumerateArray().Any(e => e.GetString() == "eni-app")
                && c.GetProperty("to").GetProperty("sampleEnis").EnumerateArray().Any(e => e.GetString() == "eni-db"))
            .GetProperty("closes").EnumerateArray().Single();
        var acl = Assert.Single(closes.GetProperty("networkAcl").EnumerateArray());
        Assert.Equal(("acl-db", "90", "request", "deny"), (acl.GetProperty("aclId").GetString(), acl.GetProperty("rule").GetString(), acl.GetProperty("leg").GetString(), acl.GetProperty("action").GetString()));

        var text = SgdRun.Of("diff", before, after);
        // From app and from the outside addresses the deny's 0.0.0.0/0 covers: each line names the rule.
        var lines = text.Stdout.Split('\n').Where(l => l.Contains("closes tcp 5432", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.Contains("sgr-in (network ACL acl-db (subnet-db) inbound rule #90 denies the request)", line, StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();
}
