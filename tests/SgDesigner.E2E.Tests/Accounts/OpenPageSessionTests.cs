using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using static Microsoft.Playwright.Assertions;

namespace SgDesigner.E2E.Tests.Accounts;

/// <summary>
/// A page already open in a browser outlasts the request that opened it: when an administrator disables the account,
/// the open policy page ends (back to sign-in) without the person doing anything, and the browser's cookie opens nothing.
/// </summary>
public sealed class OpenPageSessionTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task An_open_policy_page_goes_back_to_sign_in_when_the_account_is_disabled()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = session.App.Services.GetRequiredService<PolicyStore>();
        var policy = (await store.CreatePolicyAsync($"open page {Guid.NewGuid():N}", null, DemoEstate.Build(), session.Fixture.Admin.Actor, ct)).Value;
        var editor = await session.Fixture.NewUserAsync("Olive Open", policy.Id, PolicyRole.Editor);
        await using var context = await session.NewContextAsync(editor);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(session.App.BaseAddress, $"/policies/{policy.Id}").ToString());
        await Expect(page.GetByTestId("new-draft")).ToBeVisibleAsync();

        var disabled = await session.Fixture.Client.PostAsync($"/api/users/{editor.Id}/disable", null, ct);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        // The circuit re-checks the security stamp (every 2 s in these tests), finds it changed and reloads to sign-in.
        await page.WaitForURLAsync(url => url.Contains("/account/sign-in", StringComparison.Ordinal), new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(session.App.BaseAddress, $"/policies/{policy.Id}").ToString());
        await page.WaitForURLAsync(url => url.Contains("/account/sign-in", StringComparison.Ordinal));
    }
}
