using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Accounts;

/// <summary>
/// Every API endpoint × every kind of caller, over real HTTP on PostgreSQL: anonymous callers get 401, callers whose
/// role is too low get 403, and the roles that may get past authorization (whatever the handler then says about the
/// placeholder input). Each allowed call gets a policy of its own, so one role's delete cannot hide the next one's answer.
/// </summary>
public sealed partial class EndpointAccessTests(PostgresApp fixture) : IClassFixture<PostgresApp>
{
    private const string Signed = "nonmember viewer editor reviewer owner admin";
    private const string View = "viewer editor reviewer owner admin";
    private const string Edit = "editor reviewer owner";
    private const string Owner = "owner admin";

    /// <summary>Endpoint name, query string, and who may call it (the request's author is the editor).</summary>
    public static TheoryData<string, string, string> Expected => new()
    {
        { "ListPolicies", "", Signed }, { "CreatePolicy", "", Signed }, { "ImportPolicy", "", Signed },
        { "GetPolicy", "", View }, { "RenamePolicy", "", Owner }, { "DeletePolicy", "", Owner },
        { "ListRevisions", "", View }, { "GetLatestRevision", "", View }, { "GetRevision", "", View },
        { "ExportPolicy", "?format=terraform", View },
        { "ListDrafts", "", View }, { "CreateDraft", "", Edit }, { "GetDraft", "", View },
        { "PublishDraft", "", "owner" }, { "AbandonDraft", "", Edit },
        { "GetGroup", "", View }, { "CreateGroup", "", Edit }, { "UpdateGroup", "", Edit }, { "DeleteGroup", "", Edit },
        { "GetRule", "", View }, { "CreateRule", "", Edit }, { "PutRule", "", Edit }, { "DeleteRule", "", Edit },
        { "GetPrefixList", "", View }, { "PutPrefixList", "", Edit }, { "DeletePrefixList", "", Edit },
        { "GetNetworkInterface", "", View }, { "PutNetworkInterface", "", Edit }, { "DeleteNetworkInterface", "", Edit },
        { "GetInstance", "", View }, { "PutInstance", "", Edit }, { "DeleteInstance", "", Edit },
        { "PutVpc", "", Edit }, { "DeleteVpc", "", Edit }, { "PutSubnet", "", Edit }, { "DeleteSubnet", "", Edit },
        { "ListChangeRequests", "", View }, { "OpenChangeRequest", "", Edit }, { "GetChangeRequest", "", View },
        { "GetChangeRequestImpact", "", View }, { "CommentOnChangeRequest", "", Edit }, { "ReviewChangeRequest", "", "reviewer owner" },
        { "MergeChangeRequest", "", Edit }, { "CloseChangeRequest", "", "editor owner" },
        { "PreviewChangeRequestMerge", "", View }, { "ResolveChangeRequestConflicts", "", Edit },
        { "ListMembers", "", View }, { "AddMember", "", Owner }, { "ChangeMemberRole", "", Owner }, { "RemoveMember", "", Owner },
        { "InviteToApplication", "", "admin" }, { "ListUsers", "", "admin" }, { "DisableUser", "", "admin" }, { "EnableUser", "", "admin" },
        { "GetPolicySettings", "", View }, { "SetPolicySettings", "", Owner },
        { "ListAccessTokens", "", Signed }, { "CreateAccessToken", "", Signed }, { "RevokeAccessToken", "", Signed },
        { "ListAuditEntries", "", "admin" }, { "ListAuditEntries", "?policyId={policyId}", View },
        { "ExportAuditCsv", "", "admin" }, { "ExportAuditCsv", "?policyId={policyId}", View },
    };

    private Dictionary<string, TestUser>? _users;

