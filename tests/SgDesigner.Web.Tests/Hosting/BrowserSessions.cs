using System.Net;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Tests.Accounts;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>Browser sessions for tests of pages: pages take the session cookie only, never an access token.</summary>
public static class BrowserSessions
{
    /// <summary>A browser (cookie-keeping, no JavaScript) signed in as <paramref name="user"/> through the sign-in form.</summary>
    public static async Task<BrowserForm> SignedInBrowserAsync(this AppFixture fixture, TestUser user)
    {
        var browser = new BrowserForm(fixture.App.BaseAddress);
        var signedIn = await browser.SubmitAsync(AccountServices.SignInPath, "sign-in",
            new Dictionary<string, string> { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"sign-in as {user.Email} answered {(int)signedIn.StatusCode}");
        return browser;
    }
}
