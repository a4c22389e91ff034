using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Designer;
using Direction = SgDesigner.Core.Model.Direction;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// The side panel of a rule's owner, justification, ticket and review-by date, typed key by key: nothing is stored while
/// typing; a committed field is one stored edit of the rule (undoable); a refused value stays at its field, unsaved; a
/// grid edit of the same rule keeps the metadata.
/// </summary>
public sealed class RuleMetadataPanelTests : DesignerTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private const string RuleId = "sgr-000000000000000443";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task StoreRuleAsync() => await Session.EditAsync(
        GroupEdits.PutRule(Db, new Rule(RuleId, Direction.Inbound, IpProtocol.Tcp, 443, 443, new CidrPeer(Cidr.AnyV4), "https")), Ct);

    private IRenderedComponent<RuleMetadataPanel> RenderPanel()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<RuleMetadataPanel>(p => p.Add(t => t.GroupId, Db).Add(t => t.RuleId, RuleId));
    }

    private static Func<IElement> Field(IRenderedComponent<RuleMetadataPanel> panel, string testId) =>
        () => panel.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    private async Task<RuleMetadata> StoredMetadataAsync() => (await StoredDraftAsync()).Estate.FindGroup(Db)!.Rules.Single(r => r.Id == RuleId).Metadata;

    private Action NothingStored()
    {
        var version = Session.Info!.Version;
        return () => Assert.Equal(version, Session.Info!.Version);
    }

    [Fact]
    public async Task Each_field_typed_key_by_key_is_stored_when_committed_and_undo_takes_it_back()
    {
        await StoreRuleAsync();
        var panel = RenderPanel();

        await KeyByKey.TypeAndTabAsync(Field(panel, "metadata-owner"), " team-payments ", NothingStored());
        panel.WaitForAssertion(() => Assert.Equal("team-payments", Session.Estate.FindGroup(Db)!.Rules.Single(r => r.Id == RuleId).Metadata.Owner), Wait);
        await KeyByKey.TypeAndTabAsync(Field(panel, "metadata-justification"), "PSP callbacks", NothingStored());
        panel.WaitForAssertion(() => Assert.NotNull(Session.Estate.FindGroup(Db)!.Rules.Single(r => r.Id == RuleId).Metadata.Justification), Wait);
        await KeyByKey.TypeAsync(Field(panel, "metadata-ticket"), "NET-42", NothingStored());
        await KeyByKey.EnterAsync(Field(panel, "metadata-ticket"), "NET-42");
        panel.WaitForAssertion(() => Assert.NotNull(Session.Estate.FindGroup(Db)!.Rules.Single(r => r.Id == RuleId).Metadata.Ticket), Wait);
        await KeyByKey.TypeAndTabAsync(Field(panel, "metadata-review-by"), "2027-03-31", NothingStored());
        panel.WaitForAssertion(() => Assert.NotNull(Session.Estate.FindGroup(Db)!.Rules.Single(r => r.Id == RuleId).Metadata.ReviewBy), Wait);

        Assert.Equal(RuleMetadata.Create("team-payments", "PSP callbacks", "NET-42", new DateOnly(2027, 3, 31)), await StoredMetadataAsync());
        Assert.Equal("team-payments", Field(panel, "metadata-owner")().GetAttribute("value"));

        Assert.Null(await Session.UndoAsync(Ct));
        Assert.Null((await StoredMetadataAsync()).ReviewBy);
        panel.WaitForAssertion(() => Assert.Equal("", Field(panel, "metadata-review-by")().GetAttribute("value") ?? ""), Wait);
    }

    [Fact]
    public async Task A_date_that_does_not_exist_stays_at_its_field_with_the_reason_and_nothing_is_stored()
    {
        await StoreRuleAsync();
        var panel = RenderPanel();
        var version = Session.Info!.Version;

        await KeyByKey.TypeAndTabAsync(Field(panel, "metadata-review-by"), "2027-02-30", NothingStored());

        panel.WaitForAssertion(() => Assert.Contains("'2027-02-30' is not a date: use yyyy-MM-dd", panel.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
        Assert.True((await StoredMetadataAsync()).IsEmpty);
        Assert.Equal("2027-02-30", Field(panel, "metadata-review-by")().GetAttribute("value"));
    }

    [Theory]
    [InlineData("0001-01-01", "0001-01-01 is before 2000-01-01: give the date by which the rule is to be reviewed again")]
    [InlineData("9999-12-31", "9999-12-31 is more than 10 years ahead: review a rule at least every 10 years")]
    public async Task A_review_by_date_before_2000_or_more_than_ten_years_ahead_stays_at_its_field(string typed, string message)
    {
        await StoreRuleAsync();
        var panel = RenderPanel();
        var version = Session.Info!.Version;

        await KeyByKey.TypeAndTabAsync(Field(panel, "metadata-review-by"), typed, NothingStored());

        panel.WaitForAssertion(() => Assert.Contains(message, panel.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);
        Assert.Null((await StoredMetadataAsync()).ReviewBy);
        Assert.Equal(typed, Field(panel, "metadata-review-by")().GetAttribute("value"));
    }

    [Fact]
    public async Task A_stored_review_by_date_from_before_the_bound_does_not_block_editing_the_owner()
    {
        await StoreRuleAsync();
        var stored = Session.Estate.FindGroup(Db)!.Rules.Single(r => r.Id == RuleId);
        Assert.Null(await Session.EditAsync(GroupEdits.PutRule(Db, stored with { Metadata = RuleMetadata.Create(reviewBy: new DateOnly(1999, 1, 1)) }), Ct));
        var panel = RenderPanel();

        await KeyByKey.TypeAndTabAsync(Field(panel, "metadata-owner"), "team-db", NothingStored());

        panel.WaitForAssertion(() => Assert.Equal("team-db", Session.Estate.FindGroup(Db)!.Rules.Single(r => r.Id == RuleId).Metadata.Owner), Wait);
        Assert.Equal(new DateOnly(1999, 1, 1), (await StoredMetadataAsync()).ReviewBy);
    }

    [Fact]
    public async Task A_rule_past_its_review_by_date_says_so_and_a_grid_edit_of_its_ports_keeps_its_metadata()
    {
        await StoreRuleAsync();
        var metadata = RuleMetadata.Create("team-db", null, null, new DateOnly(2020, 1, 1));
        var stored = Session.Estate.FindGroup(Db)!.Rules.Single(r => r.Id == RuleId);
        Assert.Null(await Session.EditAsync(GroupEdits.PutRule(Db, stored with { Metadata = metadata }), Ct));
        var panel = RenderPanel();
        panel.WaitForElement("[data-testid=metadata-overdue]");

        var table = Render<RuleTable>(p => p.Add(t => t.GroupId, Db).Add(t => t.Direction, Direction.Inbound));
        var ports = () => table.Find($"tr:has([data-testid=rule-row][data-rule-id={RuleId}]) input[data-testid=ports], tr:has([data-testid=rule-row][data-rule-id={RuleId}]) [data-testid=ports] input");
        await KeyByKey.TypeAndTabAsync(ports, "8443");

        table.WaitForAssertion(() => Assert.Equal(8443, Session.Estate.FindGroup(Db)!.Rules.Single(r => r.Id == RuleId).FromPort), Wait);
        var after = (await StoredDraftAsync()).Estate.FindGroup(Db)!.Rules.Single(r => r.Id == RuleId);
        Assert.Equal((8443, metadata), (after.FromPort, after.Metadata));
    }
}
