using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Designer;
using Direction = SgDesigner.Core.Model.Direction;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// The Prefix lists tab, typed key by key as a browser sends it and committed with Tab or Enter: the stored draft holds
/// what was typed (a CIDR's host bits cleared, with a note naming what was typed), and refusals name the problem.
/// </summary>
public sealed class PrefixListsViewTests : DesignerTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private IRenderedComponent<PrefixListsView> RenderView()
    {
        Render<MudPopoverProvider>();
        return Render<PrefixListsView>();
    }

    private static Func<IElement> Field(IRenderedComponent<PrefixListsView> view, string scope, string testId) =>
        () => view.Find($"{scope} input[data-testid={testId}], {scope} [data-testid={testId}] input");

    private static string Card(string listId) => $"[data-prefix-list-id={listId}]";

    private Action NothingStored()
    {
        var version = Session.Info!.Version;
        return () => Assert.Equal(version, Session.Info!.Version);
    }

    private async Task<PrefixList> AddListAsync(IRenderedComponent<PrefixListsView> view, string name, string max)
    {
        await KeyByKey.TypeAndTabAsync(Field(view, "", "new-prefix-list-name"), name, NothingStored());
        await KeyByKey.TypeAndTabAsync(Field(view, "", "new-prefix-list-max"), max, NothingStored());
        await view.Find("[data-testid=add-prefix-list]").ClickAsync(new MouseEventArgs());
        view.WaitForAssertion(() => Assert.Contains(Session.Estate.PrefixLists, p => p.Name == name), Wait);
        return Session.Estate.PrefixLists.Single(p => p.Name == name);
    }

    [Fact]
    public async Task A_list_and_its_entries_typed_key_by_key_are_stored_as_typed()
    {
        var view = RenderView();

        var list = await AddListAsync(view, "corp offices", "3");
        view.WaitForAssertion(() => Assert.Equal("corp offices", Field(view, Card(list.Id), "prefix-list-name")().GetAttribute("value")), Wait);
        Assert.Equal("3", Field(view, Card(list.Id), "prefix-list-max")().GetAttribute("value"));
        await KeyByKey.TypeAndEnterAsync(Field(view, Card(list.Id), "new-prefix-list-entry"), "10.30.0.0/16", NothingStored());
        await KeyByKey.TypeAndTabAsync(Field(view, Card(list.Id), "new-prefix-list-entry"), "192.168.7.0/24", NothingStored());
        await KeyByKey.TypeAndTabAsync(Field(view, Card(list.Id), "prefix-list-name"), "corp offices EU", NothingStored());

        var stored = (await StoredDraftAsync()).Estate.PrefixLists.Single(p => p.Id == list.Id);
        Assert.Matches("^pl-[0-9a-f]{17}$", stored.Id);
        Assert.Equal(("corp offices EU", IpFamily.V4, 3), (stored.Name, stored.Family, stored.MaxEntries));
        Assert.Equal(["10.30.0.0/16", "192.168.7.0/24"], stored.Entries.Select(e => e.ToString()));
        view.WaitForAssertion(() => Assert.Equal(2, view.FindAll($"{Card(list.Id)} [data-testid=prefix-list-entry]").Count), Wait);
        Assert.Equal("", Field(view, Card(list.Id), "new-prefix-list-entry")().GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task Host_bits_are_cleared_with_a_note_naming_what_was_typed_and_an_entry_is_edited_in_place()
    {
        var view = RenderView();
        var list = await AddListAsync(view, "partners", "5");

        await KeyByKey.TypeAndEnterAsync(Field(view, Card(list.Id), "new-prefix-list-entry"), "10.30.0.5/16", NothingStored());

        view.WaitForAssertion(() => Assert.Contains("host bits cleared: 10.30.0.5/16 → 10.30.0.0/16", view.Find(Card(list.Id)).TextContent), Wait);
        Assert.Equal(["10.30.0.0/16"], (await StoredDraftAsync()).Estate.PrefixLists.Single(p => p.Id == list.Id).Entries.Select(e => e.ToString()));

        await KeyByKey.TypeAndTabAsync(Field(view, Card(list.Id), "prefix-list-entry-cidr"), "172.16.0.0/12", NothingStored());

        Assert.Equal(["172.16.0.0/12"], (await StoredDraftAsync()).Estate.PrefixLists.Single(p => p.Id == list.Id).Entries.Select(e => e.ToString()));
    }

    [Fact]
    public async Task Entries_beyond_max_entries_of_another_family_or_twice_are_refused_at_the_field_and_nothing_is_stored()
    {
        var view = RenderView();
        var list = await AddListAsync(view, "tiny", "1");
        await KeyByKey.TypeAndEnterAsync(Field(view, Card(list.Id), "new-prefix-list-entry"), "10.0.0.0/8");
        view.WaitForAssertion(() => Assert.Single(Session.Estate.PrefixLists.Single(p => p.Id == list.Id).Entries), Wait);
        var version = (await StoredDraftAsync()).Info.Version;

        await KeyByKey.TypeAndEnterAsync(Field(view, Card(list.Id), "new-prefix-list-entry"), "10.1.0.0/16");
        view.WaitForAssertion(() => Assert.Contains("at most 1 entries", view.Find(Card(list.Id)).TextContent), Wait);
        Assert.Equal("10.1.0.0/16", Field(view, Card(list.Id), "new-prefix-list-entry")().GetAttribute("value"));
        await KeyByKey.TypeAndEnterAsync(Field(view, Card(list.Id), "prefix-list-max"), "0");
        view.WaitForAssertion(() => Assert.Contains("from 1 to 1000", view.Find(Card(list.Id)).TextContent), Wait);
        await KeyByKey.TypeAndEnterAsync(Field(view, Card(list.Id), "prefix-list-entry-cidr"), "2001:db8::/32");
        view.WaitForAssertion(() => Assert.Contains("is not an IPv4 block", view.Find(Card(list.Id)).TextContent), Wait);

        Assert.Equal(version, (await StoredDraftAsync()).Info.Version);

        await KeyByKey.TypeAndEnterAsync(Field(view, Card(list.Id), "prefix-list-max"), "2");
        await KeyByKey.TypeAndEnterAsync(Field(view, Card(list.Id), "new-prefix-list-entry"), "10.0.0.0/8");
        view.WaitForAssertion(() => Assert.Contains("already an entry", view.Find(Card(list.Id)).TextContent), Wait);
        Assert.Equal(2, (await StoredDraftAsync()).Estate.PrefixLists.Single(p => p.Id == list.Id).MaxEntries);
    }

    [Fact]
    public async Task A_list_a_rule_uses_cannot_be_deleted_and_the_refusal_names_the_rule_an_unused_one_can()
    {
        var view = RenderView();
        var list = await AddListAsync(view, "vpn", "2");
        var rule = new Rule("sgr-00000000000000vpn", Direction.Inbound, IpProtocol.Tcp, 443, 443, new PrefixListPeer(list.Id));
        Assert.Null(await Session.EditAsync(GroupEdits.PutRule(Web, rule), TestContext.Current.CancellationToken));

        await view.Find($"{Card(list.Id)} [data-testid=delete-prefix-list]").ClickAsync(new MouseEventArgs());

        view.WaitForAssertion(() => Assert.Contains("used by 1 rule (web: inbound tcp 443 (sgr-00000000000000vpn))",
            view.Find($"{Card(list.Id)} [data-testid=prefix-list-delete-error]").TextContent), Wait);
        Assert.Contains((await StoredDraftAsync()).Estate.PrefixLists, p => p.Id == list.Id);

        Assert.Null(await Session.EditAsync(GroupEdits.RemoveRule(Web, rule.Id), TestContext.Current.CancellationToken));
        await view.Find($"{Card(list.Id)} [data-testid=delete-prefix-list]").ClickAsync(new MouseEventArgs());
        view.WaitForAssertion(() => Assert.Empty(view.FindAll(Card(list.Id))), Wait);
        Assert.DoesNotContain((await StoredDraftAsync()).Estate.PrefixLists, p => p.Id == list.Id);
    }
}
