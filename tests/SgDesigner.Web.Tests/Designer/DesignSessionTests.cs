using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Data.Settings;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Tests.Designer;

public sealed class DesignSessionTests : DesignerTestContext
{
    private static Rule Postgres(string id = "sgr-000000000000005432") =>
        new(id, Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web), "from web");

    [Fact]
    public async Task When_the_policy_requires_justifications_a_world_allow_without_one_is_an_error_until_it_is_justified()
    {
        var ct = TestContext.Current.CancellationToken;
        var world = new Rule("sgr-000000000000000022", Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4), "ssh");
        Assert.Null(await Session.EditAsync(GroupEdits.PutRule(Web, world), ct));
        Assert.DoesNotContain(Session.Findings, f => f.Id == "SGD041");

        Assert.True((await Services.GetRequiredService<PolicySettingsStore>().SetRequireJustificationAsync(Tester, Session.Info!.PolicyId, true, null, ct)).IsOk);
        var session = NewSession();
        Assert.Null(await session.LoadAsync(DraftId, ct));

        var finding = Assert.Single(session.Findings, f => f.Id == "SGD041");
        Assert.Equal((Severity.Error, world.Id), (finding.Severity, finding.RuleId));
        var justified = world with { Metadata = RuleMetadata.Create(justification: "the on-call's way in, reviewed weekly") };
        Assert.Null(await session.EditAsync(GroupEdits.PutRule(Web, justified), ct));
        Assert.DoesNotContain(session.Findings, f => f.Id == "SGD041");
    }

    [Fact]
    public async Task An_edit_is_stored_at_once_and_survives_a_reload()
    {
        var before = Session.Info!.Version;

        Assert.Null(await Session.EditAsync(GroupEdits.PutRule(Db, Postgres()), TestContext.Current.CancellationToken));

        Assert.True(Session.Info!.Version > before);
        var stored = await StoredDraftAsync();
        Assert.Equal(Session.Info.Version, stored.Info.Version);
        Assert.Contains(Postgres(), stored.Estate.FindGroup(Db)!.Rules);
        var reloaded = NewSession();
        await reloaded.LoadAsync(DraftId, TestContext.Current.CancellationToken);
        Assert.Contains(Postgres(), reloaded.Estate.FindGroup(Db)!.Rules);
    }

    [Fact]
    public async Task A_second_tab_editing_a_stale_version_gets_a_conflict_and_the_other_change_instead_of_overwriting_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var otherTab = NewSession();
        await otherTab.LoadAsync(DraftId, ct);
        Assert.Null(await otherTab.EditAsync(GroupEdits.PutRule(Db, Postgres()), ct));

        var failure = await Session.EditAsync(GroupEdits.PutRule(Db, Postgres("sgr-0000000000000000ff") with { FromPort = 22, ToPort = 22 }), ct);

        Assert.Equal(StoreFailureKind.Conflict, failure?.Kind);
        Assert.NotNull(Session.Conflict);
        Assert.Contains(Postgres(), Session.Estate.FindGroup(Db)!.Rules);
        Assert.Equal(otherTab.Info!.Version, Session.Info!.Version);
        var stored = await StoredDraftAsync();
        Assert.DoesNotContain(stored.Estate.FindGroup(Db)!.Rules, r => r.Id == "sgr-0000000000000000ff");
    }

    [Fact]
    public async Task The_preview_follows_an_edit_before_it_is_stored_and_changed_is_raised_again_once_it_is()
    {
        var before = Session.Info!.Version;
        var seen = new List<(bool HasRule, long Version)>();
        Session.Changed += () => seen.Add((Session.Estate.FindGroup(Db)!.Rules.Contains(Postgres()), Session.Info!.Version));

        await Session.EditAsync(GroupEdits.PutRule(Db, Postgres()), TestContext.Current.CancellationToken);

        Assert.Equal((true, before), seen[0]);
        Assert.Equal((true, Session.Info!.Version), seen[^1]);
        Assert.True(Session.Info.Version > before);
        Assert.Same(Session.Estate, Session.Engine.Estate);
        Assert.Equal(SgDesigner.Core.Lint.Linter.Lint(Session.Estate), Session.Findings);
    }

    [Fact]
    public async Task An_edit_the_store_refuses_is_taken_back_from_the_preview_and_nothing_is_stored()
    {
        var ct = TestContext.Current.CancellationToken;
        var version = Session.Info!.Version;

        var failure = await Session.EditAsync(GroupEdits.Add(IdSource.Random, "sg-0000000000000dup0", "web", "a second web"), "add group web", ct);

        Assert.Equal(StoreFailureKind.Invalid, failure?.Kind);
        Assert.Null(Session.Estate.FindGroup("sg-0000000000000dup0"));
        Assert.Null(Session.Engine.Estate.FindGroup("sg-0000000000000dup0"));
        Assert.Null(Session.UndoDescription);
        var stored = await StoredDraftAsync();
        Assert.Equal(version, stored.Info.Version);
        Assert.Null(stored.Estate.FindGroup("sg-0000000000000dup0"));
    }

    [Fact]
    public async Task Undo_takes_back_the_last_changes_one_at_a_time_and_stores_each()
    {
        var ct = TestContext.Current.CancellationToken;
        await Session.EditAsync(GroupEdits.PutRule(Db, Postgres()), "add inbound rule of db", ct);
        await Session.EditAsync(GroupEdits.PutRule(Db, Postgres() with { FromPort = 5433, ToPort = 5433 }), "change inbound rule of db", ct);
        Assert.Equal("change inbound rule of db", Session.UndoDescription);

        Assert.Null(await Session.UndoAsync(ct));

        Assert.Equal("add inbound rule of db", Session.UndoDescription);
        Assert.Contains(Postgres(), (await StoredDraftAsync()).Estate.FindGroup(Db)!.Rules);
        Assert.Null(await Session.UndoAsync(ct));
        Assert.Null(Session.UndoDescription);
        var stored = await StoredDraftAsync();
        Assert.DoesNotContain(stored.Estate.FindGroup(Db)!.Rules, r => r.Id == Postgres().Id);
        Assert.Equal(Session.Info!.Version, stored.Info.Version);
    }

    [Fact]
    public async Task Undo_never_takes_back_a_change_made_in_another_tab()
    {
        var ct = TestContext.Current.CancellationToken;
        await Session.EditAsync(GroupEdits.PutRule(Db, Postgres()), "add inbound rule of db", ct);
        var otherTab = NewSession();
        await otherTab.LoadAsync(DraftId, ct);
        Assert.Null(await otherTab.EditAsync(GroupEdits.PutRule(Db, Postgres("sgr-0000000000000other") with { FromPort = 22, ToPort = 22 }), ct));

        var failure = await Session.UndoAsync(ct);

        Assert.Equal(StoreFailureKind.Conflict, failure?.Kind);
        Assert.Null(Session.UndoDescription);
        var rules = (await StoredDraftAsync()).Estate.FindGroup(Db)!.Rules;
        Assert.Contains(Postgres(), rules);
        Assert.Contains(rules, r => r.Id == "sgr-0000000000000other");
    }

    [Fact]
    public async Task Adding_a_group_to_an_empty_policy_creates_a_vpc_for_it_and_an_instance_gets_a_free_address()
    {
        var ct = TestContext.Current.CancellationToken;
        var policy = await Store.CreatePolicyAsync($"empty-{Guid.NewGuid():N}", null, null, Tester, ct);
        var draft = await Store.CreateDraftAsync(policy.Value.Id, null, "first groups", "test", ct);
        var session = NewSession();
        await session.LoadAsync(draft.Value.Id, ct);

        Assert.Null(await session.EditAsync(GroupEdits.Add(IdSource.Random, "sg-00000000000000new", "app", "app tier"), ct));
        Assert.Null(await session.EditAsync(InventoryEdits.AddInstanceToGroup(IdSource.Random, "app-1", "sg-00000000000000new"), ct));
        Assert.Null(await session.EditAsync(InventoryEdits.AddInstanceToGroup(IdSource.Random, "app-2", "sg-00000000000000new"), ct));

        var group = Assert.Single(session.Estate.Groups);
        Assert.Equal(Assert.Single(session.Estate.Vpcs).Id, group.VpcId);
        var addresses = session.Estate.NetworkInterfaces.Select(n => n.PrimaryIp!.Value).ToList();
        Assert.Equal(2, addresses.Distinct().Count());
        Assert.All(addresses, ip => Assert.True(session.Estate.Subnets[0].Cidr.Contains(ip)));
    }

    [Fact]
    public async Task A_tab_closed_while_an_edit_is_stored_ends_without_an_error_and_the_edit_is_stored()
    {
        var ct = TestContext.Current.CancellationToken;
        // The circuit's scope, as the app has it: closing the tab disposes it, and the session with it.
        var circuit = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var session = circuit.ServiceProvider.GetRequiredService<DesignSession>();
        Assert.Null(await session.LoadAsync(DraftId, ct));
        using var editing = new SemaphoreSlim(0);
        using var closed = new SemaphoreSlim(0);
        var put = GroupEdits.PutRule(Db, Postgres());

        // The edit holds (inside the session's one-at-a-time lock) until the tab is closed.
        var edit = Task.Run(() => session.EditAsync(estate =>
        {
            editing.Release();
            closed.Wait(ct);
            return put(estate);
        }, ct), ct);
        await editing.WaitAsync(ct);
        await circuit.DisposeAsync();
        closed.Release();

        Assert.Null(await edit);
        Assert.Contains(Postgres(), (await Store.GetDraftAsync(DraftId, ct)).Value.Estate.FindGroup(Db)!.Rules);
    }
}
