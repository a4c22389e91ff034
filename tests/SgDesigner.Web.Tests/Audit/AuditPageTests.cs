using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Audit;
using SgDesigner.Web.Tests.Members;

namespace SgDesigner.Web.Tests.Audit;

public sealed class AuditPageTests : AdministrationTestContext
{
    // The policy comes from the query string, as in the app.
    private IRenderedComponent<AuditPage> RenderPage(Guid? policyId = null)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(policyId is { } id ? $"/audit?policy={id}" : "/audit");
        return Render<AuditPage>();
    }

    private static IReadOnlyList<string> Actions(IRenderedComponent<AuditPage> page) =>
        [.. page.FindAll("[data-testid=entry-action]").Select(c => c.TextContent.Trim())];

    // An administrator's policy with a viewer added and a token of the viewer's: policy., membership. and token. entries.
    private async Task<(AuditActor Admin, AuditActor Viewer, Guid PolicyId)> HistoryAsync()
    {
        var viewer = await SignInAsync("Vera Viewer");
        var admin = await SignInAsync("Ada Admin", administrator: true);
        var policyId = await NewPolicyAsync(admin);
        await Get<MembershipStore>().AddAsync(admin, policyId, viewer.UserId!.Value, PolicyRole.Viewer, Token);
        await Get<AccessTokenStore>().CreateAsync(viewer, "viewer's script", TokenScope.Read, policyId, ct: Token);
        return (admin, viewer, policyId);
    }

    [Fact]
    public async Task The_whole_trail_shows_each_policys_groups_by_their_names_with_the_id_on_hover()
    {
        var admin = await SignInAsync("Ada Admin", administrator: true);
        var demo = SgDesigner.Core.Samples.DemoEstate.Build();
        var policy = (await Get<PolicyStore>().CreatePolicyAsync($"policy {Guid.NewGuid():N}", null, demo, admin, Token)).Value.Id;
        var web = demo.Groups.Single(g => g.Id == SgDesigner.Core.Samples.DemoEstate.Web);
        await Get<AuditLog>().AppendAsync(admin, "draft.edited", "group", web.Id, $"rule added to {web.Id}", policy, Token);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("draft.edited", Actions(page)), Patience);
        var details = page.FindAll("[data-testid=entry-details]").Single(d => d.TextContent.Contains("rule added", StringComparison.Ordinal));
        Assert.Equal($"rule added to {web.Name}", details.TextContent.Trim());
        Assert.Equal(web.Id, details.QuerySelector("[data-testid=named-id]")!.GetAttribute("title"));
        Assert.DoesNotContain(page.FindAll("td"), td => td.TextContent.Contains(web.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_administrator_sees_every_entry_newest_first()
    {
        await HistoryAsync();

        var page = RenderPage();

        // A policy's creation and its owner's membership are written at the same instant, in either order.
        page.WaitForAssertion(() => Assert.Equal(4, Actions(page).Count), Patience);
        Assert.Equal(["token.created", "membership.added"], Actions(page).Take(2));
        Assert.Equal(["membership.added", "policy.created"], Actions(page).Skip(2).Order());
        Assert.Equal($"/api/audit.csv?limit={AuditQuery.MaxLimit}", page.Find("[data-testid=download-csv]").GetAttribute("href"));
    }

    [Fact]
    public async Task Choosing_action_families_narrows_the_entries_and_the_csv_link()
    {
        await HistoryAsync();
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(4, Actions(page).Count), Patience);

        page.Find("[data-testid=family-token]").Click();

        page.WaitForAssertion(() => Assert.Equal(["token.created"], Actions(page)), Patience);
        Assert.Contains("action=token.", page.Find("[data-testid=download-csv]").GetAttribute("href"), StringComparison.Ordinal);
        page.Find("[data-testid=family-policy]").Click();
        page.WaitForAssertion(() => Assert.Equal(["token.created", "policy.created"], Actions(page)), Patience);
    }

    [Fact]
    public async Task The_actor_filter_takes_an_e_mail_and_says_when_nobody_has_it()
    {
        var (_, viewer, _) = await HistoryAsync();
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(4, Actions(page).Count), Patience);

        page.Find(Field("actor-filter")).Change(EmailOf(viewer));

        page.WaitForAssertion(() => Assert.Equal(["token.created"], Actions(page)), Patience);
        Assert.All(page.FindAll("[data-testid=entry-actor]"), a => Assert.Contains("Vera Viewer", a.TextContent, StringComparison.Ordinal));
        page.Find(Field("actor-filter")).Change("ghost@example.test");
        page.WaitForAssertion(() => Assert.Contains("no user has", page.Find("[data-testid=audit-problem]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(Actions(page));
    }

    [Fact]
    public async Task A_control_character_in_the_actor_filter_is_named_and_shows_no_entries()
    {
        await HistoryAsync();
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(4, Actions(page).Count), Patience);

        page.Find(Field("actor-filter")).Change("vera\u0000@example.test");

        page.WaitForAssertion(() => Assert.Contains("the actor filter contains the control character U+0000 at position 5",
            page.Find("[data-testid=audit-problem]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(Actions(page));
    }

    [Fact]
    public async Task A_day_range_includes_its_last_day_and_excludes_days_after_it()
    {
        await HistoryAsync();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(4, Actions(page).Count), Patience);

        page.Find(Field("from-filter")).Change(today);
        page.Find(Field("to-filter")).Change(today);
        page.WaitForAssertion(() => Assert.Equal(4, Actions(page).Count), Patience);
        page.Find(Field("to-filter")).Change(yesterday);
        page.Find(Field("from-filter")).Change(yesterday);

        page.WaitForAssertion(() => Assert.Empty(Actions(page)), Patience);
        Assert.Single(page.FindAll("[data-testid=no-entries]"));
    }

    [Fact]
    public async Task A_viewer_sees_their_policys_trail_but_not_the_whole_trail()
    {
        var (_, viewer, policyId) = await HistoryAsync();
        await Get<AuditLog>().AppendAsync(AuditActor.System, "user.signed-in", "user", null, "no policy's", null, Token);
        SignInAs(viewer);

        var mine = RenderPage(policyId);
        mine.WaitForAssertion(() => Assert.Equal(4, Actions(mine).Count), Patience);
        Assert.Contains($"policyId={policyId}", mine.Find("[data-testid=download-csv]").GetAttribute("href"), StringComparison.Ordinal);

        var all = RenderPage();
        all.WaitForAssertion(() => Assert.Contains("administrators", all.Find("[data-testid=refused]").TextContent, StringComparison.Ordinal), Patience);
    }
}
