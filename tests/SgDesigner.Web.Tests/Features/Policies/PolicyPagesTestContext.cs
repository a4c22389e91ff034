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
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Drift;
using SgDesigner.Web.Features.Policies;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Tests.Hosting;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Features.Policies;

/// <summary>
/// bUnit with the app's MudBlazor services and a real <see cref="PolicyStore"/> on a SQLite file of its own
/// (no demo policy), for the pages that list, create, import and export policies.
/// </summary>
public abstract class PolicyPagesTestContext : BunitContext, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sgd-policies-").FullName;
    private readonly BunitAuthorizationContext _authorization;

    /// <summary>Registers the services as the app does.</summary>
    protected PolicyPagesTestContext()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(_folder, "policies.db"),
            ["Storage:SeedDemo"] = "false",
        }).Build();
        Services.AddMudServices();
        Services.AddPolicyStorage(settings, _folder);
        Services.AddDesigner();
        Services.AddPolicies();
        Services.AddDrift();
        // The compare page analyses two revisions with the review's impact.
        Services.AddReview();
        _authorization = this.AddCallerServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", true));
    }

    /// <summary>The store.</summary>
    protected PolicyStore Store => Services.GetRequiredService<PolicyStore>();

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>How long a rendered page may take to show a state it reaches asynchronously.</summary>
    protected static TimeSpan Patience => TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        await Services.MigrateAndSeedAsync(Token);
        Admin = await _authorization.SignInNewUserAsync(Services, "Ada Admin", administrator: true);
    }

    /// <summary>The signed-in user: an administrator, who sees and manages every policy.</summary>
    protected AuditActor Admin { get; private set; } = AuditActor.System;

    /// <summary>Renders the providers dialogs and popovers need, as the layout does.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }

    /// <summary>The input of the MudBlazor field marked with <paramref name="testId"/> (the attribute lands on the input itself).</summary>
    protected static string Field(string testId) =>
        $"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input";

    /// <summary>Every stored policy, read afresh.</summary>
    protected Task<IReadOnlyList<PolicySummary>> StoredPoliciesAsync() => Store.ListPoliciesAsync(Token);

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        // WAL mode keeps pooled connections and -wal/-shm files open until the pool is cleared.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
