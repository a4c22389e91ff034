using System.Text.Json;
using SgDesigner.Cli.Tests.Support;
using SgDesigner.Core.Model;
using static SgDesigner.Cli.Tests.Support.Policies;

namespace SgDesigner.Cli.Tests;

public sealed class MatrixCommandTests(Samples samples) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void The_nat_gateway_sample_has_one_class_of_instances_allowing_ssh_and_echo_and_nothing_to_the_nat_eni()
    {
        // All three instances carry sg-0253af84ae6485905 (in tcp/22 and icmp 8/0 from 0.0.0.0/0, out all);
        // the NAT gateway's ENI has no group, so nothing reaches it and it opens nothing.
        var run = SgdRun.Of("matrix", samples.Policy("batfish-test-nat-gateway"));
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var enis = doc.RootElement.GetProperty("enis").EnumerateArray().ToList();
        Assert.Equal(4, enis.Count);
        var instanceClasses = enis.Where(e => e.GetProperty("instance").ValueKind == JsonValueKind.String)
            .Select(e => e.GetProperty("class").GetInt32()).Distinct().ToList();
        var instances = Assert.Single(instanceClasses);
        var nat = enis.Single(e => e.GetProperty("instance").ValueKind == JsonValueKind.Null).GetProperty("class").GetInt32();
        Assert.NotEqual(instances, nat);

        var cell = Assert.Single(doc.RootElement.GetProperty("cells").EnumerateArray());
        Assert.Equal(instances, cell.GetProperty("from").GetInt32());
        Assert.Equal(instances, cell.GetProperty("to").GetInt32());
        var allowed = cell.GetProperty("allowed").EnumerateArray().ToDictionary(a => a.GetProperty("protocol").GetString()!);
        Assert.Equal(["icmp", "tcp"], allowed.Keys.Order());
        Assert.Equal("[[22,22]]", allowed["tcp"].GetProperty("ports").Compact());
        Assert.Equal("[[8,0]]", allowed["icmp"].GetProperty("types").Compact());
        Assert.Contains(enis, e => e.GetProperty("name").GetString() == "Jump Host");
    }

    [Fact]
    public void Ports_are_merged_sorted_ranges_and_other_protocols_are_bare_numbers()
    {
        var estate = Estate(
            [Group("sg-src", "src", EgressAll("sgr-out")),
             Group("sg-dst", "dst",
                Inbound("sgr-443", IpProtocol.Tcp, 443, 443, new GroupPeer("sg-src")),
                Inbound("sgr-80", IpProtocol.Tcp, 80, 442, new GroupPeer("sg-src")),
                Inbound("sgr-22", IpProtocol.Tcp, 22, 22, new GroupPeer("sg-src")),
                Inbound("sgr-dns", IpProtocol.Udp, 53, 53, new GroupPeer("sg-src")),
                Inbound("sgr-esp", new IpProtocol(50), -1, -1, new GroupPeer("sg-src")),
                Inbound("sgr-unreach", IpProtocol.Icmp, 3, -1, new GroupPeer("sg-src")))],
            [Eni("eni-src", "10.0.1.10", "sg-src"), Eni("eni-dst", "10.0.1.20", "sg-dst")]);
        var run = SgdRun.Of("matrix", Write(_folder, "p.json", estate));

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var classOf = doc.RootElement.GetProperty("enis").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("class").GetInt32());
        var cell = Assert.Single(doc.RootElement.GetProperty("cells").EnumerateArray());
        Assert.Equal(classOf["eni-src"], cell.GetProperty("from").GetInt32());
        Assert.Equal(classOf["eni-dst"], cell.GetProperty("to").GetInt32());
        var allowed = cell.GetProperty("allowed").EnumerateArray().ToDictionary(a => a.GetProperty("protocol").GetString()!);
        Assert.Equal("[[22,22],[80,443]]", allowed["tcp"].GetProperty("ports").Compact());
        Assert.Equal("[[53,53]]", allowed["udp"].GetProperty("ports").Compact());
        Assert.Equal("[[3,-1]]", allowed["icmp"].GetProperty("types").Compact());
        Assert.Equal(["protocol"], allowed["50"].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void All_traffic_is_the_cells_only_entry_and_enis_alike_share_a_class()
    {
        // The default group's pattern: every member admits everything from the group itself.
        var estate = Estate(
            [Group("sg-default", "default", Inbound("sgr-self", IpProtocol.All, -1, -1, new GroupPeer("sg-default")),
                Inbound("sgr-ssh", IpProtocol.Tcp, 22, 22, new GroupPeer("sg-default")), EgressAll("sgr-out"))],
            [Eni("eni-a", "10.0.1.10", "sg-default"), Eni("eni-b", "10.0.1.11", "sg-default"), Eni("eni-c", "10.0.1.12", "sg-default")]);
        var run = SgdRun.Of("matrix", Write(_folder, "default.json", estate));

        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Single(doc.RootElement.GetProperty("enis").EnumerateArray().Select(e => e.GetProperty("class").GetInt32()).Distinct());
        var cell = Assert.Single(doc.RootElement.GetProperty("cells").EnumerateArray());
        Assert.Equal("[{\"protocol\":\"all\"}]", cell.GetProperty("allowed").Compact());
    }

    [Fact]
    public void Csv_has_one_row_per_ordered_eni_pair_and_protocol()
    {
        var run = SgdRun.Of("matrix", samples.Policy("batfish-test-subnet"), "--format", "csv");
        Assert.Equal(0, run.ExitCode);
        var rows = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("from,to,protocol,ranges", rows[0]);
        // Both instances admit only tcp/22 (from 0.0.0.0/0) and send anything: one row each way.
        Assert.Equal(2, rows.Length - 1);
        Assert.All(rows.Skip(1), r => Assert.EndsWith(",tcp,22-22", r));
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error()
    {
        var run = SgdRun.Of("matrix", samples.Policy("batfish-test-subnet"), "--format", "xml");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--format: 'xml' is not one of json, csv", run.ErrorLine);
    }

    public void Dispose() => _folder.Dispose();
}
