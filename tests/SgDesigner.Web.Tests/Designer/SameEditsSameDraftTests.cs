using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// One sequence of edits made the designer's way (Core's edits through <see cref="DraftEditor"/>, as the designer's
/// components call it) and the same sequence over the HTTP API end in the same document: one write path, one set of
/// rules (the dual-stack egress rule, validation, ids) whatever the entry point. The quotas the designer's form sets go the
/// same way (<see cref="ContentEdits.SetQuotas"/> through <see cref="DraftEditor"/>).
/// </summary>
public abstract partial class SameEditsSameDraftTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private const string Api = "sg-0a910000000000001", Eni = "eni-0eb000000000b0011";
    private static readonly Rule Https = new("sgr-0a910000000000443", Direction.Inbound, IpProtocol.Tcp, 443, 443, new CidrPeer(Cidr.Parse("10.0.0.0/16").Value), "from the VPC");
    private static readonly Rule Alt = Https with { FromPort = 8443, ToPort = 8443 };
    private static readonly Rule FromWeb = new("sgr-0a910000000008080", Direction.Inbound, IpProtocol.Tcp, 8080, 8080, new GroupPeer(DemoEstate.Web), "web calls the API");

    [Fact]
    public async Task The_designer_and_the_api_make_the_same_draft_from_the_same_edits()
    {
        var designed = await ThroughTheDesignerAsync();
        var posted = await ThroughTheApiAsync();

        Assert.Equal(Canonical((await fixture.Client.DraftAsync(designed)).Estate), Canonical((await fixture.Client.DraftAsync(posted)).Estate));
    }

    private async Task<Guid> ThroughTheDesignerAsync()
    {
        var (draftId, version) = await fixture.Client.NewDemoDraftAsync();
        var editor = fixture.App.Services.GetRequiredService<DraftEditor>();
        var caller = new Caller(fixture.Admin.Id, fixture.Admin.Email, fixture.Admin.DisplayName, true, null, "127.0.0.1");
        EstateEdit[] edits =
        [
            GroupEdits.Add(editor.Ids, Api, "api", "API tier", DemoEstate.VpcId),
            GroupEdits.PutRule(Api, Https),
            GroupEdits.PutRule(Api, Alt),
            GroupEdits.PutRule(Api, FromWeb),
            GroupEdits.Change(Api, "api-tier", "API servers", DemoEstate.VpcId, ImmutableSortedDictionary<string, string>.Empty),
            InventoryEdits.AttachGroup(Eni, Api),
            GroupEdits.RemoveRule(Api, Https.Id),
            ContentEdits.SetQuotas(120, 8),
        ];
        foreach (var edit in edits)
        {
            var stored = await editor.EditAsync(caller, draftId, version, edit, Token);
            Assert.True(stored.IsOk, stored.ToString());
            version = stored.Value.Version;
        }
        return draftId;
    }

    private async Task<Guid> ThroughTheApiAsync()
    {
        var client = fixture.Client;
        var (draftId, version) = await client.NewDemoDraftAsync();
        var rules = $"/api/drafts/{draftId}/groups/{Api}/rules";
        async Task SendAsync(HttpMethod method, string uri, object? body, HttpStatusCode expected)
        {
            using var request = ApiSteps.WithVersion(method, uri, version, body);
            var answer = await (await client.SendAsync(request, Token)).ReadAsync(expected);
            version = answer.GetProperty("version").GetInt64();
        }
        static object Rule(Rule r) => new
        {
            direction = "inbound", protocol = "tcp", fromPort = r.FromPort, toPort = r.ToPort,
            cidr = (r.Peer as CidrPeer)?.Block.ToString(), groupId = (r.Peer as GroupPeer)?.GroupId, description = r.Description,
        };

        await SendAsync(HttpMethod.Post, $"/api/drafts/{draftId}/groups", new { id = Api, name = "api", description = "API tier", vpcId = DemoEstate.VpcId }, HttpStatusCode.Created);
        await SendAsync(HttpMethod.Put, $"{rules}/{Https.Id}", Rule(Https), HttpStatusCode.OK);
        await SendAsync(HttpMethod.Put, $"{rules}/{Alt.Id}", Rule(Alt), HttpStatusCode.OK);
        await SendAsync(HttpMethod.Put, $"{rules}/{FromWeb.Id}", Rule(FromWeb), HttpStatusCode.OK);
        await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/groups/{Api}", new { name = "api-tier", description = "API servers", vpcId = DemoEstate.VpcId }, HttpStatusCode.OK);
        var eni = await (await client.GetAsync($"/api/drafts/{draftId}/network-interfaces/{Eni}", Token)).ReadAsync(HttpStatusCode.OK);
        var attached = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(eni.GetRawText())!
            .ToDictionary(p => p.Key, p => (object?)p.Value);
        attached["groupIds"] = eni.GetProperty("groupIds").EnumerateArray().Select(g => g.GetString()).Append(Api).ToArray();
        await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/network-interfaces/{Eni}", attached, HttpStatusCode.OK);
        using (var delete = ApiSteps.WithVersion(HttpMethod.Delete, $"{rules}/{Https.Id}", version))
            version = (await (await client.SendAsync(delete, Token)).ReadAsync(HttpStatusCode.OK)).GetProperty("version").GetInt64();
        await SendAsync(HttpMethod.Put, $"/api/drafts/{draftId}/quotas", new { rulesPerDirection = 120, groupsPerEni = 8 }, HttpStatusCode.OK);
        return draftId;
    }

    // The egress rules a new group gets have ids drawn at random on each path: they are numbered in order of appearance.
    private static string Canonical(JsonElement estate)
    {
        var numbering = new Dictionary<string, string>();
        return GeneratedRuleId().Replace(estate.GetRawText(), m =>
            m.Value is "sgr-0a910000000000443" or "sgr-0a910000000008080" ? m.Value
            : numbering.TryGetValue(m.Value, out var n) ? n : numbering[m.Value] = $"sgr-generated-{numbering.Count + 1}");
    }

    [GeneratedRegex("sgr-[0-9a-f]+")]
    private static partial Regex GeneratedRuleId();
}

public sealed class SameEditsSameDraftSqliteTests(SqliteApp fixture) : SameEditsSameDraftTests(fixture), IClassFixture<SqliteApp>;

public sealed class SameEditsSameDraftPostgresTests(PostgresApp fixture) : SameEditsSameDraftTests(fixture), IClassFixture<PostgresApp>;
