using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SgDesigner.Web.Features.Import;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Features.Import;

/// <summary>The import preview applies Core's table of AWS limits: what AWS never holds stops it, a quota overrun only warns.</summary>
public sealed class ImportLimitsTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 20, 0, 0, DateTimeKind.Utc);

    internal static string Groups(string fields, string inbound = "") => $$"""
        {"SecurityGroups": [{"GroupId": "sg-0123456789abcdef0", {{fields}}, "VpcId": "vpc-1",
          "IpPermissions": [{{inbound}}], "IpPermissionsEgress": []}]}
        """;

    [Fact]
    public void A_group_name_over_255_characters_stops_the_preview_naming_the_group_and_the_limit()
    {
        var preview = ImportReader.Read([new UploadedFile("groups.json", Groups($"\"GroupName\": \"{new string('n', 256)}\", \"Description\": \"d\""))], Now);

        var error = Assert.Single(preview.Errors);
        Assert.Equal(("groups[sg-0123456789abcdef0].name", "the name is 256 characters long; AWS allows 255"), (error.Path, error.Message));
        Assert.False(preview.CanStore);
    }

    [Fact]
    public void A_control_character_in_a_description_stops_the_preview()
    {
        var preview = ImportReader.Read([new UploadedFile("groups.json", Groups("\"GroupName\": \"web\", \"Description\": \"web\\u0000\""))], Now);

        var error = Assert.Single(preview.Errors);
        Assert.Equal("groups[sg-0123456789abcdef0].description", error.Path);
        Assert.Contains("control character U+0000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_over_its_rule_quota_is_previewed_with_a_warning_and_can_be_stored()
    {
        var cidrs = string.Join(", ", Enumerable.Range(0, 61).Select(i => $$"""{"CidrIp": "10.0.{{i}}.0/24"}"""));
        var inbound = $$"""{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{{cidrs}}]}""";

        var preview = ImportReader.Read([new UploadedFile("groups.json", Groups("\"GroupName\": \"web\", \"Description\": \"web\"", inbound))], Now);

        Assert.True(preview.CanStore, string.Join("; ", preview.Errors));
        Assert.Contains(preview.Warnings, w => w.Path == "groups[sg-0123456789abcdef0].rules" && w.Message == "61 inbound rules exceed the quota of 60 per group");
    }

    [Theory]
    [InlineData(60, 17, "quotas.groupsPerEni", "at most 16 (AWS's most security groups per network interface)")]
    [InlineData(1001, 1, "quotas.rulesPerDirection", "at most 1000 (AWS's most rules per group and direction)")]
    public void A_policy_document_with_quotas_outside_AWSs_bounds_stops_the_preview_at_the_field(int rules, int groups, string field, string message)
    {
        var document = $$$"""{"schemaVersion": 1, "name": "q", "quotas": {"rulesPerDirection": {{{rules}}}, "groupsPerEni": {{{groups}}}}}""";

        var preview = ImportReader.Read([new UploadedFile("q.policy.json", document)], Now);

        var error = Assert.Single(preview.Errors);
        Assert.Equal(($"q.policy.json: {field}", message), (error.Path, error.Message));
    }
}

public abstract class ImportLimitsApiTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<int> PolicyCountAsync() =>
        (await _client.AllPagesAsync("/api/policies")).Count;

    [Theory]
    [InlineData("\"GroupName\": \"web\\u0000\", \"Description\": \"d\"", "groups[sg-0123456789abcdef0].name", "control character U+0000")]
    [InlineData("\"GroupName\": \"web\", \"Description\": \"d\", \"Tags\": [{\"Key\": \"team\", \"Value\": \"LONG\"}]", "groups[sg-0123456789abcdef0].tags[team]", "AWS allows 256")]
    public async Task Input_AWS_never_holds_is_a_400_at_its_place_and_nothing_is_stored(string fields, string path, string message)
    {
        var before = await PolicyCountAsync();
        var groups = ImportLimitsTests.Groups(fields.Replace("LONG", new string('v', 257), StringComparison.Ordinal));

        var response = await _client.PostAsync("/api/policies/import", ImportApiTests.Form([("SecurityGroups.json", groups)]), Token);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.ErrorAt(path), StringComparison.Ordinal);
        Assert.Equal(before, await PolicyCountAsync());
    }
}

public sealed class ImportLimitsApiSqliteTests(SqliteApp fixture) : ImportLimitsApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class ImportLimitsApiPostgresTests(PostgresApp fixture) : ImportLimitsApiTests(fixture), IClassFixture<PostgresApp>;
