using System.Collections.Immutable;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Synthetic;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Findings;
using SgDesigner.Web.Features.Matrix;
using SgDesigner.Web.Tests.Settings;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// Opening a draft (issue 17, the page at 10,000 instances): a large draft is shown before its whole lint is done, which
/// follows; an edit meanwhile is stored at once and its findings follow from those; a reload, a second tab or a colleague on the same version reuse what the
/// server prepared for it.
/// </summary>
public sealed class LargeDraftLoadTests : DesignerTestContext
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LintOptions Today(bool requireJustification = false) =>
        new(DateOnly.FromDateTime(DateTime.UtcNow), requireJustification);

    private async Task<Guid> LargeDraftAsync()
    {
        var estate = EstateGenerator.Generate(new EstateGeneratorOptions(DesignSession.LintAfterShowing + 300, 40, 400));
        var policy = await Store.CreatePolicyAsync($"large-{Guid.NewGuid():N}", null, estate, Tester, Ct);
        return (await Store.CreateDraftAsync(policy.Value.Id, null, "large", Tester, Ct)).Value.Id;
    }

    private static async Task LintedAsync(DesignSession session)
    {
        for (var i = 0; session.Linting && i < 600; i++)
            await Task.Delay(50, Ct);
        Assert.False(session.Linting);
    }

    [Fact]
    public async Task A_large_draft_is_shown_before_its_findings_which_follow_equal_to_the_whole_lint()
    {
        var draftId = await LargeDraftAsync();
        var session = NewSession();
        var changes = 0;
        session.Changed += () => changes++;

        Assert.Null(await session.LoadAsync(draftId, Ct));

        Assert.True(session.Linting);
        Assert.Empty(session.Findings);
        Assert.Equal(DesignSession.LintAfterShowing + 300, session.Estate.Instances.Length);
        var shown = changes;
        await LintedAsync(session);
        Assert.True(changes > shown, "the session tells when the findings are in");
        var whole = Linter.Lint(session.Estate, ReachabilityEngineOf(session.Estate), Today());
        Assert.NotEmpty(whole);
        Assert.Equal(whole.Select(f => (f.Id, f.GroupId, f.RuleId, f.Message)), session.Findings.Select(f => (f.Id, f.GroupId, f.RuleId, f.Message)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_large_drafts_matrix_opening_table_is_ready_before_its_findings_and_the_other_levels_follow(bool preparedAhead)
    {
        var draftId = await LargeDraftAsync();
        if (preparedAhead)
        {
            await NewSession().PrepareAheadAsync(draftId, Ct);
            await Services.GetRequiredService<PreparedDrafts>().WhenAhead(draftId);
        }
        var session = NewSession();

        Assert.Null(await session.LoadAsync(draftId, Ct));
        Assert.True(session.PreparesMatrix);
        await LintedAsync(session);

        // The table a user clicking the Matrix tab at once waits on is computed first, the lint after it.
        var grid = MatrixGrid.For(session.Engine);
        Assert.True(grid.IsPrepared(grid.CoarsestLevel));
        for (var i = 0; !grid.AggregatedLevels.All(grid.IsPrepared) && i < 600; i++)
            await Task.Delay(50, Ct);
        Assert.All(grid.AggregatedLevels, level => Assert.True(grid.IsPrepared(level), $"{level.Value} is prepared"));
    }

    [Fact]
    public async Task The_findings_panel_says_the_draft_is_being_checked_then_shows_the_findings()
    {
        var draftId = await LargeDraftAsync();
        var panel = Render<FindingsList>();
        var checking = new List<string>();
        panel.OnMarkupUpdated += (_, _) =>
        {
            if (panel.FindAll("[data-testid=findings-linting]") is [var line, ..])
                checking.Add(line.TextContent.Trim());
        };

        // On the renderer's thread, as in a circuit: the load shows the draft (and renders the panel) before its lint is done.
        Assert.Null(await panel.InvokeAsync(() => Session.LoadAsync(draftId, Ct)));

        Assert.Contains($"Checking the draft's {Session.Estate.Groups.Length} groups…", checking);
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=finding]")), TimeSpan.FromSeconds(30));
        Assert.Empty(panel.FindAll("[data-testid=findings-linting]"));
        Assert.False(Session.Linting);
        Assert.Equal($"Findings ({Session.Findings.Length})", panel.Find("h6").TextContent.Trim());
    }

    [Fact]
    public async Task An_edit_made_while_the_findings_are_computed_is_linted_as_usual_once_they_are_in()
    {
        var draftId = await LargeDraftAsync();
        var session = NewSession();
        Assert.Null(await session.LoadAsync(draftId, Ct));
        Assert.True(session.Linting);
        var group = session.Estate.Groups[0];
        var world = new Rule("sgr-00000000000000beef", Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4));

        Assert.Null(await session.EditAsync(GroupEdits.PutRule(group.Id, world), Ct));

        await LintedAsync(session);
        var whole = Linter.Lint(session.Estate, ReachabilityEngineOf(session.Estate), Today());
        Assert.Equal(whole.Select(f => (f.Id, f.GroupId, f.RuleId, f.Message)).Order(), session.Findings.Select(f => (f.Id, f.GroupId, f.RuleId, f.Message)).Order());
        Assert.Contains(session.Findings, f => f.RuleId == world.Id);
    }

    [Fact]
    public async Task A_second_tab_on_the_same_version_reuses_the_engine_and_findings_the_first_prepared()
    {
        var other = NewSession();

        Assert.Null(await other.LoadAsync(DraftId, Ct));

        Assert.Same(Session.Engine, other.Engine);
        Assert.Equal(Session.Findings, other.Findings);
        Assert.False(other.Linting);
    }

    [Fact]
    public async Task After_an_edit_is_stored_a_reload_reuses_the_edited_engine_and_the_version_before_is_no_longer_kept()
    {
        var before = Session.Engine;
        var beforeEstate = Session.Estate;
        var rule = new Rule("sgr-000000000000005432", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web), "from web");
        Assert.Null(await Session.EditAsync(GroupEdits.PutRule(Db, rule), Ct));

        var reloaded = NewSession();
        Assert.Null(await reloaded.LoadAsync(DraftId, Ct));

        Assert.Same(Session.Engine, reloaded.Engine);
        Assert.NotSame(before, reloaded.Engine);
        Assert.Contains(rule, reloaded.Estate.FindGroup(Db)!.Rules);
        Assert.Contains(rule, reloaded.Engine.Estate.FindGroup(Db)!.Rules);
        // One entry per draft: its newest content.
        Assert.Null(Services.GetRequiredService<PreparedDrafts>().Find(beforeEstate, Today()));
    }

    [Fact]
    public async Task Findings_prepared_under_other_lint_options_are_not_reused()
    {
        var prepared = Services.GetRequiredService<PreparedDrafts>();

        Assert.NotNull(prepared.Find(Session.Estate, Today()));
        Assert.Null(prepared.Find(Session.Estate, Today(requireJustification: true)));
        Assert.Null(prepared.Find(Session.Estate, Today() with { Today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1) }));
    }

    [Fact]
    public async Task The_pages_first_request_prepares_the_draft_and_the_circuits_load_takes_what_it_prepared()
    {
        var draftId = await LargeDraftAsync();
        var prepared = Services.GetRequiredService<PreparedDrafts>();

        await NewSession().PrepareAheadAsync(draftId, Ct);
        await prepared.WhenAhead(draftId);

        var ahead = prepared.Find((await Store.GetDraftAsync(draftId, Ct)).Value.Estate, Today());
        Assert.NotNull(ahead);
        var session = NewSession();
        Assert.Null(await session.LoadAsync(draftId, Ct));
        Assert.Same(ahead.Engine, session.Engine);
        await LintedAsync(session);
        var whole = Linter.Lint(session.Estate, ReachabilityEngineOf(session.Estate), Today());
        Assert.Equal(whole.Select(f => (f.Id, f.GroupId, f.RuleId, f.Message)), session.Findings.Select(f => (f.Id, f.GroupId, f.RuleId, f.Message)));
    }

    [Fact]
    public async Task Nothing_is_prepared_ahead_for_a_user_who_may_not_view_the_draft_or_for_a_draft_that_does_not_exist()
    {
        // A policy of someone else's: the signed-in tester has no role on it.
        var policy = await Store.CreatePolicyAsync($"other-{Guid.NewGuid():N}", null, EstateGenerator.Generate(new EstateGeneratorOptions(20, 4, 20)), AuditActor.System, Ct);
        var draftId = (await Store.CreateDraftAsync(policy.Value.Id, null, "theirs", AuditActor.System, Ct)).Value.Id;
        var prepared = Services.GetRequiredService<PreparedDrafts>();

        await NewSession().PrepareAheadAsync(draftId, Ct);
        await NewSession().PrepareAheadAsync(Guid.NewGuid(), Ct);
        await prepared.WhenAhead(draftId);

        Assert.Null(prepared.Find((await Store.GetDraftAsync(draftId, Ct)).Value.Estate, Today()));
        Assert.NotNull(await NewSession().LoadAsync(draftId, Ct));
    }

    [Fact]
    public async Task A_closed_draft_is_not_prepared_ahead_its_content_is_read_by_its_load_only()
    {
        var abandoned = await Store.AbandonDraftAsync(DraftId, Session.Info!.Version, Tester, Ct);
        Assert.True(abandoned.IsOk);
        var prepared = Services.GetRequiredService<PreparedDrafts>();
        var before = prepared.Find(Session.Estate, Today());

        await NewSession().PrepareAheadAsync(DraftId, Ct);
        await prepared.WhenAhead(DraftId);

        // Nothing new kept for the draft: the entry of its open version, as the first session stored it, is all there is.
        Assert.Same(before, prepared.Find(Session.Estate, Today()));
        var reader = NewSession();
        Assert.Null(await reader.LoadAsync(DraftId, Ct));
        Assert.False(reader.CanEdit);
        Assert.Equal(Session.Estate.Groups.Select(g => g.Id), reader.Estate.Groups.Select(g => g.Id));
    }

    [Fact]
    public async Task A_preparation_ahead_overtaken_by_an_edit_does_not_put_the_content_before_the_edit_in_its_place()
    {
        // A colleague's page request starts preparing the draft; it has read the draft and reads the policy's settings
        // when this session stores an edit, which keeps the edited content's engine for the next reload.
        var prepared = Services.GetRequiredService<PreparedDrafts>();
        var rule = new Rule("sgr-000000000000005432", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web), "from web");
        var contexts = new PausingContexts(Services.GetRequiredService<IDbContextFactory<SgDbContext>>(), 1,
            async () => Assert.Null(await Session.EditAsync(GroupEdits.PutRule(Db, rule), Ct)));
        var colleague = ActivatorUtilities.CreateInstance<DesignSession>(PausingContexts.Around(Services, contexts));

        await colleague.PrepareAheadAsync(DraftId, Ct);
        await prepared.WhenAhead(DraftId);

        Assert.True(contexts.Paused);
        Assert.Contains(rule, Session.Estate.FindGroup(Db)!.Rules);
        // The edited content is what a reload gets, and its engine is still there for it.
        var reloaded = NewSession();
        Assert.Null(await reloaded.LoadAsync(DraftId, Ct));
        Assert.Same(Session.Engine, reloaded.Engine);
    }

    [Fact]
    public async Task Very_many_drafts_opened_in_a_row_are_prepared_ahead_no_more_at_once_than_are_kept()
    {
        var prepared = Services.GetRequiredService<PreparedDrafts>();
        var drafts = new List<Guid>();
        for (var i = 0; i <= PreparedDrafts.Capacity; i++)
        {
            var policy = await Store.CreatePolicyAsync($"many-{i}-{Guid.NewGuid():N}", null, EstateGenerator.Generate(new EstateGeneratorOptions(20, 4, 20)), Tester, Ct);
            drafts.Add((await Store.CreateDraftAsync(policy.Value.Id, null, "one of many", Tester, Ct)).Value.Id);
        }
        // Each preparation holds at its read of the policy's settings until all were asked for.
        var hold = new TaskCompletionSource();
        DesignSession Held() => ActivatorUtilities.CreateInstance<DesignSession>(PausingContexts.Around(Services,
            new PausingContexts(Services.GetRequiredService<IDbContextFactory<SgDbContext>>(), 1, () => hold.Task)));

        foreach (var draftId in drafts)
            await Held().PrepareAheadAsync(draftId, Ct);

        // The one past the capacity was not started: its load will do its own work.
        Assert.True(prepared.WhenAhead(drafts[^1]).IsCompleted);
        Assert.All(drafts[..^1], d => Assert.False(prepared.WhenAhead(d).IsCompleted));
        hold.SetResult();
        foreach (var draftId in drafts)
            await prepared.WhenAhead(draftId);
        foreach (var draftId in drafts[..^1])
            Assert.NotNull(prepared.Find((await Store.GetDraftAsync(draftId, Ct)).Value.Estate, Today()));
        Assert.Null(prepared.Find((await Store.GetDraftAsync(drafts[^1], Ct)).Value.Estate, Today()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_preparation_ahead_starts_a_large_drafts_table_and_lint_only_when_no_edit_overtook_it(bool overtaken)
    {
        // A colleague's page request prepares the draft; when overtaken, this session stores an edit while that
        // preparation reads the policy's settings (it has read the draft): what it read is no longer the draft's newest.
        var draftId = await LargeDraftAsync();
        var session = NewSession();
        var rule = new Rule("sgr-00000000000000beef", Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4));
        if (overtaken)
            Assert.Null(await session.LoadAsync(draftId, Ct));
        var contexts = new PausingContexts(Services.GetRequiredService<IDbContextFactory<SgDbContext>>(), 1, async () =>
        {
            if (overtaken)
                Assert.Null(await session.EditAsync(GroupEdits.PutRule(session.Estate.Groups[0].Id, rule), Ct));
        });
        var colleague = ActivatorUtilities.CreateInstance<DesignSession>(PausingContexts.Around(Services, contexts));
        var prepared = Services.GetRequiredService<PreparedDrafts>();

        await colleague.PrepareAheadAsync(draftId, Ct);
        await prepared.WhenAhead(draftId);

        Assert.True(contexts.Paused);
        // Overtaken, its matrix table and lint would be thrown away: they are not started.
        Assert.Equal(overtaken ? 0 : 1, colleague.LargePreparations);
        var reloaded = NewSession();
        Assert.Null(await reloaded.LoadAsync(draftId, Ct));
        Assert.Equal(overtaken, reloaded.Estate.Groups[0].Rules.Contains(rule));
        Assert.Equal(0, reloaded.LargePreparations); // what was kept (the edit's or the preparation's) is reused
    }

    [Fact]
    public async Task The_preparation_ahead_reads_the_drafts_row_once()
    {
        var policy = await Store.CreatePolicyAsync($"once-{Guid.NewGuid():N}", null, EstateGenerator.Generate(new EstateGeneratorOptions(20, 4, 20)), Tester, Ct);
        var draftId = (await Store.CreateDraftAsync(policy.Value.Id, null, "read once", Tester, Ct)).Value.Id;
        // Read once already, as an open draft's content is by its first reader: the store keeps it, and hands it out with the row.
        var estate = (await Store.GetDraftAsync(draftId, Ct)).Value.Estate;
        var prepared = Services.GetRequiredService<PreparedDrafts>();
        using var reads = new DraftRowReads(draftId);

        await NewSession().PrepareAheadAsync(draftId, Ct);
        await prepared.WhenAhead(draftId);

        Assert.NotNull(prepared.Find(estate, Today()));
        Assert.Equal(1, reads.Count);
    }

    [Fact]
    public async Task An_edit_made_while_the_findings_are_computed_is_stored_and_previewed_without_waiting_for_them_and_they_follow()
    {
        // The draft as a preparation kept it whose lint (after the matrix's opening table) is still running: held here.
        var policy = await Store.CreatePolicyAsync($"held-{Guid.NewGuid():N}", null, EstateGenerator.Generate(new EstateGeneratorOptions(20, 4, 20)), Tester, Ct);
        var draftId = (await Store.CreateDraftAsync(policy.Value.Id, null, "held lint", Tester, Ct)).Value.Id;
        var stored = (await Store.GetDraftAsync(draftId, Ct)).Value.Estate;
        var lint = new TaskCompletionSource<ImmutableArray<Finding>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Services.GetRequiredService<PreparedDrafts>().Keep(new PreparedDraft(draftId, stored, ReachabilityEngineOf(stored), lint.Task, Today()));
        var session = NewSession();
        Assert.Null(await session.LoadAsync(draftId, Ct));
        Assert.True(session.Linting);
        var group = session.Estate.Groups[0].Id;
        var world = new Rule("sgr-00000000000000beef", Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4));

        // A guard against a hang, not a measure: the edit must not wait for the held lint at all.
        Assert.Null(await session.EditAsync(GroupEdits.PutRule(group, world), Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct));

        Assert.Contains(world, (await Store.GetDraftAsync(draftId, Ct)).Value.Estate.FindGroup(group)!.Rules);
        Assert.Contains(world, session.Engine.Estate.FindGroup(group)!.Rules);
        Assert.True(session.Linting);
        Assert.Empty(session.Findings);
        lint.SetResult(Linter.Lint(stored, ReachabilityEngineOf(stored), Today()));
        await LintedAsync(session);
        var whole = Linter.Lint(session.Estate, ReachabilityEngineOf(session.Estate), Today());
        Assert.Equal(whole.Select(f => (f.Id, f.GroupId, f.RuleId, f.Message)).Order(), session.Findings.Select(f => (f.Id, f.GroupId, f.RuleId, f.Message)).Order());
        Assert.Contains(session.Findings, f => f.RuleId == world.Id);
        // A reload of the edited version takes its findings too.
        var reloaded = NewSession();
        Assert.Null(await reloaded.LoadAsync(draftId, Ct));
        await LintedAsync(reloaded);
        Assert.Equal(session.Findings, reloaded.Findings);
    }

    [Fact]
    public async Task A_user_who_may_not_view_the_draft_is_refused_before_anything_of_it_is_read_or_waited_for()
    {
        // Someone else's draft, being prepared for one of its members (held here): the signed-in tester has no role on it.
        var policy = await Store.CreatePolicyAsync($"other-{Guid.NewGuid():N}", null, EstateGenerator.Generate(new EstateGeneratorOptions(20, 4, 20)), AuditActor.System, Ct);
        var draftId = (await Store.CreateDraftAsync(policy.Value.Id, null, "theirs", AuditActor.System, Ct)).Value.Id;
        var member = new TaskCompletionSource();
        Services.GetRequiredService<PreparedDrafts>().Ahead(draftId, () => member.Task);
        using var reads = new DraftRowReads(draftId);
        try
        {
            // A guard against a hang, not a measure: the refusal must not wait for the member's preparation (its time
            // would tell the draft's size), nor read the draft.
            var refused = await NewSession().LoadAsync(draftId, Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

            Assert.Equal(StoreFailureKind.Forbidden, refused?.Kind);
            Assert.Equal(0, reads.Count);
        }
        finally
        {
            member.SetResult();
        }
    }

    private static Core.Reachability.ReachabilityEngine ReachabilityEngineOf(Estate estate) => Core.Reachability.ReachabilityEngine.Build(estate);
}
