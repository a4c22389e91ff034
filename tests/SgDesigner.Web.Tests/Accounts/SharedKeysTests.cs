using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Tests.Hosting;

namespace SgDesigner.Web.Tests.Accounts;

/// <summary>
/// Two app instances on one database (a restart, or a second node behind a load balancer) share the data-protection
/// keys kept in that database: a session cookie and a form token issued by one are accepted by the other.
/// </summary>
public abstract class SharedKeysTests(Func<TestDatabase> database) : IAsyncLifetime
{
    private readonly TestDatabase _database = database();

    [Fact]
    public async Task A_session_and_a_form_from_one_instance_work_on_a_second_instance_on_the_same_database()
    {
        await using var first = new SgDesignerApp(_database.Settings);
        await using (var scope = first.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountStore>()
                .SignUpAsync(new SignUpRequest("root@example.test", "a long enough password", "Root Node", null), ct: TestContext.Current.CancellationToken);
        }
        using var onFirst = new BrowserForm(first.BaseAddress);
        await onFirst.SubmitAsync("/account/sign-in", "sign-in",
            new Dictionary<string, string> { ["Input.Email"] = "root@example.test", ["Input.Password"] = "a long enough password" });
        var home = await (await onFirst.GetAsync("/")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var (signOut, fields) = BrowserForm.Form(home, "account/sign-out", "/");

        await using var second = new SgDesignerApp(_database.Settings);
        using var onSecond = new BrowserForm(second.BaseAddress, onFirst.Cookies);

        await using (var scope = second.Services.CreateAsyncScope())
            Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<SgDbContext>().DataProtectionKeys.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/policies")).StatusCode);
        var signedOut = await onSecond.PostFormAsync(signOut, fields);
        Assert.Equal("/account/sign-in", onSecond.RedirectPath(signedOut));
    }

    /// <inheritdoc />
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SharedKeysSqliteTests() : SharedKeysTests(() => new SqliteTestDatabase());

public sealed class SharedKeysPostgresTests() : SharedKeysTests(() => new PostgresTestDatabase());
