using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Accounts;

/// <summary>
/// Every API endpoint × every kind of caller, over real HTTP on PostgreSQL: anonymous callers and revoked or expired
/// tokens get 401, callers whose role or token is too narrow get 403, and the callers that may get past authorization
/// (whatever the handler then says about the placeholder input). The six roles call with an unrestricted write token
/// each; the owner also calls with a session cookie, a read token, write tokens bound to the policy or to another
/// one, and one that expires in an hour; the administrator with a read token and one bound to the policy. Calls that
/// may change something get a policy of their own, so one caller's delete cannot hide the next one's answer; refused
/// calls and reads share one. Users and tokens are made once per class.
/// </summary>
public sealed partial class EndpointAccessTests(PostgresApp fixture) : IClassFixture<PostgresApp>
{
    // Unrestricted credentials: every role's write token, the owner's session and expiring token.
    private const string Signed = "nonmember viewer editor reviewer owner admin session expiring";
    // Any signed-in credential at all, however narrow.
    private const string Anyone = Signed + " read bound elsewhere admin-read admin-bound";
    private const string View = "viewer editor reviewer owner admin session read bound expiring admin-read admin-bound";
    private const string Edit = "editor reviewer owner" + OwnersWrites;
    private const string Owner = "owner admin admin-bound" + OwnersWrites;
    // The owner's credentials that may write to the policy (a read token and one bound elsewhere may not).
    private const string OwnersWrites = " session bound expiring";

    private static readonly ConditionalWeakTable<PostgresApp, Task<Callers>> CallersOfApp = [];

