using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;

namespace SgDesigner.Web.Tests.Hosting;

/// <summary>A user made by a test, with a client that calls the API as them (a write-scoped access token).</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Email">Their e-mail, the sign-in name.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Password">Their password, for a browser sign-in.</param>
/// <param name="Client">A client over real HTTP, authenticated as them.</param>
public sealed record TestUser(Guid Id, string Email, string DisplayName, string Password, HttpClient Client)
{
    /// <summary>The user as the stores' actor.</summary>
    public AuditActor Actor => new(Id, $"{DisplayName} <{Email}>");
}

/// <summary>
/// One running app and its own database, shared by the tests of one class. The first user (an administrator,
/// owner of the demo policy) is signed up at start, and <see cref="Client"/> calls the API as them.
/// </summary>
public abstract class AppFixture : IAsyncLifetime
{
    /// <summary>The password every test user gets.</summary>
    public const string Password = "correct horse battery staple";

    private readonly TestDatabase _database;
    private readonly List<HttpClient> _clients = [];

    /// <summary>Starts nothing yet: the server starts on first use.</summary>
    protected AppFixture(TestDatabase database)
        : this(database, new Dictionary<string, string?>())
    {
    }

    /// <summary>An app with settings beside the database's and, when given, services replaced.</summary>
    protected AppFixture(TestDatabase database, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _database = database;
        App = new SgDesignerApp(new Dictionary<string, string?>(database.Settings.Concat(settings)), services);
    }

    /// <summary>The app under test.</summary>
    public SgDesignerApp App { get; }

    /// <summary>The first user: administrator, and owner of the policies seeded before them (the demo).</summary>
    public TestUser Admin { get; private set; } = default!;

    /// <summary>A client over real HTTP to the app, signed in as <see cref="Admin"/>.</summary>
    public HttpClient Client => Admin.Client;

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous { get; private set; } = default!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Anonymous = Track(App.CreateHttpClient());
        Admin = await SignUpAsync("Ada Admin", null);
    }

    /// <summary>Another user, invited by the administrator, member of <paramref name="policyId"/> as <paramref name="role"/> when given.</summary>
    public async Task<TestUser> NewUserAsync(string displayName, Guid? policyId = null, PolicyRole? role = null)
    {
        using var scope = App.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountStore>();
        var invitation = await accounts.InviteAsync(Admin.Actor, EmailFor(displayName), policyId, role, ct: TestContext.Current.CancellationToken);
        Assert.True(invitation.IsOk, invitation.ToString());
        return await SignUpAsync(displayName, invitation.Value);
    }

    /// <summary>A client that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient ClientWithToken(string token)
    {
        var client = Track(App.CreateHttpClient());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A new access token of <paramref name="user"/>'s, with the given scope, policy and expiry.</summary>
    public async Task<string> TokenAsync(TestUser user, TokenScope scope, Guid? policyId = null, DateTime? expiresAt = null) =>
        (await CreateTokenAsync(user, scope, policyId, expiresAt)).Token;

    /// <summary>A token of <paramref name="user"/>'s that has expired (created valid, then its expiry moved to the past).</summary>
    public async Task<string> ExpiredTokenAsync(TestUser user, TokenScope scope = TokenScope.Write)
    {
        var created = await CreateTokenAsync(user, scope, null, DateTime.UtcNow.AddHours(1));
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<SgDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        await db.PersonalAccessTokens.Where(t => t.Id == created.Info.Id)
            .ExecuteUpdateAsync(t => t.SetProperty(r => r.ExpiresAt, DateTime.UtcNow.AddDays(-1)), TestContext.Current.CancellationToken);
        return created.Token;
    }

    private async Task<CreatedAccessToken> CreateTokenAsync(TestUser user, TokenScope scope, Guid? policyId, DateTime? expiresAt)
    {
        var tokens = App.Services.GetRequiredService<AccessTokenStore>();
        var created = await tokens.CreateAsync(user.Actor, $"test token {Guid.NewGuid():N}", scope, policyId, expiresAt, TestContext.Current.CancellationToken);
        Assert.True(created.IsOk, created.ToString());
        return created.Value;
    }

    private async Task<TestUser> SignUpAsync(string displayName, CreatedInvitation? invitation)
    {
        var email = invitation?.Email ?? EmailFor(displayName);
        using var scope = App.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountStore>();
        var user = await accounts.SignUpAsync(new SignUpRequest(email, Password, displayName, invitation?.Token), ct: TestContext.Current.CancellationToken);
        Assert.True(user.IsOk, user.ToString());
        var partial = new TestUser(user.Value.Id, email, displayName, Password, null!);
        return partial with { Client = ClientWithToken(await TokenAsync(partial, TokenScope.Write)) };
    }

    private static string EmailFor(string displayName) =>
        $"{string.Concat(displayName.Where(char.IsLetter)).ToLowerInvariant()}.{Guid.NewGuid():N}@example.test";

    private HttpClient Track(HttpClient client)
    {
        _clients.Add(client);
        return client;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        await App.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The app on a SQLite file of its own.</summary>
public sealed class SqliteApp() : AppFixture(new SqliteTestDatabase());

/// <summary>The app on a PostgreSQL database of its own.</summary>
public sealed class PostgresApp() : AppFixture(new PostgresTestDatabase());
