using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Tests.Reachability;

/// <summary>The one parser of port text: inputs and what they give, written before the callers were changed to use it.</summary>
public class PortRangeParseTests
{
    [Theory]
    [InlineData("22", 22, 22)]
    [InlineData(" 443 ", 443, 443)]
    [InlineData("80-443", 80, 443)]
    [InlineData("80 - 443", 80, 443)]
    [InlineData("0-65535", 0, 65535)]
    [InlineData("0", 0, 0)]
    [InlineData("65535", 65535, 65535)]
    [InlineData("+80", 80, 80)]
    [InlineData("8080-8080", 8080, 8080)]
    public void Ports_and_ranges_are_read(string text, int from, int to)
    {
        Assert.True(PortRange.TryParse(text, out var range, out var error), error);
        Assert.Equal(new PortRange(from, to), range);
    }

    [Theory]
    [InlineData("", "a port or a range such as 8000-8100 is required")]
    [InlineData("   ", "a port or a range such as 8000-8100 is required")]
    [InlineData(null, "a port or a range such as 8000-8100 is required")]
    [InlineData("http", "'http' is not a port or a range such as 8000-8100")]
    [InlineData("80-", "'80-' is not a port or a range such as 8000-8100")]
    [InlineData("-", "'-' is not a port or a range such as 8000-8100")]
    [InlineData("80-90-100", "'80-90-100' is not a port or a range such as 8000-8100")]
    [InlineData("1.5", "'1.5' is not a port or a range such as 8000-8100")]
    [InlineData("8/0", "'8/0' is not a port or a range such as 8000-8100")]
    [InlineData("all", "'all' is not a port or a range such as 8000-8100")]
    [InlineData("65536", "port 65536 is out of range 0..65535")]
    [InlineData("70000", "port 70000 is out of range 0..65535")]
    [InlineData("-1", "port -1 is out of range 0..65535")]
    [InlineData("-5-80", "port -5 is out of range 0..65535")]
    [InlineData("80-65536", "port 65536 is out of range 0..65535")]
    [InlineData("443-80", "the port range 443-80 ends before it starts")]
    [InlineData("99999999999", "'99999999999' is not a port or a range such as 8000-8100")]
    public void Anything_else_is_refused_with_a_sentence(string? text, string message)
    {
        Assert.False(PortRange.TryParse(text, out var range, out var error));
        Assert.Equal(message, error);
        Assert.Equal(default, range);
    }

    [Theory]
    [InlineData(22, 22, "22")]
    [InlineData(80, 443, "80-443")]
    [InlineData(0, 65535, "0-65535")]
    public void The_writer_writes_what_the_parser_reads(int from, int to, string text)
    {
        Assert.Equal(text, new PortRange(from, to).ToString());
        Assert.True(PortRange.TryParse(text, out var back, out _));
        Assert.Equal(new PortRange(from, to), back);
    }
}
