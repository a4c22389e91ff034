using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Members;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Members;

/// <summary>
/// Adding, re-roling and removing a member, inviting someone, and disabling and enabling an account the members and users
/// pages' way (<see cref="MemberAdmin"/> with the circuit's caller) and over the HTTP API leave the same audit rows and
/// raise the same live-update events, step by step.
/// </summary>
public abstract class SameMemberWritesTests(AppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_members_pages_and_the_api_leave_the_same_audit_rows_and_events()
    {
        var member = await fixture.NewUserAsync("Mo Member");
        var page = await ThroughThePagesAsync(member);
        var api = await ThroughTheApiAsync(member);

        Assert.Equal(7, page.Count);
        WriteTrace.AssertSame(page, api);
        Assert.Equal(["membership.added", "membership.changed", "membership.removed", "user.invited", "user.invited"],
            page.Take(5).Select(r => r.Audit.Single().Action));
        var roleChanged = new EventShape(ReviewEventKind.PolicyChanged, "policy", null, null);
        Assert.All(page.Take(3), r => Assert.Equal([roleChanged], r.Events));
        Assert.All(page.Skip(3), r => Assert.Empty(r.Events));
        Assert.All(page.Skip(5), r => Assert.NotEmpty(r.Audit));
    }

    private async Task<List<WriteRecord>> ThroughThePagesAsync(TestUser member)
    {
        var (labels, policyId, invitee, account) = await StartAsync("page");
        var admin = fixture.App.Services.GetRequiredService<MemberAdmin>();
        var owner = WriteTrace.PageCaller(fixture.Admin, isAdministrator: true);
        var trace = new WriteTrace(fixture, labels);
        var records = new List<WriteRecord>();
        async Task StepAsync<T>(Func<Task<StoreResult<T>>> action) =>
            records.Add(await trace.RecordAsync(async () =>
            {
                var done = await action();
                Assert.True(done.IsOk, done.ToString());
            }));

        await StepAsync(() => admin.AddAsync(owner, policyId, member.Id, null, PolicyRole.Viewer, Token));
        await StepAsync(() => admin.ChangeRoleAsync(owner, policyId, member.Id, PolicyRole.Reviewer, ct: Token));
        await StepAsync(() => admin.RemoveAsync(owner, policyId, member.Id, Token));
        await StepAsync(() => admin.AddAsync(owner, policyId, null, invitee, PolicyRole.Editor, Token));
        await StepAsync(() => admin.InviteAsync(owner, $"app.{invitee}", Token));
        await StepAsync(() => admin.SetDisabledAsync(owner, account.Id, true, Token));
        await StepAsync(() => admin.SetDisabledAsync(owner, account.Id, false, Token));
        return records;
    }

    private async Task<List<WriteRecord>> ThroughTheApiAsync(TestUser member)
    {
        var (labels, policyId, invitee, account) = await StartAsync("api");
        var client = fixture.Client;
        var members = $"/api/policies/{policyId}/members";
        var trace = new WriteTrace(fixture, labels);
        var records = new List<WriteRecord>();
        async Task StepAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected) =>
            records.Add(await trace.RecordAsync(async () => Assert.Equal(expected, (await send()).StatusCode)));

        await StepAsync(() => client.PostAsJsonAsync(members, new { userId = member.Id, role = "viewer" }, Token), HttpStatusCode.Created);
        await StepAsync(() => client.SendIfMatchAsync(HttpMethod.Put, $"{members}/{member.Id}", members, new { role = "reviewer" }), HttpStatusCode.OK);
        await StepAsync(() => client.DeleteAsync($"{members}/{member.Id}", Token), HttpStatusCode.NoContent);
        await StepAsync(() => client.PostAsJsonAsync(members, new { email = invitee, role = "editor" }, Token), HttpStatusCode.Accepted);
        await StepAsync(() => client.PostAsJsonAsync("/api/invitations", new { email = $"app.{invitee}" }, Token), HttpStatusCode.Created);
        await StepAsync(() => client.PostAsync($"/api/users/{account.Id}/disable", null, Token), HttpStatusCode.OK);
        await StepAsync(() => client.PostAsync($"/api/users/{account.Id}/enable", null, Token), HttpStatusCode.OK);
        return records;
    }

    // Per run: a policy of the administrator's, an e-mail nobody has yet, and an account to disable and enable.
    private async Task<(Dictionary<string, string> Labels, Guid PolicyId, string Invitee, TestUser Account)> StartAsync(string path)
    {
        var created = await fixture.App.Services.GetRequiredService<PolicyStore>()
            .CreatePolicyAsync($"members by the {path} {Guid.NewGuid():N}", null, null, fixture.Admin.Actor, Token);
        var invitee = $"invitee.{path}.{Guid.NewGuid():N}@example.test";
        var account = await fixture.NewUserAsync($"Acc {path}");
        var labels = new Dictionary<string, string>
        {
            [created.Value.Id.ToString()] = "policy", [invitee] = "the invitee", [account.Id.ToString()] = "the account",
            [account.Email] = "the account's e-mail", [account.DisplayName] = "the account's name",
        };
        return (labels, created.Value.Id, invitee, account);
    }
}

public sealed class SameMemberWritesSqliteTests(SqliteApp fixture) : SameMemberWritesTests(fixture), IClassFixture<SqliteApp>;

public sealed class SameMemberWritesPostgresTests(PostgresApp fixture) : SameMemberWritesTests(fixture), IClassFixture<PostgresApp>;
