using SgDesigner.Core.Assertions;
using SgDesigner.Core.Reachability;
using static SgDesigner.Core.Tests.Lint.TestEstate;

namespace SgDesigner.Core.Tests.Assertions;

public class AssertionCheckerTests
{
    private static readonly ReachabilityEngine s_engine = ReachabilityEngine.Build(Of(
        [
            Group("sg-web", "web", Out("sgr-w1", "-1", -1, -1, "0.0.0.0/0"), In("sgr-w2", "tcp", 443, 443, "0.0.0.0/0")),
            Group("sg-db", "db", In("sgr-d1", "tcp", 5432, 5432, "sg-web")),
        ],
        [Eni("eni-web", "10.0.1.10", "sg-web"), Eni("eni-db", "10.0.2.20", "sg-db")]));

    private static AssertionResult CheckLine(string line) =>
        Assert.Single(AssertionChecker.Check(s_engine, AssertionParser.Parse(line).Assertions));

    [Fact]
    public void AnExpectedAllowThatTheEngineAllowsPasses()
    {
        var result = CheckLine("""{"from": "eni-web", "to": "eni-db", "protocol": "tcp", "port": 5432, "expect": "allow"}""");

        Assert.Equal(AssertionOutcome.Passed, result.Outcome);
        Assert.True(result.Allowed);
        Assert.Null(result.Explanation);
    }

    [Fact]
    public void AnExpectedDenyThatTheEngineDeniesPasses()
    {
        var result = CheckLine("""{"from": "eni-db", "to": "eni-web", "protocol": "tcp", "port": 5432, "expect": "deny"}""");

        Assert.True(result.Passed);
        Assert.False(result.Allowed);
    }

    [Fact]
    public void AFailedAssertionCarriesTheEnginesExplanation()
    {
        var result = CheckLine("""{"from": "eni-web", "to": "eni-db", "protocol": "tcp", "port": 22, "expect": "allow"}""");

        Assert.Equal(AssertionOutcome.Failed, result.Outcome);
        Assert.False(result.Allowed);
        Assert.NotNull(result.Explanation);
        Assert.Equal(DeniedSide.DestinationIngress, result.Explanation.DeniedSide);
        Assert.Contains("FAILED", result.ToString());
    }

    [Fact]
    public void AnExpectedDenyThatIsAllowedFailsNamingTheAllowingRules()
    {
        var result = CheckLine("""{"from": "198.51.100.7", "to": "eni-web", "protocol": "tcp", "port": 443, "expect": "deny"}""");

        Assert.Equal(AssertionOutcome.Failed, result.Outcome);
        Assert.Equal("sgr-w2", Assert.Single(result.Explanation!.Verdict.Ingress).Rule.Id);
    }

    [Fact]
    public void AnEndpointThatDoesNotResolveIsAnErrorNotAFailure()
    {
        var result = CheckLine("""{"from": "no-such-host", "to": "eni-db", "protocol": "tcp", "port": 5432, "expect": "deny"}""");

        Assert.Equal(AssertionOutcome.Error, result.Outcome);
        Assert.StartsWith("from:", result.Error);
    }

    [Fact]
    public void ResultsKeepTheOrderOfTheAssertions()
    {
        var file = AssertionParser.Parse(string.Join('\n',
            """{"from": "eni-web", "to": "eni-db", "protocol": "tcp", "port": 22, "expect": "allow"}""",
            """{"from": "eni-web", "to": "eni-db", "protocol": "tcp", "port": 5432, "expect": "allow"}"""));

        var results = AssertionChecker.Check(s_engine, file.Assertions);

        Assert.Equal([AssertionOutcome.Failed, AssertionOutcome.Passed], results.Select(r => r.Outcome));
    }
}
