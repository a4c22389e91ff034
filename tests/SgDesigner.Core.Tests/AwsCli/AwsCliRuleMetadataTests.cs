using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Tests.AwsCli;

/// <summary>A rule's <c>sgd:</c> tags in <c>describe-security-group-rules</c> output become its metadata.</summary>
public class AwsCliRuleMetadataTests
{
    private static AwsImportResult Import(string tags)
    {
        var files = AwsSamples.Load("cloudmapper-demo");
        files.Add(new AwsCliFile("ec2-describe-security-group-rules.json", $$"""
            {"SecurityGroupRules":[
              {"SecurityGroupRuleId":"sgr-0aaaaaaaaaaaaaaa1","GroupId":"sg-00000005","IsEgress":false,"IpProtocol":"tcp","FromPort":5432,"ToPort":5432,"ReferencedGroupInfo":{"GroupId":"sg-00000004","UserId":"123456789012"},
               "Tags":{{tags}}},
              {"SecurityGroupRuleId":"sgr-0aaaaaaaaaaaaaaa2","GroupId":"sg-00000005","IsEgress":true,"IpProtocol":"-1","FromPort":-1,"ToPort":-1,"CidrIpv4":"0.0.0.0/0","Tags":[]}]}
            """));
        return AwsCliImporter.Import(files);
    }

    [Fact]
    public void TheSgdTagsOfARuleAreItsOwnerJustificationTicketAndReviewByDate()
    {
        var result = Import("""[{"Key":"sgd:owner","Value":"team-db"},{"Key":"sgd:justification","Value":"app tier reads"},{"Key":"sgd:ticket","Value":"NET-7"},{"Key":"sgd:review-by","Value":"2027-05-01"},{"Key":"Name","Value":"pg"}]""");

        Assert.True(result.IsOk, result.Error?.ToString());
        var db = result.Estate!.FindGroup("sg-00000005")!;
        Assert.Equal(RuleMetadata.Create("team-db", "app tier reads", "NET-7", new DateOnly(2027, 5, 1)), Assert.Single(db.Inbound).Metadata);
        Assert.True(Assert.Single(db.Outbound).Metadata.IsEmpty);
    }

    [Fact]
    public void AMalformedTagIsAWarningNamingTheRuleAndTheRuleIsImportedWithoutMetadata()
    {
        var result = Import("""[{"Key":"sgd:owner","Value":"team-db"},{"Key":"sgd:review-by","Value":"soon"}]""");

        Assert.True(result.IsOk, result.Error?.ToString());
        var rule = Assert.Single(result.Estate!.FindGroup("sg-00000005")!.Inbound);
        Assert.Equal("sgr-0aaaaaaaaaaaaaaa1", rule.Id);
        Assert.True(rule.Metadata.IsEmpty);
        Assert.Contains(result.Warnings, w => w.Path == "ec2-describe-security-group-rules.json:$.SecurityGroupRules[0].Tags"
            && w.Message.Contains("sgr-0aaaaaaaaaaaaaaa1", StringComparison.Ordinal) && w.Message.Contains("sgd:review-by: 'soon' is not a date", StringComparison.Ordinal));
    }
}
