using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Import;

namespace SgDesigner.Web.Tests.Features.Import;

public sealed class ImportReaderTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 20, 0, 0, DateTimeKind.Utc);

    private static int Count(ImportPreview preview, string kind) => preview.Counts.Single(c => c.Kind == kind).Count;

    [Theory]
    [MemberData(nameof(AwsSampleFiles.Sets), MemberType = typeof(AwsSampleFiles))]
    public void Every_aws_sample_set_reads_into_a_storable_preview(string set)
    {
        var preview = ImportReader.Read(AwsSampleFiles.Read(set), Now);

        Assert.True(preview.CanStore, string.Join("; ", preview.Errors));
        Assert.True(Count(preview, "Security groups") > 0);
        Assert.Equal(preview.Estate!.Groups.Sum(g => g.Rules.Length), Count(preview, "Rules"));
    }

    [Fact]
    public void The_cloudmapper_set_previews_its_groups_instances_and_enis_with_warnings()
    {
        var preview = ImportReader.Read(AwsSampleFiles.Read("cloudmapper-demo"), Now);

        Assert.Equal(8, Count(preview, "Security groups"));
        Assert.Equal(3, Count(preview, "Instances"));
        Assert.Equal(preview.Estate!.NetworkInterfaces.Length, Count(preview, "Network interfaces"));
        // 2.2.2.2/28 has host bits set; the three instance ENIs share one id.
        Assert.Contains(preview.Warnings, w => w.Path.StartsWith("ec2-describe-security-groups.json:$", StringComparison.Ordinal));
        Assert.Equal("AWS import 2026-11-25 20:00", preview.SuggestedName);
        Assert.True(preview.Findings > 0);
    }

    [Fact]
    public void A_policy_document_is_read_on_its_own_with_its_name()
    {
        var exported = ImportReader.Read(AwsSampleFiles.Read("batfish-test-subnet"), Now).Estate!;
        var text = PolicyDocumentJson.Write(new PolicyDocument("subnet test", "from batfish", exported));

        var preview = ImportReader.Read([new UploadedFile("subnet.policy.json", text)], Now);

        Assert.True(preview.CanStore, string.Join("; ", preview.Errors));
        Assert.Equal(("subnet test", "from batfish"), (preview.SuggestedName, preview.Description));
        Assert.Equal(exported.Groups.Select(g => g.Id), preview.Estate!.Groups.Select(g => g.Id));
    }

    [Theory]
    [InlineData(1, 1, 1, "0001-01-01 is before 2000-01-01")]
    [InlineData(2036, 11, 26, "2036-11-26 is more than 10 years ahead: review a rule at least every 10 years (the latest date is 2036-11-25)")]
    public void A_review_by_date_before_2000_or_more_than_ten_years_after_the_import_is_an_error_at_its_rule(int year, int month, int day, string message)
    {
        var estate = ImportReader.Read(AwsSampleFiles.Read("batfish-test-subnet"), Now).Estate!;
        var group = estate.Groups[0];
        var rule = group.Rules[0] with { Metadata = RuleMetadata.Create("team-a", reviewBy: new DateOnly(year, month, day)) };
        var text = PolicyDocumentJson.Write(new PolicyDocument("dated", null, estate.WithGroup(group with { Rules = [rule, .. group.Rules.Skip(1)] })));

        var preview = ImportReader.Read([new UploadedFile("dated.policy.json", text)], Now);

        var error = Assert.Single(preview.Errors);
        Assert.Equal($"groups[{group.Id}].rules[{rule.Id}].reviewBy", error.Path);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.False(preview.CanStore);
        var inWindow = PolicyDocumentJson.Write(new PolicyDocument("dated", null,
            estate.WithGroup(group with { Rules = [rule with { Metadata = RuleMetadata.Create(reviewBy: new DateOnly(2036, 11, 25)) }, .. group.Rules.Skip(1)] })));
        Assert.True(ImportReader.Read([new UploadedFile("dated.policy.json", inWindow)], Now).CanStore);
    }

    [Fact]
    public void Malformed_json_is_an_error_naming_the_file_and_the_line()
    {
        var preview = ImportReader.Read([new UploadedFile("SecurityGroups.json", "{\"SecurityGroups\": [ {\"GroupId\": ")], Now);

        var error = Assert.Single(preview.Errors);
        Assert.StartsWith("SecurityGroups.json:$", error.Path, StringComparison.Ordinal);
        Assert.Contains("not valid JSON (line 1", error.Message, StringComparison.Ordinal);
        Assert.False(preview.CanStore);
    }

    [Fact]
    public void A_bad_cidr_is_an_error_at_its_json_path_in_its_file()
    {
        const string Groups = """
            {"SecurityGroups": [{"GroupId": "sg-0123456789abcdef0", "GroupName": "web", "Description": "web", "VpcId": "vpc-1",
              "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.300/8"}]}],
              "IpPermissionsEgress": []}]}
            """;

        var preview = ImportReader.Read([new UploadedFile("groups.json", Groups)], Now);

        var error = Assert.Single(preview.Errors);
        Assert.Equal("groups.json:$.SecurityGroups[0].IpPermissions[0].IpRanges[0].CidrIp", error.Path);
        Assert.Null(preview.Estate);
    }

    [Fact]
    public void A_group_reference_without_a_group_id_is_an_error_at_its_json_path()
    {
        const string Groups = """
            {"SecurityGroups": [{"GroupId": "sg-0123456789abcdef0", "GroupName": "db", "Description": "db", "VpcId": "vpc-1",
              "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"UserId": "123456789012"}]}],
              "IpPermissionsEgress": []}]}
            """;

        var preview = ImportReader.Read([new UploadedFile("groups.json", Groups)], Now);

        var error = Assert.Single(preview.Errors);
        Assert.StartsWith("groups.json:$.SecurityGroups[0].IpPermissions[0].UserIdGroupPairs[0]", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_document_with_a_bad_cidr_is_an_error_at_its_json_path_in_its_file()
    {
        const string Document = """
            {"schemaVersion": 1, "name": "bad", "groups": [{"id": "sg-0123456789abcdef0", "name": "web", "description": "web", "vpcId": "vpc-1",
              "rules": [{"id": "sgr-0123456789abcdef0", "direction": "inbound", "protocol": "tcp", "fromPort": 443, "toPort": 443, "cidr": "300.0.0.0/8"}]}]}
            """;

        var preview = ImportReader.Read([new UploadedFile("bad.policy.json", Document)], Now);

        var error = Assert.Single(preview.Errors);
        Assert.Equal("bad.policy.json:$.groups[0].rules[0].cidr", error.Path);
    }

    [Fact]
    public void A_policy_document_is_not_mixed_with_aws_files()
    {
        var document = PolicyDocumentJson.Write(new PolicyDocument("empty", null, Estate.Empty));
        var files = AwsSampleFiles.Read("batfish-test-subnet").Append(new UploadedFile("mine.policy.json", document)).ToList();

        var preview = ImportReader.Read(files, Now);

        Assert.Contains("on its own", Assert.Single(preview.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_ten_megabytes_is_refused_before_it_is_read()
    {
        var error = ImportReader.CheckSize("huge.json", ImportReader.MaxFileBytes + 1);

        Assert.NotNull(error);
        Assert.Equal("huge.json:$", error.Path);
        Assert.Contains("the limit is 10 MB per file", error.Message, StringComparison.Ordinal);
        Assert.Null(ImportReader.CheckSize("fine.json", ImportReader.MaxFileBytes));
    }
}
