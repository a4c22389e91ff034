using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Tests.Editing;

public sealed class RuleTypePresetsTests
{
    [Theory]
    [InlineData("SSH", "tcp", 22, 22)]
    [InlineData("HTTP", "tcp", 80, 80)]
    [InlineData("HTTPS", "tcp", 443, 443)]
    [InlineData("RDP", "tcp", 3389, 3389)]
    [InlineData("PostgreSQL", "tcp", 5432, 5432)]
    [InlineData("MySQL/Aurora", "tcp", 3306, 3306)]
    [InlineData("Redis", "tcp", 6379, 6379)]
    [InlineData("DNS (TCP)", "tcp", 53, 53)]
    [InlineData("DNS (UDP)", "udp", 53, 53)]
    [InlineData("All ICMP - IPv4", "icmp", -1, -1)]
    [InlineData("All ICMP - IPv6", "icmpv6", -1, -1)]
    [InlineData("All TCP", "tcp", 0, 65535)]
    [InlineData("All UDP", "udp", 0, 65535)]
    [InlineData("All traffic", "all", -1, -1)]
    public void A_fixed_type_sets_the_console_s_protocol_and_ports_and_a_rule_with_them_shows_it(string name, string protocol, int from, int to)
    {
        var preset = RuleTypePresets.Find(name);

        Assert.NotNull(preset);
        Assert.True(preset.IsFixed);
        Assert.Equal((IpProtocol.Parse(protocol).Value, from, to), (preset.Protocol!.Value, preset.FromPort, preset.ToPort));
        Assert.Same(preset, RuleTypePresets.Match(IpProtocol.Parse(protocol).Value, from, to));
    }

    [Theory]
    [InlineData("tcp", 8443, 8443, "Custom TCP")]
    [InlineData("tcp", 80, 443, "Custom TCP")]
    [InlineData("udp", 500, 500, "Custom UDP")]
    [InlineData("icmp", 8, 0, "Custom ICMP - IPv4")]
    [InlineData("icmpv6", 128, -1, "Custom ICMP - IPv6")]
    [InlineData("47", -1, -1, "Custom protocol")]
    public void Any_other_rule_shows_the_custom_type_of_its_protocol(string protocol, int from, int to, string expected) =>
        Assert.Equal(expected, RuleTypePresets.Match(IpProtocol.Parse(protocol).Value, from, to).Name);

    [Theory]
    [InlineData("HTTPS", "443")]
    [InlineData("All TCP", "0-65535")]
    [InlineData("All ICMP - IPv4", "any")]
    [InlineData("All traffic", "")]
    public void A_fixed_type_writes_its_ports_as_the_designer_s_ports_field_reads_them(string name, string ports)
    {
        var preset = RuleTypePresets.Find(name)!;

        Assert.Equal(ports, preset.PortsText);
        var read = RulePorts.Parse(preset.Protocol!.Value, ports);
        Assert.Equal((preset.FromPort, preset.ToPort), read.Value);
    }

    [Fact]
    public void Names_are_found_in_any_case_and_unknown_ones_are_not() =>
        Assert.Equal((true, (RuleTypePreset?)null), (RuleTypePresets.Find(" https ") == RuleTypePresets.Find("HTTPS"), RuleTypePresets.Find("HTTPX")));

    [Fact]
    public void The_custom_types_fix_only_the_protocol_and_names_are_unique()
    {
        Assert.All(RuleTypePresets.All.Where(p => p.Name.StartsWith("Custom", StringComparison.Ordinal)), p => Assert.False(p.IsFixed));
        Assert.Equal(RuleTypePresets.All.Length, RuleTypePresets.All.Select(p => p.Name.ToUpperInvariant()).Distinct().Count());
    }
}
