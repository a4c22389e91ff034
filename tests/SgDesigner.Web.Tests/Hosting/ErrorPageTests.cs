using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Tests.Accounts;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>
/// Outside Development a request to a page that fails answers 500 with the app's error page, whatever its method, signed
/// in or not (before, the handler re-ran the request where nothing routed it again: an empty 500), and the API keeps its
/// problem documents. The failure is a real one: the accounts table is taken away under the running app, as a botched
/// restore would, so the sign-in page's queries and the session check throw; each test puts it back.
/// </summary>
public sealed class ErrorPageTests(PlainHttpProductionApp fixture) : IClassFixture<PlainHttpProductionApp>
{
    private const string ErrorText = "An error occurred while processing your request.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_form_post_that_fails_answers_500_with_the_error_page()
    {
        using var browser = new BrowserForm(fixture.App.BaseAddress);
        var (action, fields) = await SignInFilledAsync(browser);

        var answer = await WithoutTheAccountsTableAsync(() => browser.PostFormAsync(action, fields));

        await AssertErrorPageAsync(answer);
    }

    // The error page is re-run as a GET (ErrorPageAsGet); the server's request metrics keep the method the client sent.
    [Fact]
    public async Task A_form_post_that_fails_is_measured_as_the_post_it_was_not_as_the_error_pages_get()
    {
        var meters = fixture.App.Services.GetRequiredService<IMeterFactory>();
        var measured = new TaskCompletionSource<(object? Method, object? Status)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "http.server.request.duration")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            var (method, status) = ((object?)null, (object?)null);
            foreach (var tag in tags)
            {
                if (tag.Key == "http.request.method")
                    method = tag.Value;
                else if (tag.Key == "http.response.status_code")
                    status = tag.Value;
            }
            if (status is 500)
                measured.TrySetResult((method, status));
        });
        listener.Start();
        using var browser = new BrowserForm(fixture.App.BaseAddress);
        var (action, fields) = await SignInFilledAsync(browser);

        await WithoutTheAccountsTableAsync(() => browser.PostFormAsync(action, fields));

        // The server records the request once it is over, which may be just after the client has the answer.
        Assert.Equal(("POST", (object?)500), await measured.Task.WaitAsync(TimeSpan.FromMinutes(1), Ct));
    }

    [Fact]
    public async Task A_get_that_fails_answers_500_with_the_error_page()
    {
        using var browser = new BrowserForm(fixture.App.BaseAddress);

        var answer = await WithoutTheAccountsTableAsync(() => browser.GetAsync("/account/sign-in"));

        await AssertErrorPageAsync(answer);
    }

    // Every request with a session cookie reads the account's security stamp: with the table gone that fails before any
    // page runs, for any method, and the error page must not check the session again (it would fail the same way).
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("HEAD")]
    public async Task A_signed_in_request_whose_session_cannot_be_checked_answers_500_with_the_error_page(string method)
    {
        using var browser = await fixture.SignedInBrowserAsync(fixture.Admin);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = browser.Cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), "/");
        if (method is "POST" or "PUT")
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "value" });

        var answer = await WithoutTheAccountsTableAsync(() => client.SendAsync(request, Ct));

        if (method == "HEAD")
        {
            Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
            Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        }
        else
            await AssertErrorPageAsync(answer);
        // The session outlives the failure: the cookie was neither dropped nor refused once the table is back.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task An_api_call_that_fails_keeps_its_problem_document()
    {
        using var client = fixture.ClientWithToken(await fixture.TokenAsync(fixture.Admin, TokenScope.Read));

        // The token's owner is read from the missing table while the caller is authenticated.
        var answer = await WithoutTheAccountsTableAsync(() => client.GetAsync("/api/policies", Ct));

        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = await answer.Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"status\":500", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", problem, StringComparison.Ordinal);
    }

    // No page answers HEAD or PUT, so the failing page never runs and the error page does not come into it: the
    // answers are those of any page, with the table there or not.
    [Theory]
    [InlineData("HEAD", HttpStatusCode.NotFound)]
    [InlineData("PUT", HttpStatusCode.Redirect)]
    public async Task A_head_or_put_to_a_page_answers_as_without_the_failure(string method, HttpStatusCode expected)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), "/account/sign-in");
        using var again = new HttpRequestMessage(new HttpMethod(method), "/account/sign-in");

        var answer = await WithoutTheAccountsTableAsync(() => client.SendAsync(request, Ct));
        var withTheTable = await client.SendAsync(again, Ct);

        Assert.Equal((expected, expected), (answer.StatusCode, withTheTable.StatusCode));
        if (expected == HttpStatusCode.Redirect)
            Assert.StartsWith("/account/sign-in?ReturnUrl=", answer.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    // The sign-in form as the page renders it (its antiforgery token included), filled in with the administrator's
    // e-mail and password: the page looks the account up when it is posted.
    private async Task<(string Action, Dictionary<string, string> Fields)> SignInFilledAsync(BrowserForm browser)
    {
        var page = await (await browser.GetAsync("/account/sign-in")).Content.ReadAsStringAsync(Ct);
        var (action, fields) = BrowserForm.Form(page, "sign-in", "/account/sign-in");
        fields["Input.Email"] = fixture.Admin.Email;
        fields["Input.Password"] = fixture.Admin.Password;
        return (action, fields);
    }

    private static async Task AssertErrorPageAsync(HttpResponseMessage answer)
    {
        var html = await answer.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains(ErrorText, html, StringComparison.Ordinal);
        Assert.Contains("Request id: <code>", html, StringComparison.Ordinal);
        Assert.Contains("mud-appbar", html, StringComparison.Ordinal);
    }

    // Renames the table under the app's feet (SQLite reads the schema again for every statement, on pooled connections
    // too) while the request is sent, and names it back afterwards.
    private async Task<HttpResponseMessage> WithoutTheAccountsTableAsync(Func<Task<HttpResponseMessage>> send)
    {
        await ExecuteAsync("ALTER TABLE \"AspNetUsers\" RENAME TO \"AspNetUsersGone\"");
        try
        {
            return await send();
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE \"AspNetUsersGone\" RENAME TO \"AspNetUsers\"");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<SgDbContext>>().CreateDbContextAsync(Ct);
        await db.Database.ExecuteSqlRawAsync(sql, Ct);
    }
}
