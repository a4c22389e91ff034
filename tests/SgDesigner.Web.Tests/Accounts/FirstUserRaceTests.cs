using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Accounts;

/// <summary>
/// Eight people sign up at the same moment on an empty installation: exactly one becomes administrator, every other
/// gets a page that says sign-up now needs an invitation, and nobody gets a 500 (PostgreSQL's serialization failures
/// and unique violations are decided again, not thrown).
/// </summary>
public abstract class FirstUserRaceTests(Func<TestDatabase> database) : IAsyncLifetime
{
    private const int People = 8;
    private readonly TestDatabase _database = database();
    private SgDesignerApp _app = default!;

    /// <inheritdoc />
    public ValueTask InitializeAsync()
    {
        _app = new SgDesignerApp(_database.Settings);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Of_simultaneous_first_sign_ups_exactly_one_becomes_administrator_and_the_others_are_told_why()
    {
        var browsers = Enumerable.Range(0, People).Select(_ => new BrowserForm(_app.BaseAddress)).ToList();
        // Every page is loaded (antiforgery token and all) before any form is posted, so the posts really race.
        var pages = await Task.WhenAll(browsers.Select(async b => await (await b.GetAsync("/account/sign-up")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        var posts = browsers.Select((browser, i) =>
        {
            var (action, fields) = BrowserForm.Form(pages[i], "sign-up", "/account/sign-up");
            fields["Input.DisplayName"] = $"Racer {i}";
            fields["Input.Email"] = $"racer{i}@example.test";
            fields["Input.Password"] = fields["Input.ConfirmPassword"] = "a long enough password";
            return browser.PostFormAsync(action, fields);
        });

        var answers = await Task.WhenAll(posts);

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"answered {(int)a.StatusCode}"));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        foreach (var refused in answers.Where(a => a.StatusCode == HttpStatusCode.OK))
            Assert.Contains("needs an invitation", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var scope = _app.Services.CreateScope();
        var users = await scope.ServiceProvider.GetRequiredService<SgDbContext>().Users.ToListAsync(TestContext.Current.CancellationToken);
        Assert.True(Assert.Single(users).IsAdministrator);
        browsers.ForEach(b => b.Dispose());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class FirstUserRaceSqliteTests() : FirstUserRaceTests(() => new SqliteTestDatabase());

public sealed class FirstUserRacePostgresTests() : FirstUserRaceTests(() => new PostgresTestDatabase());
