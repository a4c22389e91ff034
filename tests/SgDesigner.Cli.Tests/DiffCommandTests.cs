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

    public void Dispose() => _folder.Dispose();
}
