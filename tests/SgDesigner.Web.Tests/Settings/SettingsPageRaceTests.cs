using Bunit;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Settings;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Features.Settings;
using SgDesigner.Web.Tests.Members;

namespace SgDesigner.Web.Tests.Settings;

/// <summary>The settings page and a change made by someone else right after its save stored.</summary>
public sealed class SettingsPageRaceTests : AdministrationTestContext
{
    private const string Theirs = "{\"from\": \"10.0.1.5\", \"to\": \"10.0.2.9\", \"protocol\": \"tcp\", \"port\": 22, \"expect\": \"deny\"}";

    [Fact]
    public async Task After_a_save_the_form_shows_what_it_stored_and_a_change_made_right_after_it_is_not_undone_by_the_next_save()
    {
        var owner = await SignInAsync("Otis Owner");
        var colleague = await SignInAsync("Cora Owner");
        var policyId = await NewPolicyAsync(owner);
        await Get<MembershipStore>().AddAsync(owner, policyId, colleague.UserId!.Value, PolicyRole.Owner, Token);
        SignInAs(owner);
        var page = Render<SettingsPage>(p => p.Add(x => x.PolicyId, policyId));
        page.WaitForElement("[data-testid=save-settings]", Patience);
        // Right after the owner's save is stored (the editor tells the open pages of it), before the page shows it, a
        // colleague adds an assertion (in another tab, or from the matrix's cell panel).
        var once = 0;
        Get<ReviewEvents>().Raised += e =>
        {
            if (e.Kind == ReviewEventKind.PolicyChanged && Interlocked.Exchange(ref once, 1) == 0)
                Assert.True(Task.Run(() => Get<PolicySettingsStore>().SetAssertionsAsync(colleague, policyId, Theirs, null, Token)).GetAwaiter().GetResult().IsOk);
        };

        page.Find(Field("assertions-block-merge")).Change(true);
        page.Find("[data-testid=save-settings]").Click();
        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=save-settings]").HasAttribute("disabled")), Patience);

        // The form shows what the save stored (no assertions), not the colleague's later change as if the owner had read it.
        Assert.Equal("", page.Find(Field("assertions")).GetAttribute("value") ?? page.Find(Field("assertions")).TextContent);
        page.Find(Field("require-justification")).Change(true);
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("changed by someone else", page.Find("[data-testid=settings-problem]").TextContent, StringComparison.Ordinal), Patience);
        var stored = (await Get<PolicySettingsStore>().GetAsync(policyId, Token)).Value;
        Assert.Equal((Theirs, true, false), (stored.Assertions, stored.AssertionsBlockMerge, stored.RequireJustification));
    }
}
