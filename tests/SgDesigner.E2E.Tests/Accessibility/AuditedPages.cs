using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Review;
using SgDesigner.Data.Store;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Accessibility;

/// <summary>One page (or one state of a page) to audit: where it is, whether it needs a signed-in user, and how to bring it to the state audited.</summary>
/// <param name="Name">The name in the report.</param>
/// <param name="Path">The address, from the root.</param>
/// <param name="SignedIn">Visited signed in (as the administrator) or signed out.</param>
/// <param name="Ready">Waits until the page shows what is audited (and clicks to reach it, for a designer tab).</param>
/// <param name="Status">The HTTP status the address answers with.</param>
public sealed record AuditedPage(string Name, string Path, bool SignedIn, Func<IPage, Task> Ready, int Status = 200);

/// <summary>
/// Every page of the app, signed out and signed in, with each designer tab: the demo estate as a policy, a draft of it
/// with a change request, and an invitation, so that no page is audited empty.
/// </summary>
public static class AuditedPages
{
    /// <summary>The demo group opened on the designer's rules tab.</summary>
    public const string WebGroup = "demo-web";

    /// <summary>Creates the policy, draft, change request and invitation the pages show, and lists the pages.</summary>
    public static async Task<IReadOnlyList<AuditedPage>> CreateAsync(BrowserSession session, CancellationToken ct)
    {
        var services = session.App.Services;
        var admin = session.Fixture.Admin;
        var store = services.GetRequiredService<PolicyStore>();
        var policy = (await store.CreatePolicyAsync($"audited {Guid.NewGuid():N}", "every page, audited", DemoEstate.Build(), admin.Actor, ct)).Value;
        var draft = (await store.CreateDraftAsync(policy.Id, null, "tighten the web tier", admin.Actor, ct)).Value;
        using var scope = services.CreateScope();
        var request = (await scope.ServiceProvider.GetRequiredService<ReviewStore>().OpenAsync(admin.Actor, draft.Id, "Tighten the web tier", "Fewer open ports.", ct)).Value;
        var invitation = (await scope.ServiceProvider.GetRequiredService<AccountStore>().InviteAsync(admin.Actor, $"invited.{Guid.NewGuid():N}@example.test", policy.Id, Data.Rows.PolicyRole.Reviewer, ct: ct)).Value;

        var history = await Web.Tests.Features.History.HistoryPolicy.CreateAsync(session.Fixture, admin);
        var designer = $"/drafts/{draft.Id}";
        return
        [
            new("sign-in", "/account/sign-in", false, p => Expect(p.GetByTestId("sign-in")).ToBeVisibleAsync()),
            new("sign-up (invitation)", $"/account/sign-up?invitation={Uri.EscapeDataString(invitation.Token)}", false, p => Expect(p.GetByTestId("sign-up")).ToBeVisibleAsync()),
            new("not-found (signed out)", "/not-found", false, NotFound),
            new("unknown address (signed out)", "/no/such/page", false, NotFound, 404),
            new("policies", "/", true, p => Shown(p, "policies")),
            new("policy", $"/policies/{policy.Id}", true, p => Shown(p, "policy-links")),
            new("designer: rules", designer, true, async p =>
            {
                await Shown(p, "draft-title");
                // The designer opens its first group once loaded: choose the web group after that, not before.
                await Expect(p.GetByTestId("group-name")).ToBeVisibleAsync();
                await p.GetByTestId("group-item").Filter(new() { HasText = WebGroup }).ClickAsync();
                await Expect(p.GetByTestId("group-name")).ToHaveTextAsync(WebGroup);
            }),
            new("designer: instances", designer, true, p => Tab(p, "Instances", "view-instances")),
            new("designer: chaining graph", designer, true, async p =>
            {
                await Tab(p, "Chaining graph", "chaining-graph");
                await Expect(p.GetByTestId("graph-node").First).ToBeVisibleAsync();
            }),
            new("designer: matrix", designer, true, async p =>
            {
                await Tab(p, "Matrix", "matrix-view");
                await Expect(p.GetByTestId("matrix-row").First).ToBeVisibleAsync();
            }),
            new("designer: prefix lists", designer, true, p => Tab(p, "Prefix lists", "prefix-lists-view")),
            new("designer: paste rules", designer, true, async p =>
            {
                await Shown(p, "draft-title");
                await Expect(p.GetByTestId("group-name")).ToBeVisibleAsync();
                await p.GetByTestId("paste-rules").First.ClickAsync();
                await Expect(p.GetByTestId("paste-text")).ToBeVisibleAsync();
            }),
            new("compare revisions", $"/policies/{history}/compare/1...3", true, p => Shown(p, "compare-title")),
            new("waiting for my review", "/reviews", true, p => Shown(p, "waiting-for-my-review")),
            new("import", "/import", true, p => Shown(p, "choose-files")),
            new("change requests", $"/policies/{policy.Id}/requests", true, p => Shown(p, "requests")),
            new("change request", $"/requests/{request.Id}", true, p => Shown(p, "request-title")),
            new("audit trail", "/audit", true, p => Shown(p, "audit-filters")),
            new("members", $"/policies/{policy.Id}/members", true, p => Shown(p, "members")),
            new("settings", $"/policies/{policy.Id}/settings", true, p => Shown(p, "required-approvals")),
            new("access tokens", "/account/tokens", true, p => Shown(p, "tokens")),
            new("change password", "/account/password", true, p => Expect(p.GetByTestId("change-password")).ToBeVisibleAsync()),
            new("users and invitations", "/admin/users", true, p => Shown(p, "users")),
            new("not-found (signed in)", "/not-found", true, async p => { await Interactive(p); await NotFound(p); }),
            new("unknown address (signed in)", "/no/such/page", true, async p => { await Interactive(p); await NotFound(p); }, 404),
        ];
    }

    // Signed out, the page has no circuit (it needs a signed-in user): it is shown once prerendered.
    private static Task NotFound(IPage page) => Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();

    // The layout's theme button is enabled once the circuit answers: the page is interactive.
    private static Task Interactive(IPage page) => Expect(page.GetByTestId("theme-toggle")).ToBeEnabledAsync();

    private static async Task Shown(IPage page, string testId)
    {
        await Interactive(page);
        await Expect(page.GetByTestId(testId).First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("loading")).ToHaveCountAsync(0);
    }

    private static async Task Tab(IPage page, string tab, string shown)
    {
        await Shown(page, "draft-title");
        await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
        await Expect(page.GetByTestId(shown).First).ToBeVisibleAsync();
    }
}
