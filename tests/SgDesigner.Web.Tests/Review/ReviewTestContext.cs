using SgDesigner.Core.Editing;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Hosting;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Tests.Hosting;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Review;

/// <summary>
/// bUnit over a real SQLite store with the app's review and designer services: a copy of the demo policy whose draft
/// opens ssh from the internet to the web tier, proposed by an editor; the reviewer (or, when asked, the author) is signed in.
/// </summary>
public abstract class ReviewTestContext : BunitContext, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sgd-review-").FullName;
    private readonly BunitAuthorizationContext _authorization;
    protected static CancellationToken Token => TestContext.Current.CancellationToken;
    // Waits for a state, never times the app: a full parallel run on 2 cores can take many seconds per render.
    protected static TimeSpan Patience => TimeSpan.FromSeconds(30);

    protected ReviewTestContext()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(_folder, "review.db"),
            ["Storage:SeedDemo"] = "false",
        }).Build();
        Services.AddMudServices();
        Services.AddPolicyStorage(settings, _folder);
        Services.AddReview();
        Services.AddDesigner();
        _authorization = this.AddCallerServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", true));
    }

    protected ReviewStore Reviews => Services.GetRequiredService<ReviewStore>();

    protected PolicyStore Store => Services.GetRequiredService<PolicyStore>();

    protected AuditActor Author { get; private set; } = AuditActor.System;

    protected AuditActor Reviewer { get; private set; } = AuditActor.System;

    protected AuditActor Owner { get; private set; } = AuditActor.System;

    protected DraftInfo Draft { get; private set; } = default!;

    protected ChangeRequestInfo Request { get; private set; } = default!;

    protected const string SshRule = "sgr-0e000000000000022";

    /// <inheritdoc />
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Stores the policy, its members, the draft and the request; the reviewer ends signed in unless <paramref name="asAuthor"/>.</summary>
    // Users are made in order and the last one made stays signed in: the page sees that user.
    protected async Task OpenRequestAsync(bool asAuthor, bool open = true)
    {
        await Services.MigrateAndSeedAsync(Token);
        var owner = Owner = await _authorization.SignInNewUserAsync(Services, "Olive Owner");
        var policy = (await Store.CreatePolicyAsync($"review {Guid.NewGuid():N}", null, DemoEstate.Build(), owner, Token)).Value.Id;
        var members = Services.GetRequiredService<MembershipStore>();
        async Task<AuditActor> Member(string name, PolicyRole role)
        {
            var user = await _authorization.SignInNewUserAsync(Services, name);
            Assert.True((await members.AddAsync(owner, policy, user.UserId!.Value, role, Token)).IsOk);
            return user;
        }
        if (asAuthor)
        {
            Reviewer = await Member("Rita Reviewer", PolicyRole.Reviewer);
            Author = await Member("Eddie Editor", PolicyRole.Editor);
        }
        else
        {
            Author = await Member("Eddie Editor", PolicyRole.Editor);
            Reviewer = await Member("Rita Reviewer", PolicyRole.Reviewer);
        }
        var draft = (await Store.CreateDraftAsync(policy, null, "ssh", Author, Token)).Value;
        var ssh = new Rule(SshRule, Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4), "on-call");
        Draft = (await Store.EditDraftAsync(draft.Id, draft.Version, GroupEdits.PutRule(DemoEstate.Web, ssh), Author, Token)).Value;
        if (open)
            Request = (await Reviews.OpenAsync(Author, Draft.Id, "SSH to the web tier", "the on-call needs a shell", Token)).Value;
    }

    /// <summary>Adds a new member to the request's policy and signs the page in as them.</summary>
    protected async Task<AuditActor> SignInNewMemberAsync(string name, PolicyRole role)
    {
        var user = await _authorization.SignInNewUserAsync(Services, name);
        Assert.True((await Services.GetRequiredService<MembershipStore>().AddAsync(Owner, Draft.PolicyId, user.UserId!.Value, role, Token)).IsOk);
        return user;
    }

    protected IRenderedComponent<ChangeRequestPage> RenderPage()
    {
        var page = Render<ChangeRequestPage>(p => p.Add(x => x.RequestId, Request.Id));
        page.WaitForElement("[data-testid=impact-summary]", Patience);
        return page;
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        // WAL mode keeps pooled connections and -wal/-shm files open until the pool is cleared.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
