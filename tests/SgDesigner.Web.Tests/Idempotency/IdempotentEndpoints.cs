using System.Collections.Immutable;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data;
using SgDesigner.Data.Store;
using SgDesigner.Web.Tests.Corpus;
using SgDesigner.Web.Tests.Features.Import;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Idempotency;

/// <summary>One creating POST that honours <c>Idempotency-Key</c>: how to make its request for a user, and how many of what it creates exist.</summary>
/// <param name="Name">The operation.</param>
/// <param name="Prepare">Sets up what the request needs (a policy, a draft, a request) and returns a factory of identical requests.</param>
/// <param name="Count">How many rows of what it creates the database holds.</param>
public sealed record CreatingEndpoint(string Name, Func<AppFixture, TestUser, Task<Func<HttpRequestMessage>>> Prepare, Func<SgDbContext, Task<int>> Count);

/// <summary>Every creating POST with <c>.WithIdempotency()</c> that a test drives end to end.</summary>
public static class IdempotentEndpoints
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The endpoints, by operation name.</summary>
    public static IReadOnlyDictionary<string, CreatingEndpoint> All { get; } = new CreatingEndpoint[]
    {
        new("CreatePolicy", (_, _) => Json("/api/policies", new { name = Unique("policy"), description = "idempotent" }),
            db => db.Policies.CountAsync(Token)),
        new("CreateDraft", async (_, user) => await Json($"/api/policies/{await user.Client.NewPolicyAsync()}/drafts", new { title = "a draft" }),
            db => db.Drafts.CountAsync(Token)),
        new("OpenChangeRequest", async (_, user) => await Json($"/api/drafts/{(await user.Client.NewDemoDraftAsync()).Id}/request", new { title = "a request" }),
            db => db.ChangeRequests.CountAsync(Token)),
        new("CommentOnChangeRequest", async (_, user) => await Json($"/api/requests/{await NewRequestAsync(user)}/comments", new { body = "a comment" }),
            db => db.ReviewComments.CountAsync(Token)),
        new("CreateAccessToken", (_, _) => Json("/api/account/tokens", new { name = Unique("token"), scope = "read" }),
            db => db.PersonalAccessTokens.CountAsync(Token)),
        new("ImportPolicy", (_, _) => Import(Unique("imported")), db => db.Policies.CountAsync(Token)),
        new("CreateGroup", async (_, user) =>
        {
            var draft = await user.Client.NewDemoDraftAsync();
            return () => ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draft.Id}/groups", draft.Version,
                new { name = "idempotent-group", description = "made once", vpcId = DemoEstate.VpcId });
        }, db => db.SecurityGroups.CountAsync(Token)),
        new("CreateRule", async (_, user) =>
        {
            var draft = await user.Client.NewDemoDraftAsync();
            return () => ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draft.Id}/groups/{DemoEstate.Web}/rules", draft.Version,
                new { direction = "inbound", protocol = "tcp", fromPort = 8081, toPort = 8082, cidr = "10.9.0.0/16" });
        }, db => db.Rules.CountAsync(Token)),
        new("AddMember", async (_, user) => await Json($"/api/policies/{await user.Client.NewPolicyAsync()}/members",
            new { email = $"{Unique("new")}@example.test".Replace(' ', '.'), role = "viewer" }), db => db.Invitations.CountAsync(Token)),
        new("AcceptFinding", async (fixture, user) => await Json($"/api/policies/{await PolicyWithSshOpenAsync(fixture, user)}/findings/acceptances",
            new { check = "SGD001", groupId = SshGroup, ruleId = SshRule, reason = "bastion behind the VPN" }), db => db.FindingAcceptances.CountAsync(Token)),
        new("CreateNetworkAcl", async (_, user) =>
        {
            var draft = await user.Client.NewDemoDraftAsync();
            return () => ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draft.Id}/network-acls", draft.Version,
                new { id = "acl-0000000000000d0e1", vpcId = DemoEstate.VpcId, name = "made once" });
        }, db => db.NetworkAcls.CountAsync(Token)),
        new("AddNetworkAclRule", async (_, user) =>
        {
            var draft = await user.Client.NewDemoDraftAsync();
            using var create = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draft.Id}/network-acls", draft.Version,
                new { id = "acl-0000000000000d0e2", vpcId = DemoEstate.VpcId, name = "rules" });
            var version = (await (await user.Client.SendAsync(create, Token)).ReadAsync(System.Net.HttpStatusCode.Created)).GetProperty("version").GetInt64();
            return () => ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draft.Id}/network-acls/acl-0000000000000d0e2/rules", version,
                new { direction = "inbound", ruleNumber = 100, protocol = "tcp", fromPort = 443, toPort = 443, cidr = "10.0.0.0/16", action = "allow" });
        }, db => db.NetworkAclEntries.CountAsync(Token)),
        new("UploadDeployedSnapshot", async (_, user) => await Json($"/api/policies/{await user.Client.NewPolicyAsync()}/snapshots",
            System.Text.Json.Nodes.JsonNode.Parse(Drift.DriftSample.AsDesigned)!), db => db.DeployedSnapshots.CountAsync(Token)),
        new("InviteToApplication", (_, _) => Json("/api/invitations", new { email = $"{Unique("invitee")}@example.test".Replace(' ', '.') }),
            db => db.Invitations.CountAsync(Token)),
    }.ToDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>The operation names, for a theory.</summary>
    public static TheoryData<string> Names => [.. All.Keys];

    /// <summary>A factory of identical JSON POSTs (the same bytes every time).</summary>
    public static Task<Func<HttpRequestMessage>> Json(string uri, object body)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web);
        return Task.FromResult<Func<HttpRequestMessage>>(() => new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } },
        });
    }

    /// <summary>A factory of imports of the demo as a policy document: each a new multipart form, with a new boundary.</summary>
    public static Task<Func<HttpRequestMessage>> Import(string name) =>
        Task.FromResult<Func<HttpRequestMessage>>(() => new HttpRequestMessage(HttpMethod.Post, "/api/policies/import")
        {
            Content = ImportApiTests.Form([("policy.json", CorpusWorld.PolicyDocument)], ("name", name)),
        });

    private const string SshGroup = "sg-0000000000000web0", SshRule = "sgr-0000000000000ssh0";

    // A policy whose one group lets SSH in from anywhere: lint finding SGD001 fires on it.
    private static async Task<Guid> PolicyWithSshOpenAsync(AppFixture fixture, TestUser owner)
    {
        var estate = Estate.Empty with
        {
            Vpcs = [new Vpc("vpc-00000000000000001", "test", [Cidr.Parse("10.0.0.0/16").Value])],
            Groups =
            [
                new SecurityGroup(SshGroup, "web", "web servers", "vpc-00000000000000001", ImmutableSortedDictionary<string, string>.Empty,
                    [new Rule(SshRule, Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4), "ssh")]),
            ],
        };
        var created = await fixture.App.Services.GetRequiredService<PolicyStore>().CreatePolicyAsync(Unique("findings"), null, estate, owner.Actor, Token);
        Assert.True(created.IsOk, created.ToString());
        return created.Value.Id;
    }

    private static string Unique(string what) => $"{what} {Guid.NewGuid():N}";

    private static async Task<Guid> NewRequestAsync(TestUser user)
    {
        var draft = await user.Client.NewDemoDraftAsync();
        var opened = await user.Client.PostAsJsonAsync($"/api/drafts/{draft.Id}/request", new { title = "to comment on" }, Token);
        return (await opened.ReadAsync(System.Net.HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }
}
