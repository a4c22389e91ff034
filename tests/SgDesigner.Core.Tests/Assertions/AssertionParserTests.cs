using SgDesigner.Core.Assertions;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Tests.Assertions;

public class AssertionParserTests
{
    [Fact]
    public void EveryDocumentedFormParsesWithItsLineNumber()
    {
        const string text = """
            # expected flows
            {"from": "web-1", "to": "db-1", "protocol": "tcp", "port": 5432, "expect": "allow"}

            {"from": "i-0abc", "to": "203.0.113.9", "protocol": "icmp", "icmpType": 8, "icmpCode": 0, "expect": "deny"}
            // protocol numbers, the boolean form and a label
            {"from": "10.0.1.5", "to": "eni-1", "protocol": 50, "allow": true, "name": "ipsec"}
            {"from": "a", "to": "b", "protocol": "6", "port": "443", "expect": "Deny"}
            """;

        var file = AssertionParser.Parse(text);

        Assert.True(file.IsOk, string.Join("; ", file.Errors));
        Assert.Equal([2, 4, 6, 7], file.Assertions.Select(a => a.Line));
        Assert.Equal(new FlowAssertion(2, "web-1", "db-1", Traffic.Tcp(5432), true), file.Assertions[0]);
        Assert.Equal(Traffic.Icmp(8, 0), file.Assertions[1].Traffic);
        Assert.False(file.Assertions[1].ExpectAllowed);
        Assert.Equal((Traffic.Other(50), true, "ipsec"), (file.Assertions[2].Traffic, file.Assertions[2].ExpectAllowed, file.Assertions[2].Name));
        Assert.Equal((Traffic.Tcp(443), false), (file.Assertions[3].Traffic, file.Assertions[3].ExpectAllowed));
    }

    [Theory]
    [InlineData("""{"to": "b", "protocol": "tcp", "port": 22, "expect": "allow"}""", "line 1, from", "required")]
    [InlineData("""{"from": "a", "to": "b", "protocol": "tcp", "expect": "allow"}""", "line 1, port", "required for tcp")]
    [InlineData("""{"from": "a", "to": "b", "protocol": "tcp", "port": 70000, "expect": "allow"}""", "line 1, port", "0..65535")]
    [InlineData("""{"from": "a", "to": "b", "protocol": "icmp", "icmpType": 8, "expect": "allow"}""", "line 1, icmpCode", "required for icmp")]
    [InlineData("""{"from": "a", "to": "b", "protocol": "bogus", "expect": "allow"}""", "line 1, protocol", "unknown protocol")]
    [InlineData("""{"from": "a", "to": "b", "protocol": "-1", "expect": "allow"}""", "line 1, protocol", "not all")]
    [InlineData("""{"from": "a", "to": "b", "protocol": "udp", "port": 53, "expect": "maybe"}""", "line 1, expect", "\"allow\" or \"deny\"")]
    [InlineData("""{"from": "a", "to": "b", "protocol": "udp", "port": 53}""", "line 1, expect", "required")]
    [InlineData("""{"from": "a", "to": "b", "protocol": "udp", "port": 53, "expect": "deny", "allow": false}""", "line 1, allow", "not both")]
    [InlineData("""{"from": "a", "to": "b", "protocol": "udp", "port": 53, "allow": "yes"}""", "line 1, allow", "true or false")]
    [InlineData("""{"from": "a", "to": "b", "proto": "udp", "port": 53, "expect": "deny"}""", "line 1, proto", "unknown field")]
    [InlineData("""{"from": "a", "to": """, "line 1", "not valid JSON")]
    [InlineData("""{"from": "a", "to": "b", "protocol": "tcp", "port": 22, "expect": "deny", "expect": "allow"}""", "line 1", "the property 'expect' appears twice")]
    [InlineData("""["a", "b"]""", "line 1", "one JSON object")]
    public void ABadLineIsReportedWithItsLineAndField(string line, string path, string message)
    {
        var file = AssertionParser.Parse(line);

        Assert.Empty(file.Assertions);
        var error = Assert.Single(file.Errors, e => e.Path == path);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void GoodLinesAroundABadOneStillParseAndTheErrorNamesTheRightLine()
    {
        var text = string.Join('\n',
            """{"from": "a", "to": "b", "protocol": "tcp", "port": 22, "expect": "deny"}""",
            """{"from": "a", "to": "b", "protocol": "tcp", "port": -3, "expect": "deny"}""",
            """{"from": "a", "to": "b", "protocol": "tcp", "port": 80, "expect": "allow"}""");

        var file = AssertionParser.Parse(text);

        Assert.Equal([1, 3], file.Assertions.Select(a => a.Line));
        Assert.Equal(new ValidationError("line 2, port", "must be an integer 0..65535, not -3"), Assert.Single(file.Errors));
    }
}