    [Fact]
    public void Every_api_endpoint_declares_what_it_needs_and_is_in_the_table()
    {
        var endpoints = ApiEndpoints().ToList();

        Assert.All(endpoints, e => Assert.True(
            e.Metadata.GetMetadata<PolicyAccessRequirement>() is not null || e.Metadata.GetMetadata<SignedInOnly>() is not null,
            $"{e.RoutePattern.RawText} declares neither RequirePolicyAccess nor RequireSignedIn"));
        var listed = Expected.Select(row => row.Data.Item1).ToHashSet();
        Assert.DoesNotContain(endpoints.Select(Name), name => !listed.Contains(name));
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task The_server_allows_exactly_the_expected_callers(string endpoint, string query, string allowed)
    {
        var users = await UsersAsync();
        var refused = await WorldAsync(users);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(fixture.Anonymous, endpoint, query, refused)).StatusCode);
        foreach (var (kind, user) in users)
        {
            var world = allowed.Split(' ').Contains(kind) ? await WorldAsync(users) : refused;
            var response = await CallAsync(user.Client, endpoint, query, world);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (allowed.Split(' ').Contains(kind))
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    $"{endpoint} should let the {kind} through, got {(int)response.StatusCode}: {body}");
            else
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{endpoint} should refuse the {kind} with 403, got {(int)response.StatusCode}: {body}");
        }
    }

    [Fact]
    public async Task A_read_token_only_reads_and_a_policy_bound_token_only_reaches_its_policy()
    {
        var users = await UsersAsync();
        var world = await WorldAsync(users);
        var other = await WorldAsync(users);
        var read = fixture.ClientWithToken(await fixture.TokenAsync(users["owner"], TokenScope.Read));
        var bound = fixture.ClientWithToken(await fixture.TokenAsync(users["owner"], TokenScope.Write, world.PolicyId));

        Assert.Equal(HttpStatusCode.OK, (await CallAsync(read, "GetDraft", "", world)).StatusCode);
        var write = await CallAsync(read, "CreateRule", "", world);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Contains("access token", await write.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(bound, "GetDraft", "", world)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await CallAsync(bound, "GetDraft", "", other)).StatusCode);
        var listed = await bound.GetFromJsonAsync<List<PolicySummary>>("/api/policies", TestContext.Current.CancellationToken);
        Assert.Equal([world.PolicyId], listed!.Select(p => p.Id));
    }

    [Fact]
    public async Task A_revoked_or_made_up_token_gets_401_naming_why()
    {
        var users = await UsersAsync();
        var token = await fixture.TokenAsync(users["viewer"], TokenScope.Read);
        var tokens = fixture.App.Services.GetRequiredService<AccessTokenStore>();
        var id = (await tokens.ListAsync(users["viewer"].Id, TestContext.Current.CancellationToken)).First(t => token.StartsWith(t.Prefix, StringComparison.Ordinal)).Id;
        await tokens.RevokeAsync(users["viewer"].Actor, id, TestContext.Current.CancellationToken);

        var revoked = await fixture.ClientWithToken(token).GetAsync("/api/policies", TestContext.Current.CancellationToken);
        var madeUp = await fixture.ClientWithToken("sgd_pat_not-a-real-token").GetAsync("/api/policies", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("revoked", await revoked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, madeUp.StatusCode);
    }

    private IEnumerable<RouteEndpoint> ApiEndpoints() =>
        fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true);

    private static string Name(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint.RoutePattern.RawText!;

    private async Task<HttpResponseMessage> CallAsync(HttpClient client, string endpoint, string query, World world)
    {
        var route = ApiEndpoints().Single(e => Name(e) == endpoint);
        var method = route.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single();
        // Disabling a real account would revoke its tokens for the rest of the class: these get a made-up user.
        if (route.RoutePattern.RawText!.StartsWith("/api/users/", StringComparison.Ordinal))
            world = world with { Values = new(world.Values) { ["userId"] = Guid.NewGuid().ToString() } };
        var path = Placeholder().Replace(route.RoutePattern.RawText!, m => world.Value(m.Groups[1].Value));
        var request = new HttpRequestMessage(new HttpMethod(method), path + Placeholder().Replace(query, m => world.Value(m.Groups[1].Value)));
        if (method is "POST" or "PUT")
            request.Content = JsonContent.Create(new { });
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{world.DraftVersion}\"");
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<Dictionary<string, TestUser>> UsersAsync() => _users ??= new()
    {
        ["nonmember"] = await fixture.NewUserAsync("Nora Nonmember"),
        ["viewer"] = await fixture.NewUserAsync("Vic Viewer"),
        ["editor"] = await fixture.NewUserAsync("Eddie Editor"),
        ["reviewer"] = await fixture.NewUserAsync("Rita Reviewer"),
        ["owner"] = await fixture.NewUserAsync("Olga Owner"),
        ["admin"] = fixture.Admin,
    };

    // A policy of the owner's (the demo estate), with the viewer, editor and reviewer as members, a draft of the
    // editor's and the editor's change request for it. The administrator is not a member.
    private async Task<World> WorldAsync(Dictionary<string, TestUser> users)
    {
        var ct = TestContext.Current.CancellationToken;
        var services = fixture.App.Services;
        var store = services.GetRequiredService<PolicyStore>();
        var estate = DemoEstate.Build();
        var policy = (await store.CreatePolicyAsync($"access {Guid.NewGuid():N}", null, estate, users["owner"].Actor, ct)).Value;
        var members = services.GetRequiredService<MembershipStore>();
        foreach (var (kind, role) in new[] { ("viewer", PolicyRole.Viewer), ("editor", PolicyRole.Editor), ("reviewer", PolicyRole.Reviewer) })
            Assert.True((await members.AddAsync(users["owner"].Actor, policy.Id, users[kind].Id, role, ct)).IsOk);
        var draft = (await store.CreateDraftAsync(policy.Id, null, "access test", users["editor"].Actor, ct)).Value;
        var request = (await services.GetRequiredService<ReviewStore>().OpenAsync(users["editor"].Actor, draft.Id, "access test", null, ct)).Value;
        var group = estate.Groups.First(g => g.Rules.Length > 0);
        var eni = estate.NetworkInterfaces.First(n => n.InstanceId is not null);
        return new World(policy.Id, draft.Id, draft.Version, request.Id, new Dictionary<string, string>
        {
            ["groupId"] = group.Id, ["ruleId"] = group.Rules[0].Id, ["eniId"] = eni.Id, ["instanceId"] = eni.InstanceId!,
            ["prefixListId"] = estate.PrefixLists.FirstOrDefault()?.Id ?? "pl-00000000000000001", ["vpcId"] = estate.Vpcs[0].Id,
            ["subnetId"] = estate.Subnets[0].Id, ["number"] = "1", ["userId"] = users["viewer"].Id.ToString(), ["tokenId"] = Guid.NewGuid().ToString(),
        });
    }

    private sealed record World(Guid PolicyId, Guid DraftId, long DraftVersion, Guid RequestId, Dictionary<string, string> Values)
    {
        public string Value(string name) => name switch
        {
            "policyId" => PolicyId.ToString(),
            "draftId" => DraftId.ToString(),
            "requestId" => RequestId.ToString(),
            _ => Values.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"no test value for route parameter {name}"),
        };
    }

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex Placeholder();
}