    /// <summary>Endpoint name, query string, and who may call it (the request's author is the editor).</summary>
    public static TheoryData<string, string, string> Expected => new()
    {
        { "ListPolicies", "", Anyone }, { "CreatePolicy", "", Signed }, { "ImportPolicy", "", Signed },
        { "GetPolicy", "", View }, { "RenamePolicy", "", Owner }, { "DeletePolicy", "", Owner },
        { "ListRevisions", "", View }, { "GetLatestRevision", "", View }, { "GetRevision", "", View },
        { "ExportPolicy", "?format=terraform", View },
        { "SearchDraftRules", "?q=443", View }, { "SearchRevisionRules", "?q=443", View },
        { "CompareRevisions", "", View }, { "RevertToRevision", "", Edit },
        { "ListDrafts", "", View }, { "CreateDraft", "", Edit }, { "GetDraft", "", View },
        { "PublishDraft", "", "owner" + OwnersWrites }, { "AbandonDraft", "", Edit }, { "ReplaceDraftContent", "", Edit },
        { "GetGroup", "", View }, { "CreateGroup", "", Edit }, { "UpdateGroup", "", Edit }, { "DeleteGroup", "", Edit },
        { "GetRule", "", View }, { "CreateRule", "", Edit }, { "PutRule", "", Edit }, { "DeleteRule", "", Edit }, { "PasteRules", "", Edit },
        { "GetPrefixList", "", View }, { "PutPrefixList", "", Edit }, { "DeletePrefixList", "", Edit },
        { "ListNetworkAcls", "", View }, { "GetNetworkAcl", "", View }, { "CreateNetworkAcl", "", Edit }, { "DeleteNetworkAcl", "", Edit },
        { "AddNetworkAclRule", "", Edit }, { "ChangeNetworkAclRule", "", Edit }, { "DeleteNetworkAclRule", "", Edit },
        { "MoveNetworkAclRule", "", Edit }, { "AssociateNetworkAclSubnet", "", Edit }, { "SetInstanceEphemeralPorts", "", Edit },
        { "GetNetworkInterface", "", View }, { "PutNetworkInterface", "", Edit }, { "DeleteNetworkInterface", "", Edit },
        { "AttachNetworkInterface", "", Edit }, { "DetachNetworkInterface", "", Edit },
        { "GetInstance", "", View }, { "PutInstance", "", Edit }, { "DeleteInstance", "", Edit },
        { "PutVpc", "", Edit }, { "DeleteVpc", "", Edit }, { "PutSubnet", "", Edit }, { "DeleteSubnet", "", Edit },
        { "ListChangeRequests", "", View }, { "OpenChangeRequest", "", Edit }, { "GetChangeRequest", "", View },
        { "GetChangeRequestImpact", "", View }, { "ListChangeRequestComments", "", View }, { "CommentOnChangeRequest", "", Edit }, { "ReviewChangeRequest", "", "reviewer owner" + OwnersWrites },
        { "MergeChangeRequest", "", Edit }, { "CloseChangeRequest", "", "editor owner" + OwnersWrites },
        { "PreviewChangeRequestMerge", "", View }, { "ResolveChangeRequestConflicts", "", Edit },
        { "DismissChangeRequestReview", "", Owner },
        { "SetChangeRequestReviewers", "", "editor owner" + OwnersWrites }, { "AddChangeRequestReviewers", "", "editor owner" + OwnersWrites },
        { "ListChangeRequestsWaitingForMyReview", "", Anyone },
        { "ListMembers", "", View }, { "AddMember", "", Owner }, { "ChangeMemberRole", "", Owner }, { "RemoveMember", "", Owner },
        { "InviteToApplication", "", "admin" }, { "ListUsers", "", "admin admin-read" }, { "DisableUser", "", "admin" }, { "EnableUser", "", "admin" },
        { "GetPolicySettings", "", View }, { "SetPolicySettings", "", Owner },
        { "ListFindings", "", View }, { "AcceptFinding", "", Edit }, { "RevokeFindingAcceptance", "", Edit },
        { "GetQuotas", "", View }, { "PutQuotas", "", Edit },
        { "ReachInRevision", "", View }, { "ReachInDraft", "", View }, { "ReachInRevisionByBody", "", View }, { "ReachInDraftByBody", "", View },
        { "ReachBatchInRevision", "", View }, { "ReachBatchInDraft", "", View }, { "GetRevisionMatrix", "", View }, { "GetDraftMatrix", "", View },
        { "LintRevision", "", View }, { "LintDraft", "", View }, { "CheckRevisionAssertions", "", View }, { "CheckDraftAssertions", "", View },
        { "DiffRevisions", "", View }, { "DiffRevisionAgainst", "", View }, { "DiffDraft", "", View }, { "PlanImpact", "", View },
        { "GetGraphLayout", "", View }, { "PutGraphLayout", "", Edit },
        { "ListDeployedSnapshots", "", View }, { "UploadDeployedSnapshot", "", Edit }, { "GetDeployedSnapshot", "", View },
        { "DeleteDeployedSnapshot", "", Edit }, { "DeployedSnapshotDrift", "", View }, { "AdoptDeployedRule", "", Edit },
        // The placeholder body asks for a token without expiry or policy: more than a narrower token has.
        { "ListAccessTokens", "", Anyone }, { "CreateAccessToken", "", "nonmember viewer editor reviewer owner admin session" },
        { "RevokeAccessToken", "", Signed },
        { "ListAuditEntries", "", "admin admin-read" }, { "ListAuditEntries", "?policyId={policyId}", View },
        { "ExportAuditCsv", "", "admin admin-read" }, { "ExportAuditCsv", "?policyId={policyId}", View },
    };

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
        var callers = await CallersAsync();
        var shared = await WorldAsync(callers.Users);
        var reads = Method(endpoint) == "GET";
        foreach (var credential in new[] { callers.Anonymous, callers.Revoked, callers.Expired })
        {
            var response = await CallAsync(credential, endpoint, query, shared);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized,
                $"{endpoint} should answer 401 without a valid credential, got {(int)response.StatusCode}: {await BodyAsync(response)}");
        }
        foreach (var kind in callers.Kinds)
        {
            var mayCall = allowed.Split(' ').Contains(kind);
            // A call that may change something gets a policy of its own; reads and refusals change nothing.
            var world = mayCall && !reads ? await WorldAsync(callers.Users) : shared;
            var response = await CallAsync(await callers.ClientAsync(kind, world.PolicyId), endpoint, query, world);
            var body = await BodyAsync(response);
            if (mayCall)
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)response.StatusCode < 500,
                    $"{endpoint} should let the {kind} through, got {(int)response.StatusCode}: {body}");
            else
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{endpoint} should refuse the {kind} with 403, got {(int)response.StatusCode}: {body}");
        }
    }

    [Fact]
    public async Task Outside_the_api_a_bearer_token_counts_for_nothing_pages_redirect_to_sign_in_and_the_hub_answers_401()
    {
        var callers = await CallersAsync();
        var world = await WorldAsync(callers.Users);
        using var bearer = NoRedirects();
        bearer.DefaultRequestHeaders.Authorization = callers.Users["owner"].Client.DefaultRequestHeaders.Authorization;
        using var anonymous = NoRedirects();
        var endpoints = NonApiEndpoints().ToList();

        foreach (var endpoint in endpoints)
        {
            var withToken = await CallAsync(bearer, endpoint, world);
            var withNothing = await CallAsync(anonymous, endpoint, world);
            Assert.True((withToken.StatusCode, withToken.Headers.Location) == (withNothing.StatusCode, withNothing.Headers.Location),
                $"{endpoint.RoutePattern.RawText} answers a bearer token with {(int)withToken.StatusCode} {withToken.Headers.Location}, " +
                $"but an anonymous caller with {(int)withNothing.StatusCode} {withNothing.Headers.Location}");
        }
        Assert.Superset(new HashSet<string> { "/", "/policies/{PolicyId:guid}", "/account/tokens", "/account/sign-out", "/_blazor", "/_blazor/negotiate" },
            endpoints.Select(e => e.RoutePattern.RawText!).ToHashSet());
        var page = await bearer.GetAsync($"/policies/{world.PolicyId}", TestContext.Current.CancellationToken);
        Assert.Equal((HttpStatusCode.Redirect, "/account/sign-in"), (page.StatusCode, new Uri(fixture.App.BaseAddress, page.Headers.Location!).AbsolutePath));
        var hub = await bearer.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, hub.StatusCode);
    }

    [Fact]
    public async Task A_read_token_only_reads_and_a_policy_bound_token_only_reaches_its_policy()
    {
        var callers = await CallersAsync();
        var world = await WorldAsync(callers.Users);
        var other = await WorldAsync(callers.Users);
        var read = await callers.ClientAsync("read", world.PolicyId);
        var bound = await callers.ClientAsync("bound", world.PolicyId);

        Assert.Equal(HttpStatusCode.OK, (await CallAsync(read, "GetDraft", "", world)).StatusCode);
        var write = await CallAsync(read, "CreateRule", "", world);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Contains("access token", await BodyAsync(write));
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(bound, "GetDraft", "", world)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await CallAsync(bound, "GetDraft", "", other)).StatusCode);
        var listed = await bound.GetFromJsonAsync<Page<PolicySummary>>("/api/policies", TestContext.Current.CancellationToken);
        Assert.Equal([world.PolicyId], listed!.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task A_revoked_expired_or_made_up_token_gets_401_naming_why()
    {
        var callers = await CallersAsync();

        var revoked = await callers.Revoked.GetAsync("/api/policies", TestContext.Current.CancellationToken);
        var expired = await callers.Expired.GetAsync("/api/policies", TestContext.Current.CancellationToken);
        var madeUp = await fixture.ClientWithToken("sgd_pat_not-a-real-token").GetAsync("/api/policies", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("revoked", await BodyAsync(revoked));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", await BodyAsync(expired));
        Assert.Equal(HttpStatusCode.Unauthorized, madeUp.StatusCode);
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private IEnumerable<RouteEndpoint> ApiEndpoints() =>
        Endpoints().Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true);

    // Pages, the account endpoints and the Blazor hub: everything outside the API that needs a signed-in user.
    private IEnumerable<RouteEndpoint> NonApiEndpoints() =>
        Endpoints().Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == false
            && e.Metadata.GetMetadata<IAllowAnonymous>() is null);

    private static string Name(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint.RoutePattern.RawText!;

    private static string MethodOf(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods[0] : "GET";

    private string Method(string endpoint) => MethodOf(ApiEndpoints().First(e => Name(e) == endpoint));

    private static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    private Task<HttpResponseMessage> CallAsync(HttpClient client, string endpoint, string query, World world) =>
        CallAsync(client, ApiEndpoints().Single(e => Name(e) == endpoint), world, query);

    private static async Task<HttpResponseMessage> CallAsync(HttpClient client, RouteEndpoint route, World world, string query = "")
    {
        var method = MethodOf(route);
        // Disabling a real account would revoke its tokens for the rest of the class: these get a made-up user.
        if (route.RoutePattern.RawText!.StartsWith("/api/users/", StringComparison.Ordinal))
            world = world with { Values = new(world.Values) { ["userId"] = Guid.NewGuid().ToString() } };
        var path = Placeholder().Replace(route.RoutePattern.RawText!, m => world.Value(m.Groups[1].Value));
        var request = new HttpRequestMessage(new HttpMethod(method), path + Placeholder().Replace(query, m => world.Value(m.Groups[1].Value)));
        if (method is "POST" or "PUT")
            request.Content = route.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true
                ? new MultipartFormDataContent() : JsonContent.Create(new { });
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{world.DraftVersion}\"");
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private HttpClient NoRedirects(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer() }) { BaseAddress = fixture.App.BaseAddress };

    private Task<Callers> CallersAsync() => CallersOfApp.GetValue(fixture, _ => NewCallersAsync());

    // Made once per class (per app): the users, the owner's session, and a token of each kind.
    private async Task<Callers> NewCallersAsync()
    {
        var users = new Dictionary<string, TestUser>
        {
            ["nonmember"] = await fixture.NewUserAsync("Nora Nonmember"),
            ["viewer"] = await fixture.NewUserAsync("Vic Viewer"),
            ["editor"] = await fixture.NewUserAsync("Eddie Editor"),
            ["reviewer"] = await fixture.NewUserAsync("Rita Reviewer"),
            ["owner"] = await fixture.NewUserAsync("Olga Owner"),
            ["admin"] = fixture.Admin,
        };
        var owner = users["owner"];
        var ct = TestContext.Current.CancellationToken;
        var elsewhere = await fixture.App.Services.GetRequiredService<PolicyStore>().CreatePolicyAsync($"elsewhere {Guid.NewGuid():N}", null, null, owner.Actor, ct);
        using var browser = await fixture.SignedInBrowserAsync(owner);
        var clients = users.ToDictionary(u => u.Key, u => u.Value.Client);
        clients["session"] = NoRedirects(browser.Cookies);
        clients["read"] = fixture.ClientWithToken(await fixture.TokenAsync(owner, TokenScope.Read));
        clients["elsewhere"] = fixture.ClientWithToken(await fixture.TokenAsync(owner, TokenScope.Write, elsewhere.Value.Id));
        clients["expiring"] = fixture.ClientWithToken(await fixture.TokenAsync(owner, TokenScope.Write, expiresAt: DateTime.UtcNow.AddHours(1)));
        clients["admin-read"] = fixture.ClientWithToken(await fixture.TokenAsync(users["admin"], TokenScope.Read));
        var tokens = fixture.App.Services.GetRequiredService<AccessTokenStore>();
        var revoked = (await tokens.CreateAsync(owner.Actor, "revoked", TokenScope.Write, ct: ct)).Value;
        await tokens.RevokeAsync(owner.Actor, revoked.Info.Id, ct);
        return new Callers(fixture, users, clients, fixture.Anonymous, fixture.ClientWithToken(revoked.Token),
            fixture.ClientWithToken(await fixture.ExpiredTokenAsync(owner)));
    }

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
        return new World(policy.Id, draft.Id, draft.Version, request.Id, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["groupId"] = group.Id, ["ruleId"] = group.Rules[0].Id, ["eniId"] = eni.Id, ["instanceId"] = eni.InstanceId!,
            ["prefixListId"] = estate.PrefixLists.FirstOrDefault()?.Id ?? "pl-00000000000000001", ["vpcId"] = estate.Vpcs[0].Id,
            ["subnetId"] = estate.Subnets[0].Id, ["number"] = "1", ["revision"] = "latest", ["other"] = "1", ["userId"] = users["viewer"].Id.ToString(), ["tokenId"] = Guid.NewGuid().ToString(),
            ["reviewId"] = Guid.NewGuid().ToString(), ["from"] = "1", ["to"] = "1",
            ["aclId"] = estate.NetworkAcls.FirstOrDefault()?.Id ?? "acl-00000000000000001", ["direction"] = "inbound", ["ruleNumber"] = "100",
            ["snapshotId"] = Guid.NewGuid().ToString(),
        });
    }

    /// <summary>Who calls: each kind's client; tokens bound to a policy are made for the policy of the call, once.</summary>
    private sealed class Callers(
        PostgresApp fixture, Dictionary<string, TestUser> users, Dictionary<string, HttpClient> clients,
        HttpClient anonymous, HttpClient revoked, HttpClient expired)
    {
        private readonly Dictionary<(string Kind, Guid PolicyId), HttpClient> _bound = [];

        public static IReadOnlyList<string> AllKinds { get; } =
            ["nonmember", "viewer", "editor", "reviewer", "owner", "admin", "session", "read", "bound", "elsewhere", "expiring", "admin-read", "admin-bound"];

        public IReadOnlyList<string> Kinds => AllKinds;

        public Dictionary<string, TestUser> Users => users;

        public HttpClient Anonymous => anonymous;

        public HttpClient Revoked => revoked;

        public HttpClient Expired => expired;

        public async Task<HttpClient> ClientAsync(string kind, Guid policyId)
        {
            if (kind is not ("bound" or "admin-bound"))
                return clients[kind];
            if (!_bound.TryGetValue((kind, policyId), out var client))
            {
                var user = kind == "bound" ? users["owner"] : users["admin"];
                _bound[(kind, policyId)] = client = fixture.ClientWithToken(await fixture.TokenAsync(user, TokenScope.Write, policyId));
            }
            return client;
        }
    }

    private sealed record World(Guid PolicyId, Guid DraftId, long DraftVersion, Guid RequestId, Dictionary<string, string> Values)
    {
        // For a page's parameter the table does not know: the same value on every call, so two answers compare.
        private const string Unknown = "00000000-0000-0000-0000-00000000000a";

        public string Value(string name) => name.ToLowerInvariant() switch
        {
            "policyid" => PolicyId.ToString(),
            "draftid" => DraftId.ToString(),
            "requestid" => RequestId.ToString(),
            _ => Values.TryGetValue(name, out var value) ? value : Unknown,
        };
    }

    // A route parameter, with any constraint, optional mark or catch-all stars.
    [GeneratedRegex(@"\{\**(\w+)[^}]*\}")]
    private static partial Regex Placeholder();
}
