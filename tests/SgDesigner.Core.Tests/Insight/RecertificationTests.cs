using SgDesigner.Core.Insight;
using SgDesigner.Core.Model;
using static SgDesigner.Core.Tests.Lint.TestEstate;

namespace SgDesigner.Core.Tests.Insight;

public sealed class RecertificationTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);

    private static Rule Due(Rule rule, string? owner, int inDays) => rule with { Metadata = RuleMetadata.Create(owner, null, null, Today.AddDays(inDays)) };

    [Fact]
    public void RulesDueWithinTheWindowOrOverdueAreListedByOwnerSoonestFirstAndUnownedLast()
    {
        var estate = Of(
            Group("sg-1", "web",
                Due(In("sgr-1", "tcp", 443, 443, "0.0.0.0/0"), "team-web", 20),
                Due(In("sgr-2", "tcp", 80, 80, "0.0.0.0/0"), "team-web", -3),
                Due(In("sgr-3", "tcp", 22, 22, "10.0.0.0/8"), null, 1),
                Due(In("sgr-4", "tcp", 8080, 8080, "10.0.0.0/8"), "Alice", 31)),
            Group("sg-2", "db", Due(In("sgr-5", "tcp", 5432, 5432, "sg-1"), "alice", 0), In("sgr-6", "tcp", 5433, 5433, "sg-1")));

        var due = Recertification.Due(estate, Today, 30);

        Assert.Equal(["alice", "team-web", null], due.Select(o => o.Owner));
        Assert.Equal(["sgr-2", "sgr-1"], due[1].Rules.Select(r => r.Rule.Id));
        Assert.Equal([-3, 20], due[1].Rules.Select(r => r.DaysLeft));
        Assert.Equal(("sg-2", "db"), (due[0].Rules[0].GroupId, due[0].Rules[0].GroupName));
        Assert.Equal("sgr-3", Assert.Single(due[2].Rules).Rule.Id);
        Assert.Contains(Recertification.Due(estate, Today, 31), o => o.Owner == "Alice");
    }
}
