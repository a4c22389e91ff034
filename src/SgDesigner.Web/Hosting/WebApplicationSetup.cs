using MudBlazor.Services;
using SgDesigner.Data;
using SgDesigner.Data.Hosting;
using SgDesigner.Web.Components;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Drift;
using SgDesigner.Web.Features.Idempotency;
using SgDesigner.Web.Features.Members;
using SgDesigner.Web.Features.Policies;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Features.Settings;
using SgDesigner.Web.Features.Theme;
using SgDesigner.Web.Features.Tokens;

namespace SgDesigner.Web.Hosting;

/// <summary>Everything <c>Program.cs</c> wires up, one line per concern, so that it stays short.</summary>
public static class WebApplicationSetup
{
    /// <summary>Services, web root and listening address.</summary>
    public static WebApplicationBuilder AddSgDesigner(this WebApplicationBuilder builder)
    {
        builder.UseDefaultUrlWhenNoneConfigured();
        // The web root lives at the repository root; without this, running from bin/ outside Development
        // serves MudBlazor's files and blazor.web.js as empty 200s
        // (the static web assets manifest is only read by default in Development).
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<ThemeChoice>();
        services.AddApiErrorHandling();
        services.AddApiDocumentation();
        services.AddPolicyStorage(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddAccounts(builder.Configuration);
        services.AddRateLimits(builder.Configuration);
        services.AddSessionSecurity(builder.Environment, builder.Configuration);
        services.AddProxyAndHttps(builder.Configuration);
        PublicBaseUrl.Register(services, builder.Configuration, builder.Environment);
        services.AddDesigner();
        services.AddReview();
        services.AddPolicies();
        services.AddDrift();
        services.AddSettings();
        services.AddMembers();
        services.AddTokens();
        var health = services.AddHealthChecks().AddDbContextCheck<SgDbContext>("database");
        if (builder.Configuration.GetValue(StartupWarmUp.EnabledSetting, true))
        {
            services.AddSingleton<StartupWarmUp>();
            services.AddHostedService(provider => provider.GetRequiredService<StartupWarmUp>());
            health.AddCheck<StartupWarmUp>(StartupWarmUp.CheckName);
        }
        return builder;
    }

    /// <summary>Middleware, pages, documentation and health; the feature APIs are mapped in <c>Program.cs</c>.</summary>
    public static WebApplication UseSgDesigner(this WebApplication app)
    {
        app.UseProxyAndHttps();
        app.UseApiErrorHandling();
        app.UseAuthentication();
        app.UseNotFoundForUnknownPages();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseReadableForms();
        app.UseAntiforgery();
        app.UseIdempotencyKeys();
        var assets = app.MapStaticAssetsCompressed();
        app.MapRazorComponents<App>().WithStaticAssets(assets).AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapApiDocumentation();
        app.MapHealthEndpoints();
        app.PrintUrlsOnStart();
        return app;
    }
}
