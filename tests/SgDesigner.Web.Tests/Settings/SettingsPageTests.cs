using Bunit;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Settings;
using SgDesigner.Web.Features.Settings;
using SgDesigner.Web.Tests.Members;

namespace SgDesigner.Web.Tests.Settings;

public sealed class SettingsPageTests : AdministrationTestContext
{
    private const string Good = "{\"from\": \"10.0.1.5\", \"to\": \"10.0.2.9\", \"protocol\": \"tcp\", \"port\": 5432, \"expect\": \"allow\"}";

    private IRenderedComponent<SettingsPage> RenderPage(Guid policyId) => Render<SettingsPage>(p => p.Add(x => x.PolicyId, policyId));

    [Fact]
    public async Task An_owner_saves_approvals_and_assertions()
    {
        var owner = await SignInAsync("Otis Owner");
        var policyId = await NewPolicyAsync(owner);
        var page = RenderPage(policyId);
        page.WaitForElement("[data-testid=save-settings]", Patience);

        page.Find(Field("required-approvals")).Change("2");
        page.Find(Field("assertions")).Input(Good);
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=save-settings]").HasAttribute("disabled")), Patience);
        var stored = (await Get<PolicySettingsStore>().GetAsync(policyId, Token)).Value;
        Assert.Equal((2, Good), (stored.RequiredApprovals, stored.Assertions));
    }

    [Fact]
    public async Task A_save_from_a_page_read_before_someone_else_changed_the_settings_stores_nothing_and_keeps_their_change()
    {
        var owner = await SignInAsync("Otis Owner");
        var policyId = await NewPolicyAsync(owner);
        var page = RenderPage(policyId);
        page.WaitForElement("[data-testid=save-settings]", Patience);
        // Meanwhile, in another tab or from the matrix's cell panel, an assertion is added.
        Assert.True((await Get<PolicySettingsStore>().SetAssertionsAsync(owner, policyId, Good, null, Token)).IsOk);

        page.Find(Field("assertions-block-merge")).Change(true);
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("changed by someone else", page.Find("[data-testid=settings-problem]").TextContent, StringComparison.Ordinal), Patience);
        var stored = (await Get<PolicySettingsStore>().GetAsync(policyId, Token)).Value;
        Assert.Equal((Good, false), (stored.Assertions, stored.AssertionsBlockMerge));
        // Their assertion now shows, the user's switch is kept: saving again stores both.
        Assert.Equal(Good, page.Find(Field("assertions")).GetAttribute("value") ?? page.Find(Field("assertions")).TextContent);
        page.Find("[data-testid=save-settings]").Click();
        page.WaitForAssertion(() => Assert.DoesNotContain("data-testid=\"settings-problem\"", page.Markup, StringComparison.Ordinal), Patience);
        stored = (await Get<PolicySettingsStore>().GetAsync(policyId, Token)).Value;
        Assert.Equal((Good, true), (stored.Assertions, stored.AssertionsBlockMerge));
    }

    [Fact]
    public async Task An_owner_turns_on_assertions_blocking_merge_and_the_change_is_stored_and_audited()
    {
        var owner = await SignInAsync("Otis Owner");
        var policyId = await NewPolicyAsync(owner);
        var page = RenderPage(policyId);
        page.WaitForElement("[data-testid=save-settings]", Patience);
        Assert.True(page.Find("[data-testid=save-settings]").HasAttribute("disabled"));

        page.Find(Field("assertions-block-merge")).Change(true);
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=save-settings]").HasAttribute("disabled")), Patience);
        Assert.True((await Get<PolicySettingsStore>().GetAsync(policyId, Token)).Value.AssertionsBlockMerge);
        var audit = await Get<AuditLog>().QueryAsync(new AuditFilter(PolicyId: policyId, Action: "policy.settings-changed"), Token);
        Assert.Contains("assertions block merge off → on", Assert.Single(audit).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_requires_a_justification_on_rules_open_to_the_world_and_the_change_is_stored_and_audited()
    {
        var owner = await SignInAsync("Otis Owner");
        var policyId = await NewPolicyAsync(owner);
        var page = RenderPage(policyId);
        page.WaitForElement("[data-testid=save-settings]", Patience);

        page.Find(Field("require-justification")).Change(true);
        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=save-settings]").HasAttribute("disabled")), Patience);
        var stored = (await Get<PolicySettingsStore>().GetAsync(policyId, Token)).Value;
        Assert.True(stored.RequireJustification);
        Assert.False(stored.AssertionsBlockMerge);
        var audit = await Get<AuditLog>().QueryAsync(new AuditFilter(PolicyId: policyId, Action: "policy.settings-changed"), Token);
        Assert.Contains("justification required on rules open to the world off → on", Assert.Single(audit).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_assertion_is_shown_at_its_line_and_the_assertions_are_not_stored()
    {
        var owner = await SignInAsync("Otis Owner");
        var policyId = await NewPolicyAsync(owner);
        var page = RenderPage(policyId);
        page.WaitForElement("[data-testid=save-settings]", Patience);

        page.Find(Field("assertions")).Input($"{Good}\n# a comment\n{{\"from\": \"10.0.1.5\", \"to\": \"db\", \"protocol\": \"tcp\", \"expect\": \"allow\"}}");
        page.Find("[data-testid=save-settings]").Click();

        var error = page.WaitForElement("[data-testid=assertion-error]", Patience);
        Assert.Equal("3", error.GetAttribute("data-line"));
        Assert.Contains("\"to\": \"db\"", error.TextContent, StringComparison.Ordinal);
        Assert.Contains("port", error.TextContent, StringComparison.Ordinal);
        Assert.Equal("", (await Get<PolicySettingsStore>().GetAsync(policyId, Token)).Value.Assertions);
    }

    [Fact]
    public async Task A_viewer_reads_the_settings_without_a_save_button()
    {
        var owner = await SignInAsync("Otis Owner");
        var policyId = await NewPolicyAsync(owner);
        await Get<PolicySettingsStore>().SetAssertionsAsync(owner, policyId, Good, ct: Token);
        var viewer = await SignInAsync("Vera Viewer");
        await Get<MembershipStore>().AddAsync(owner, policyId, viewer.UserId!.Value, PolicyRole.Viewer, Token);

        var page = RenderPage(policyId);

        page.WaitForElement("[data-testid=read-only]", Patience);
        Assert.Empty(page.FindAll("[data-testid=save-settings]"));
        Assert.Equal(Good, page.Find(Field("assertions")).GetAttribute("value") ?? page.Find(Field("assertions")).TextContent);
        Assert.True(page.Find(Field("assertions")).HasAttribute("readonly"));
    }
}
