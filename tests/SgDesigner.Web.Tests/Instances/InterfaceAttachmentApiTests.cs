using System.Net;
using System.Text.Json;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Instances;

/// <summary>Attaching and detaching network interfaces, and every private address of one, over the API as the designer does them.</summary>
public abstract class InterfaceAttachmentApiTests(AppFixture fixture)
{
    private const string App1 = "i-0a90000000000a001", App1Eni = "eni-0a9000000000a0011", PrivateA = "subnet-0bb00000000000001", PrivateB = "subnet-0bb00000000000002";

    private readonly HttpClient _client = fixture.Client;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Eni(Guid draftId, string eniId) => $"/api/drafts/{draftId}/network-interfaces/{eniId}";

    private static object EniBody(string subnetId, string? instanceId, int? deviceIndex, params string[] ips) => new
    {
        vpcId = DemoEstate.VpcId, subnetId, instanceId, deviceIndex, privateIps = ips, groupIds = new[] { DemoEstate.App },
    };

    private async Task<long> SendAsync(HttpMethod method, string uri, long version, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _client.SendAsync(ApiSteps.WithVersion(method, uri, version, body), Token);
        await response.ReadAsync(expected);
        return expected == HttpStatusCode.OK ? long.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture) : version;
    }

    private async Task<JsonElement> ProblemAsync(HttpMethod method, string uri, long version, object? body = null) =>
        await (await _client.SendAsync(ApiSteps.WithVersion(method, uri, version, body), Token)).ReadProblemAsync(HttpStatusCode.BadRequest);

    private static JsonElement EniIn(JsonElement estate, string eniId) =>
        estate.GetProperty("networkInterfaces").EnumerateArray().Single(n => n.GetProperty("id").GetString() == eniId);

    [Fact]
    public async Task A_free_interface_is_attached_at_the_next_device_index_and_detached_again()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        const string extra = "eni-0123456789abcdef0";
        version = await SendAsync(HttpMethod.Put, Eni(draftId, extra), version, EniBody(PrivateA, null, null, "10.0.10.50"));

        version = await SendAsync(HttpMethod.Put, $"{Eni(draftId, extra)}/attachment", version, new { instanceId = App1 });

        var attached = EniIn((await _client.DraftAsync(draftId)).Estate, extra);
        Assert.Equal((App1, 1), (attached.GetProperty("instanceId").GetString(), attached.GetProperty("deviceIndex").GetInt32()));

        version = await SendAsync(HttpMethod.Delete, $"{Eni(draftId, extra)}/attachment", version, null);

        var detached = EniIn((await _client.DraftAsync(draftId)).Estate, extra);
        Assert.Equal(JsonValueKind.Null, detached.GetProperty("instanceId").ValueKind);
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }

    [Fact]
    public async Task Attaching_and_detaching_that_AWS_refuses_is_a_400_naming_the_field_and_stores_nothing()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();
        const string otherZone = "eni-0123456789abcdef1";
        version = await SendAsync(HttpMethod.Put, Eni(draftId, otherZone), version, EniBody(PrivateB, null, null, "10.0.11.50"));

        var primary = await ProblemAsync(HttpMethod.Delete, $"{Eni(draftId, App1Eni)}/attachment", version);
        var zone = await ProblemAsync(HttpMethod.Put, $"{Eni(draftId, otherZone)}/attachment", version, new { instanceId = App1 });
        var taken = await ProblemAsync(HttpMethod.Put, $"{Eni(draftId, otherZone)}/attachment", version, new { instanceId = "i-0a90000000000a002", deviceIndex = 0 });
        var noInstance = await ProblemAsync(HttpMethod.Put, $"{Eni(draftId, otherZone)}/attachment", version, new { deviceIndex = 1 });

        Assert.Contains("primary interface", primary.ErrorAt($"[{App1Eni}].deviceIndex"), StringComparison.Ordinal);
        Assert.Contains("availability zone", zone.ErrorAt($"[{otherZone}].subnetId"), StringComparison.Ordinal);
        Assert.Contains("already has eni-0a9000000000a0021 at device index 0", taken.ErrorAt($"[{otherZone}].deviceIndex"), StringComparison.Ordinal);
        Assert.Contains("instance id is required", noInstance.ErrorAt($"[{otherZone}].instanceId"), StringComparison.Ordinal);
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }

    [Fact]
    public async Task Secondary_addresses_are_stored_when_inside_the_subnet_and_unused_and_refused_by_place_otherwise()
    {
        var (draftId, version) = await _client.NewDemoDraftAsync();

        version = await SendAsync(HttpMethod.Put, Eni(draftId, App1Eni), version, EniBody(PrivateA, App1, 0, "10.0.10.31", "10.0.10.77", "10.0.10.78"));

        var stored = EniIn((await _client.DraftAsync(draftId)).Estate, App1Eni);
        Assert.Equal(["10.0.10.31", "10.0.10.77", "10.0.10.78"], stored.GetProperty("privateIps").EnumerateArray().Select(ip => ip.GetString()));

        var outside = await ProblemAsync(HttpMethod.Put, Eni(draftId, App1Eni), version, EniBody(PrivateA, App1, 0, "10.0.10.31", "10.0.99.1"));
        var used = await ProblemAsync(HttpMethod.Put, Eni(draftId, App1Eni), version, EniBody(PrivateA, App1, 0, "10.0.10.31", "10.0.10.41"));
        var twice = await ProblemAsync(HttpMethod.Put, Eni(draftId, App1Eni), version, EniBody(PrivateA, App1, 0, "10.0.10.31", "10.0.10.31"));

        Assert.Contains("not inside subnet", outside.ErrorAt("privateIps[1]"), StringComparison.Ordinal);
        Assert.Contains("already used by eni-0db000000000d0011", used.ErrorAt("privateIps[1]"), StringComparison.Ordinal);
        Assert.Contains("listed twice", twice.ErrorAt("privateIps[1]"), StringComparison.Ordinal);
        Assert.Equal(version, (await _client.DraftAsync(draftId)).Version);
    }
}

public sealed class InterfaceAttachmentApiSqliteTests(SqliteApp fixture) : InterfaceAttachmentApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class InterfaceAttachmentApiPostgresTests(PostgresApp fixture) : InterfaceAttachmentApiTests(fixture), IClassFixture<PostgresApp>;
