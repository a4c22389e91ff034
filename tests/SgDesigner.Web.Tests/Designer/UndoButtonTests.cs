using SgDesigner.Core.Editing;
using Bunit;
using SgDesigner.Core.Model;
using SgDesigner.Web.Features.Designer;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Designer;

public sealed class UndoButtonTests : DesignerTestContext
{
    [Fact]
    public async Task The_button_is_off_until_a_change_is_made_and_then_takes_it_back_from_the_stored_draft()
    {
        var button = Render<UndoButton>();
        Assert.True(button.Find("[data-testid=undo]").HasAttribute("disabled"));
        var rule = new Rule("sgr-000000000000005432", Direction.Inbound, IpProtocol.Tcp, 5432, 5432, new GroupPeer(Web));
        await Session.EditAsync(GroupEdits.PutRule(Db, rule), "add inbound rule of db", TestContext.Current.CancellationToken);

        Assert.Equal("add inbound rule of db", Session.UndoDescription);
        button.WaitForAssertion(() => Assert.False(button.Find("[data-testid=undo]").HasAttribute("disabled")), TimeSpan.FromSeconds(5));
        button.Find("[data-testid=undo]").Click();

        button.WaitForAssertion(() => Assert.True(button.Find("[data-testid=undo]").HasAttribute("disabled")), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(rule, Session.Estate.FindGroup(Db)!.Rules);
        Assert.DoesNotContain(rule, (await StoredDraftAsync()).Estate.FindGroup(Db)!.Rules);
    }
}
