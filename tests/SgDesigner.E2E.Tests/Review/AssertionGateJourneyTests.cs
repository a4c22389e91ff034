using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.E2E.Tests.Policies;
using SgDesigner.Web.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Review;

/// <summary>
/// The assertion gate in Chromium: a policy whose assertions block merging, and an approved request that opens ssh from
/// the internet, which breaks "no ssh from the internet". The owner sees the merge blocked with the assertion named,
/// merges anyway with a reason, and the conversation and the audit page show the override with the reason.
/// </summary>
public sealed class AssertionGateJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string Reason = "incident 4711: the on-call needs a shell tonight";

    [Fact]
    public async Task An_owner_sees_the_blocked_merge_overrides_it_with_a_reason_and_the_audit_page_shows_it()
    {
        var store = session.App.Services.GetRequiredService<PolicyStore>();
        var policy = (await store.CreatePolicyAsync($"gate {Guid.NewGuid():N}", null, DemoEstate.Build(), session.Fixture.Admin.Actor, Token)).Value;
        var owner = await session.Fixture.NewUserAsync("Olga Owner", policy.Id, PolicyRole.Owner);
        var editor = await session.Fixture.NewUserAsync("Eddie Editor", policy.Id, PolicyRole.Editor);
        var reviewer = await session.Fixture.NewUserAsync("Rita Reviewer", policy.Id, PolicyRole.Reviewer);
        var settings = $"/api/policies/{policy.Id}/settings";
        await (await owner.Client.SendIfMatchAsync(HttpMethod.Put, settings, settings, new
        {
            assertions = """{"from": "8.8.8.8", "to": "web-1", "protocol": "tcp", "port": 22, "expect": "deny", "name": "no ssh from the internet"}""",
            assertionsBlockMerge = true,
        })).ReadAsync(HttpStatusCode.OK);
        var draftId = (await (await editor.Client.PostAsJsonAsync($"/api/policies/{policy.Id}/drafts", new { title = "on-call ssh" }, Token))
            .ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var (_, version) = await editor.Client.DraftAsync(draftId);
        using var add = ApiSteps.WithVersion(HttpMethod.Post, $"/api/drafts/{draftId}/groups/{DemoEstate.Web}/rules", version,
            new { direction = "inbound", protocol = "tcp", fromPort = 22, toPort = 22, cidr = "0.0.0.0/0", description = "on-call ssh" });
        await (await editor.Client.SendAsync(add, Token)).ReadAsync(HttpStatusCode.Created);
        var requestId = (await (await editor.Client.PostAsJsonAsync($"/api/drafts/{draftId}/request", new { title = "SSH to the web tier" }, Token))
            .ReadAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await reviewer.Client.RequestActionAsync(requestId, "reviews", new { verdict = "approve", body = "" })).ReadAsync(HttpStatusCode.Created);

        await using var context = await session.NewContextAsync(owner, new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(session.App.BaseAddress, $"/requests/{requestId}").ToString());

        // The merge is blocked, naming the assertion; the owner is offered to merge anyway.
        var blocking = page.GetByTestId("blocking-assertion");
        await Expect(blocking).ToHaveCountAsync(1);
        await Expect(blocking).ToHaveAttributeAsync("data-line", "1");
        await Expect(blocking).ToContainTextAsync("no ssh from the internet");
        await Expect(page.GetByTestId("merge-gate")).ToContainTextAsync("would be allowed");
        await Expect(page.GetByTestId("merge")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "merge-blocked-by-assertion.png"), FullPage = true });

        // Merging anyway needs a reason.
        await Expect(page.GetByTestId("merge-override")).ToBeEnabledAsync();
        await page.GetByTestId("merge-override").ClickAsync();
        await Expect(page.GetByTestId("override-warning")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("confirm-override")).ToBeDisabledAsync();
        await page.Field("override-reason").FillAsync(Reason);
        await Expect(page.GetByTestId("confirm-override")).ToBeEnabledAsync();
        await page.GetByTestId("confirm-override").ClickAsync();
        await Expect(page.GetByTestId("merged-revision")).ToHaveTextAsync("revision 2");
        // The conversation says who merged past which assertion, and why.
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Conversation") }).ClickAsync();
        await Expect(page.GetByTestId("comment").Filter(new() { HasText = Reason })).ToContainTextAsync("Olga Owner");
        await Expect(page.GetByTestId("comment-body").Filter(new() { HasText = Reason })).ToContainTextAsync("line 1: no ssh from the internet");

        // The audit page shows the override with its reason and the assertion.
        await page.GotoAsync(new Uri(session.App.BaseAddress, $"/audit?policy={policy.Id}").ToString());
        var entry = page.GetByTestId("audit-entries").Locator("tr").Filter(new() { Has = page.GetByText("request.merge-override", new() { Exact = true }) });
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry.GetByTestId("entry-details")).ToContainTextAsync(Reason);
        await Expect(entry.GetByTestId("entry-details")).ToContainTextAsync("no ssh from the internet");
        await Expect(entry.GetByTestId("entry-actor")).ToContainTextAsync(new Regex("Olga Owner"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotFolder(), "audit-merge-override.png"), FullPage = true });
    }
}
