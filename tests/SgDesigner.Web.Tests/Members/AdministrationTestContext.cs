using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Hosting;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Members;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Features.Settings;
using SgDesigner.Web.Features.Tokens;
using SgDesigner.Web.Hosting;
using SgDesigner.Web.Tests.Hosting;
using TestContext = Xunit.TestContext;


namespace SgDesigner.Web.Tests.Members;

/// <summary>
/// bUnit for the administration pages: MudBlazor, the real stores and Identity on a SQLite file of its own (no demo
/// policy), and a signed-in user that a test chooses with <see cref="SignInAsync"/> (the last one signed in is the caller).
/// </summary>
public abstract class AdministrationTestContext : BunitContext, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sgd-admin-").FullName;
    private readonly BunitAuthorizationContext _authorization;

    /// <summary>Registers the services as the app does.</summary>
    protected AdministrationTestContext()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(_folder, "admin.db"),
            ["Storage:SeedDemo"] = "false",
            [PublicBaseUrl.Setting] = "http://localhost",
        }).Build();
        Services.AddMudServices();
        Services.AddPolicyStorage(settings, _folder);
        Services.AddPolicyIdentity();
        Services.AddDataProtection();
        Services.AddSingleton(new PublicBaseUrl(settings));
        Services.AddMembers();
        Services.AddSettings();
        // As the app has it: the editors tell every open page of what they stored.
        Services.AddSingleton<ReviewEvents>();
        Services.AddTokens();
        _authorization = this.AddCallerServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", true));
    }

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// How long a rendered page may take to show a state it reaches asynchronously: generous, because a class's first
    /// render (MudBlazor's components compiled on first use) can take over 10 s while the whole suite runs on 2 cores.
    /// </summary>
    protected static TimeSpan Patience => TimeSpan.FromSeconds(30);

    /// <summary>A service of the app.</summary>
    protected T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => await Services.MigrateAndSeedAsync(Token);

    /// <summary>Creates a user and makes them the caller of what renders next.</summary>
    protected Task<AuditActor> SignInAsync(string displayName, bool administrator = false) =>
        _authorization.SignInNewUserAsync(Services, displayName, administrator);

    /// <summary>Makes a user created before the caller again (bUnit's state carries the id claim the caller is read from).</summary>
    protected void SignInAs(AuditActor user)
    {
        _authorization.SetAuthorized(EmailOf(user));
        _authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.UserId!.Value.ToString()));
    }

    /// <summary>A new policy owned by <paramref name="owner"/>.</summary>
    protected async Task<Guid> NewPolicyAsync(AuditActor owner) =>
        (await Get<PolicyStore>().CreatePolicyAsync($"policy {Guid.NewGuid():N}", null, null, owner, Token)).Value.Id;

    /// <summary>The e-mail of a signed-in actor ("Name &lt;e-mail&gt;").</summary>
    protected static string EmailOf(AuditActor actor) => actor.Name[(actor.Name.IndexOf('<', StringComparison.Ordinal) + 1)..^1];

    /// <summary>Renders the providers dialogs and popovers need, as the layout does.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }

    /// <summary>The input of the MudBlazor field marked with <paramref name="testId"/>.</summary>
    protected static string Field(string testId) =>
        $"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea";

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        // WAL mode keeps pooled connections and -wal/-shm files open until the pool is cleared.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
