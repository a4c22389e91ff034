using System.Text.Json;
using SgDesigner.Cli.Tests.Support;
using SgDesigner.Core.Documents;

namespace SgDesigner.Cli.Tests;

public sealed class ImportAwsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<string> SampleFolders { get; } =
    [
        "batfish-test-subnet",
        "batfish-test-nat-gateway",
        "batfish-hybrid-cloud-aws-usw2",
        "cloudmapper-demo",
        "pybatfish-hybrid-cloud/us-east-2",
        "pybatfish-hybrid-cloud/us-west-2",
    ];

    [Theory]
    [MemberData(nameof(SampleFolders))]
    public void Every_sample_folder_imports_with_every_security_group(string sample)
    {
        var output = _folder.File("policy.json");
        var run = SgdRun.Of("import", "aws", "--dir", RepoPaths.AwsSample(sample), "-o", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stdout);
        var document = PolicyDocumentJson.Read(File.ReadAllText(output)).Document;
        Assert.NotNull(document);
        var groupsFile = Directory.GetFiles(RepoPaths.AwsSample(sample), "*ecurity*roups.json").Single();
        using var raw = JsonDocument.Parse(File.ReadAllText(groupsFile));
        Assert.Equal(raw.RootElement.GetProperty("SecurityGroups").GetArrayLength(), document.Estate.Groups.Length);
    }

    [Fact]
    public void The_subnet_sample_keeps_both_instances_with_their_ips_and_groups()
    {
        var run = SgdRun.Of("import", "aws", "--dir", RepoPaths.AwsSample("batfish-test-subnet"));
        Assert.Equal(0, run.ExitCode);
        var estate = PolicyDocumentJson.Read(run.Stdout).Document!.Estate;
        Assert.Equal(["i-07519d6ba3f9497e4", "i-08ef86e76fceabd8d"], estate.Instances.Select(i => i.Id).Order());
        var byIp = estate.NetworkInterfaces.ToDictionary(e => e.PrimaryIp.ToString()!);
        var names = estate.Groups.ToDictionary(g => g.Id, g => g.Name);
        Assert.Equal("launch-wizard-2", names[Assert.Single(byIp["10.10.1.228"].GroupIds)]);
        Assert.Equal("launch-wizard-1", names[Assert.Single(byIp["10.10.1.44"].GroupIds)]);
        Assert.Equal("batfish-test-subnet", PolicyDocumentJson.Read(run.Stdout).Document!.Name);
    }

    [Fact]
    public void Files_named_by_flags_import_and_warnings_go_to_stderr()
    {
        var s = RepoPaths.AwsSample("cloudmapper-demo");
        var output = _folder.File("demo.json");
        var run = SgdRun.Of("import", "aws",
            "--security-groups", Path.Combine(s, "ec2-describe-security-groups.json"),
            "--instances", Path.Combine(s, "ec2-describe-instances.json"),
            "--network-interfaces", Path.Combine(s, "ec2-describe-network-interfaces.json"),
            "--subnets", Path.Combine(s, "ec2-describe-subnets.json"),
            "--vpcs", Path.Combine(s, "ec2-describe-vpcs.json"),
            "-o", output);

        Assert.Equal(0, run.ExitCode);
        // 2.2.2.2/28 has host bits set: AWS stores 2.2.2.0/28, and the user is told.
        Assert.Contains("2.2.2.2/28", run.Stderr);
        var estate = PolicyDocumentJson.Read(File.ReadAllText(output)).Document!.Estate;
        Assert.Contains(estate.Groups.Single(g => g.Id == "sg-00000002").Rules, r => r.Peer.ToString() == "2.2.2.0/28");
        // The three instances share the ENI id eni-00000000 in this anonymised sample: all are kept, apart.
        var instanceEnis = estate.NetworkInterfaces.Where(e => e.InstanceId is not null).ToList();
        Assert.Equal(3, instanceEnis.Count);
        Assert.Equal(3, instanceEnis.Select(e => e.Id).Distinct().Count());
        Assert.Equal(4, estate.NetworkInterfaces.Length);
    }

    [Fact]
    public void A_malformed_field_stops_the_import_naming_file_and_json_path()
    {
        var file = _folder.Write("SecurityGroups.json", """
            {"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "a", "Description": "d", "VpcId": "vpc-1",
              "IpPermissions": [{"IpProtocol": "tcp", "FromPort": "abc", "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
              "IpPermissionsEgress": []}]}
            """);
        var output = _folder.File("out.json");
        var run = SgdRun.Of("import", "aws", "--security-groups", file, "-o", output);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"sgd: {file}", run.ErrorLine);
        Assert.Contains("$.SecurityGroups[0].IpPermissions[0].FromPort", run.ErrorLine);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Text_that_is_not_json_is_exit_2_naming_the_file()
    {
        var file = _folder.Write("SecurityGroups.json", "{\"SecurityGroups\": [");
        var run = SgdRun.Of("import", "aws", "--security-groups", file);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"sgd: {file}", run.ErrorLine);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void A_missing_file_is_exit_2_naming_it()
    {
        var missing = _folder.File("nope.json");
        var run = SgdRun.Of("import", "aws", "--security-groups", missing);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"sgd: {missing}: file not found", run.ErrorLine);
    }

    [Fact]
    public void Without_security_groups_or_a_folder_it_is_a_usage_error()
    {
        var run = SgdRun.Of("import", "aws", "--vpcs", "Vpcs.json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--security-groups (or --dir) is required", run.ErrorLine);
    }

    [Fact]
    public void A_folder_without_a_security_groups_file_is_exit_2()
    {
        _folder.Write("Vpcs.json", "{\"Vpcs\": []}");
        var run = SgdRun.Of("import", "aws", "--dir", _folder.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no security groups file", run.ErrorLine);
    }

    [Theory]
    [InlineData("\"GroupName\": \"LONG\", \"Description\": \"d\"", "groups[sg-1].name: the name is 256 characters long; AWS allows 255")]
    [InlineData("\"GroupName\": \"a\", \"Description\": \"web\\u0000\"", "groups[sg-1].description: the description contains the control character U+0000 at position 4")]
    [InlineData("\"GroupName\": \"a\", \"Description\": \"d\", \"Tags\": [{\"Key\": \"team\", \"Value\": \"LONG\"}]", "groups[sg-1].tags[team]: the value of tag 'team' is 256 characters long; AWS allows 256")]
    public void Input_AWS_never_holds_is_exit_2_naming_the_place_and_nothing_is_written(string fields, string expected)
    {
        fields = fields.Replace("LONG", new string('x', 256), StringComparison.Ordinal);
        // The tag value limit is 256: one more than the name's 255.
        if (expected.Contains("tag", StringComparison.Ordinal))
            (fields, expected) = (fields.Replace(new string('x', 256), new string('x', 257), StringComparison.Ordinal), expected.Replace("is 256", "is 257", StringComparison.Ordinal));
        var file = _folder.Write("SecurityGroups.json", $$"""
            {"SecurityGroups": [{"GroupId": "sg-1", {{fields}}, "VpcId": "vpc-1", "IpPermissions": [], "IpPermissionsEgress": []}]}
            """);
        var output = _folder.File("out.json");
        var run = SgdRun.Of("import", "aws", "--security-groups", file, "-o", output);

        Assert.Equal(2, run.ExitCode);
        // Warnings (the VPC not described) come first; the error is the last line.
        var error = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith($"sgd: {file}: cannot import: 1 error(s): ", error);
        Assert.Contains(expected, error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void An_estate_over_its_rule_quota_imports_with_a_warning_counting_a_prefix_list_as_its_max_entries()
    {
        // 11 CIDR rules and one rule to a prefix list of 50 maximum entries: 61 inbound rules as AWS counts them.
        var cidrs = string.Join(", ", Enumerable.Range(1, 11).Select(i => $$"""{"CidrIp": "10.0.{{i}}.0/24"}"""));
        var groups = _folder.Write("SecurityGroups.json", $$"""
            {"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "a", "Description": "d", "VpcId": "vpc-1",
              "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{{cidrs}}],
                                 "PrefixListIds": [{"PrefixListId": "pl-0abc1234"}]}],
              "IpPermissionsEgress": []}]}
            """);
        var lists = _folder.Write("ec2-describe-managed-prefix-lists.json",
            """{"PrefixLists": [{"PrefixListId": "pl-0abc1234", "AddressFamily": "IPv4", "PrefixListName": "offices", "MaxEntries": 50}]}""");
        var output = _folder.File("out.json");
        var run = SgdRun.Of("import", "aws", "--security-groups", groups, "--prefix-lists", lists, "-o", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("sgd: warning: groups[sg-1].rules: 61 inbound rules exceed the quota of 60 per group", run.Stderr);
        var list = Assert.Single(PolicyDocumentJson.Read(File.ReadAllText(output)).Document!.Estate.PrefixLists);
        Assert.Equal(50, list.MaxEntries);
    }

    public void Dispose() => _folder.Dispose();
}
