using SgDesigner.Core.Documents;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Tests.Validation;

namespace SgDesigner.Core.Tests.Documents;

public class AcceptedFindingsJsonTests
{
    private static readonly DateTime AcceptedAt = new(2026, 11, 30, 9, 15, 0, DateTimeKind.Utc);

    private static PolicyDocument WithAcceptances() => new PolicyDocument("prod", null, SampleEstate.Build())
    {
        AcceptedFindings =
        [
            new AcceptedFinding(new FindingKey("SGD001", "sg-web", "sgr-ssh", ""), "bastion: \"reached\" through the VPN only", "Ada <ada@example.test>", AcceptedAt,
                new DateTime(2027, 6, 1, 0, 0, 0, DateTimeKind.Utc)),
            new AcceptedFinding(new FindingKey("SGD009", "", "", "eni-1"), "six groups until the split lands"),
        ],
    };

    [Fact]
    public void Accepted_findings_round_trip_and_rewrite_to_the_same_text()
    {
        var document = WithAcceptances();
        var json = PolicyDocumentJson.Write(document);

        var read = PolicyDocumentJson.Read(json);

        Assert.True(read.IsOk, read.Error?.ToString());
        DeepEqual.Assert(document, read.Document);
        Assert.Equal(json, PolicyDocumentJson.Write(read.Document!));
        Assert.Contains("\"eniId\": \"eni-1\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"groupId\": \"\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_without_acceptances_is_written_as_before()
    {
        var json = PolicyDocumentJson.Write(new PolicyDocument("prod", null, SampleEstate.Build()));

        Assert.DoesNotContain("acceptedFindings", json, StringComparison.Ordinal);
        Assert.Empty(PolicyDocumentJson.Read(json).Document!.AcceptedFindings);
    }

    [Theory]
    [InlineData("""{"check": "SGD001", "groupId": "sg-web"}""", "$.acceptedFindings[0].reason", "reason")]
    [InlineData("""{"check": "SGD001", "reason": "  "}""", "$.acceptedFindings[0].reason", "needs a reason")]
    [InlineData("""{"check": "SGD001", "reason": "ok", "expiresAt": "soon"}""", "$.acceptedFindings[0].expiresAt", "not a date")]
    public void A_bad_accepted_finding_is_refused_at_its_path(string item, string path, string message)
    {
        var json = PolicyDocumentJson.Write(new PolicyDocument("prod", null, SampleEstate.Build())).TrimEnd().TrimEnd('}') +
            $", \"acceptedFindings\": [{item}]}}";

        var read = PolicyDocumentJson.Read(json);

        Assert.False(read.IsOk);
        Assert.Equal(path, read.Error!.Path);
        Assert.Contains(message, read.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_triage_leaves_out_findings_accepted_in_force_only()
    {
        var finding = new Finding("SGD001", Severity.Error, "sg-web", "sgr-ssh", "ssh open", "why");
        var other = finding with { RuleId = "sgr-rdp" };
        var now = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        AcceptedFinding Acceptance(DateTime? expires) => new(FindingKey.Of(finding), "reason", ExpiresAt: expires);

        var inForce = FindingTriage.Split([finding, other], [Acceptance(now.AddDays(1))], now);
        var expired = FindingTriage.Split([finding, other], [Acceptance(now)], now);

        Assert.Equal([other], inForce.Active);
        Assert.Equal(finding, Assert.Single(inForce.Accepted).Finding);
        Assert.Equal([finding, other], expired.Active);
    }
}
