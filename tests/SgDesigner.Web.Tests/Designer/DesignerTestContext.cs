using System.Collections.Immutable;
using Bunit;
using TestContext = Xunit.TestContext;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SgDesigner.Core.Model;
using SgDesigner.Data.Hosting;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Settings;
using SgDesigner.Web.Tests.Hosting;
using Bunit.TestDoubles;
using SgDesigner.Data.Audit;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// bUnit with the app's MudBlazor services and a real <see cref="PolicyStore"/> on a SQLite file in a temporary
/// folder, holding a policy with groups web and db (one instance each) and an open draft loaded into the
/// <see cref="DesignSession"/> the components get.
/// </summary>
public abstract class DesignerTestContext : BunitContext, IAsyncLifetime
{
    /// <summary>Ids of the test estate.</summary>
    protected const string Web = "sg-0000000000000web0", Db = "sg-00000000000000db0", WebEni = "eni-00000000000web01", DbEni = "eni-000000000000db01";

    private readonly string _folder = Directory.CreateTempSubdirectory("sgd-designer-").FullName;
    private readonly BunitAuthorizationContext _authorization;

    /// <summary>Registers the services as the app does.</summary>
    protected DesignerTestContext()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(_folder, "designer.db"),
            ["Storage:SeedDemo"] = "false",
        }).Build();
        Services.AddMudServices();
        Services.AddPolicyStorage(settings, _folder);
        Services.AddDesigner();
        Services.AddSettings(); // the matrix's cell assertions save through the settings' editor
        _authorization = this.AddCallerServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", true));
    }

    /// <summary>The store.</summary>
    protected PolicyStore Store => Services.GetRequiredService<PolicyStore>();

    /// <summary>The session the rendered components share.</summary>
    protected DesignSession Session => Services.GetRequiredService<DesignSession>();

    /// <summary>The signed-in user: the owner of the test policy.</summary>
    protected AuditActor Tester { get; private set; } = AuditActor.System;

    /// <summary>A new session of the signed-in user (another tab).</summary>
    protected DesignSession NewSession() => ActivatorUtilities.CreateInstance<DesignSession>(Services);

    /// <summary>The open draft's id.</summary>
    protected Guid DraftId { get; private set; }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await Services.MigrateAndSeedAsync(ct);
        Tester = await _authorization.SignInNewUserAsync(Services, "Tess Tester");
        var policy = await Store.CreatePolicyAsync($"designer-{Guid.NewGuid():N}", null, TwoTiers(), Tester, ct);
        var draft = await Store.CreateDraftAsync(policy.Value.Id, null, "test change", Tester, ct);
        DraftId = draft.Value.Id;
        Assert.Null(await Session.LoadAsync(DraftId, ct));
    }

    /// <summary>Stores <paramref name="estate"/> as a new policy with a draft of it, and loads that draft in <see cref="Session"/>.</summary>
    protected async Task<Guid> LoadNewDraftAsync(Core.Model.Estate estate)
    {
        var ct = TestContext.Current.CancellationToken;
        var policy = await Store.CreatePolicyAsync($"designer-{Guid.NewGuid():N}", null, estate, Tester, ct);
        var draft = await Store.CreateDraftAsync(policy.Value.Id, null, "test change", Tester, ct);
        Assert.Null(await Session.LoadAsync(draft.Value.Id, ct));
        return draft.Value.Id;
    }

    /// <summary>
    /// The stored draft's content, read afresh from the database once the session's edits in flight are stored
    /// (the screen shows an edit before the store confirms it).
    /// </summary>
    protected async Task<DraftContent> StoredDraftAsync()
    {
        await Session.WhenStoredAsync(TestContext.Current.CancellationToken);
        return (await Store.GetDraftAsync(DraftId, TestContext.Current.CancellationToken)).Value;
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        // WAL mode keeps pooled connections and -wal/-shm files open until the pool is cleared.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A store still closing its file can leave a -journal behind mid-delete: one more try, then the temporary
            // folder stays (a leftover under /tmp is not the test's failure).
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    // Two groups in one VPC, each with AWS's default egress and one instance; db has no inbound rule yet.
    private static Estate TwoTiers()
    {
        var tags = ImmutableSortedDictionary<string, string>.Empty;
        Rule Egress(string id) => new(id, Direction.Outbound, IpProtocol.All, -1, -1, new CidrPeer(Cidr.AnyV4));
        NetworkInterface Eni(string id, string instance, string ip, string group) =>
            new(id, "vpc-00000000000000001", "subnet-000000000000001", instance, 0, [IpAddress.Parse(ip).Value], null, [group]);
        return Estate.Empty with
        {
            Vpcs = [new Vpc("vpc-00000000000000001", "test", [Cidr.Parse("10.0.0.0/16").Value])],
            Subnets = [new Subnet("subnet-000000000000001", "vpc-00000000000000001", Cidr.Parse("10.0.1.0/24").Value)],
            Groups =
            [
                new SecurityGroup(Web, "web", "web servers", "vpc-00000000000000001", tags, [Egress("sgr-0000000000000000w")]),
                new SecurityGroup(Db, "db", "database", "vpc-00000000000000001", tags, [Egress("sgr-0000000000000000d")]),
            ],
            Instances = [new Instance("i-00000000000000web", "web-1", tags), new Instance("i-000000000000000db", "db-1", tags)],
            NetworkInterfaces = [Eni(WebEni, "i-00000000000000web", "10.0.1.10", Web), Eni(DbEni, "i-000000000000000db", "10.0.1.20", Db)],
        };
    }
}
