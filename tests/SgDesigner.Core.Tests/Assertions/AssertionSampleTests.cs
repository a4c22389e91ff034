using SgDesigner.Core.Assertions;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.AwsCli;

namespace SgDesigner.Core.Tests.Assertions;

/// <summary>Assertions against a real capture: batfish's test-subnet (two instances, tcp/22 from anywhere, all out).</summary>
public class AssertionSampleTests
{
    [Fact]
    public void SshFromTheInternetHoldsAndHttpIsDeniedWithTheEnginesReason()
    {
        var engine = ReachabilityEngine.Build(AwsSamples.Import("batfish-test-subnet").Estate!);
        var file = AssertionParser.Parse("""
            {"from": "198.51.100.7", "to": "i-08ef86e76fceabd8d", "protocol": "tcp", "port": 22, "expect": "allow"}
            {"from": "i-07519d6ba3f9497e4", "to": "10.10.1.228", "protocol": "tcp", "port": 22, "expect": "allow"}
            {"from": "198.51.100.7", "to": "i-08ef86e76fceabd8d", "protocol": "tcp", "port": 80, "expect": "allow"}
            """);

        var results = AssertionChecker.Check(engine, file.Assertions);

        Assert.Equal([AssertionOutcome.Passed, AssertionOutcome.Passed, AssertionOutcome.Failed], results.Select(r => r.Outcome));
        Assert.Equal(DeniedSide.DestinationIngress, results[2].Explanation!.DeniedSide);
    }
}
