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
using SgDesigner.Web.Features.Review;
using SgDesigner.Web.Tests.Hosting;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Review;

/// <summary>
/// The request page in bUnit over a real SQLite store: a copy of the demo policy whose draft opens ssh from the
/// internet to the web tier, proposed by an editor; the reviewer (or, when asked, the author) is signed in.
/// </summary>
public sealed class ChangeRequestPageTests : BunitContext, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sgd-review-").FullName;
    private readonly BunitAuthorizationContext _authorization;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private static TimeSpan Patience => TimeSpan.FromSeconds(10);

    public ChangeRequestPageTests()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = Path.Combine(_folder, "review.db"),
            ["Storage:SeedDemo"] = "false",
        }).Build();
        Services.AddMudServices();
        Services.AddPolicyStorage(settings, _folder);
        Services.AddReview();
        _authorization = this.AddCallerServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", true));
    }

    private ReviewStore Reviews => Services.GetRequiredService<ReviewStore>();

    private PolicyStore Store => Services.GetRequiredService<PolicyStore>();

    private AuditActor Author { get; set; } = AuditActor.System;

    private AuditActor Reviewer { get; set; } = AuditActor.System;

    private DraftInfo Draft { get; set; } = default!;

    private ChangeRequestInfo Request { get; set; } = default!;

    private const string SshRule = "sgr-0e000000000000022";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    // Users are made in order and the last one made stays signed in: the page sees that user.
    private async Task OpenRequestAsync(bool asAuthor)
    {
        await Services.MigrateAndSeedAsync(Token);
        var owner = await _authorization.SignInNewUserAsync(Services, "Olive Owner");
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
        Draft = (await Store.UpsertRuleAsync(draft.Id, draft.Version, DemoEstate.Web, ssh, Token)).Value;
        Request = (await Reviews.OpenAsync(Author, Draft.Id, "SSH to the web tier", "the on-call needs a shell", Token)).Value;
    }

    private IRenderedComponent<ChangeRequestPage> RenderPage()
    {
        var page = Render<ChangeRequestPage>(p => p.Add(x => x.RequestId, Request.Id));
        page.WaitForElement("[data-testid=impact-summary]", Patience);
        return page;
    }

    private static void ShowTab(IRenderedComponent<ChangeRequestPage> page, string name) =>
        page.FindAll("[role=tab]").First(t => t.TextContent.StartsWith(name, StringComparison.Ordinal)).Click();

    [Fact]
    public async Task A_reviewer_sees_the_flow_opened_from_the_internet_the_new_finding_and_the_review_buttons()
    {
        await OpenRequestAsync(asAuthor: false);

        var page = RenderPage();

        var flows = page.FindAll("[data-testid=impact-flow][data-kind=opened]");
        Assert.NotEmpty(flows);
        Assert.Contains("0.0.0.0/0", flows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("tcp 22", flows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(SshRule, flows[0].QuerySelector("[data-rule-id]")?.GetAttribute("data-rule-id"));
        Assert.Contains(page.FindAll("[data-testid=impact-finding][data-kind=new]"), f => f.GetAttribute("data-finding") == "SGD001");
        Assert.Equal("open", page.Find("[data-testid=request-status]").GetAttribute("data-status"));
        Assert.NotEmpty(page.FindAll("[data-testid=approve]"));
        Assert.NotEmpty(page.FindAll("[data-testid=request-changes]"));
        Assert.Empty(page.FindAll("[data-testid=merge]"));
    }

    [Fact]
    public async Task The_author_sees_the_impact_but_no_approve_or_request_changes_button()
    {
        await OpenRequestAsync(asAuthor: true);

        var page = RenderPage();

        Assert.NotEmpty(page.FindAll("[data-testid=impact-flow]"));
        Assert.Empty(page.FindAll("[data-testid=approve]"));
        Assert.Empty(page.FindAll("[data-testid=request-changes]"));
        Assert.NotEmpty(page.FindAll("[data-testid=close-request]"));
    }

    [Fact]
    public async Task Approving_on_the_page_stores_the_review_and_shows_the_request_approved()
    {
        await OpenRequestAsync(asAuthor: false);
        var page = RenderPage();

        page.Find("[data-testid=approve]").Click();

        page.WaitForAssertion(() => Assert.Equal("approved", page.Find("[data-testid=request-status]").GetAttribute("data-status")), Patience);
        var stored = (await Reviews.GetAsync(Request.Id, Token)).Value;
        Assert.Equal(Reviewer.UserId, Assert.Single(stored.Reviews).ReviewerUserId);
        Assert.Contains("1 of 1", page.Find("[data-testid=request-approvals]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_updates_itself_when_another_user_comments_and_when_the_draft_is_edited()
    {
        await OpenRequestAsync(asAuthor: false);
        var page = RenderPage();
        ShowTab(page, "Conversation");
        var events = Services.GetRequiredService<ReviewEvents>();
        Assert.Empty(page.FindAll("[data-testid=comment]"));

        await Reviews.CommentAsync(Author, Request.Id, "narrowed it down", ct: Token);
        events.RequestChanged(ReviewEventKind.CommentAdded, Request.Id);

        page.WaitForAssertion(() => Assert.Contains("narrowed it down", page.Find("[data-testid=comment]").TextContent, StringComparison.Ordinal), Patience);

        var narrowed = new Rule(SshRule, Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.Parse("198.51.100.0/24").Value), "on-call");
        var edited = (await Store.UpsertRuleAsync(Draft.Id, Draft.Version, DemoEstate.Web, narrowed, Token)).Value;
        events.DraftEdited(edited.PolicyId, edited.Id);

        page.WaitForAssertion(() => Assert.Contains($"draft version {edited.Version}", page.Find("[data-testid=request-meta]").TextContent, StringComparison.Ordinal), Patience);
        Assert.DoesNotContain(page.FindAll("[data-testid=impact-finding][data-kind=new]"), f => f.GetAttribute("data-finding") == "SGD001");
    }

    [Fact]
    public async Task A_comment_on_a_changed_rule_is_shown_under_that_rule()
    {
        await OpenRequestAsync(asAuthor: false);
        var page = RenderPage();
        ShowTab(page, "Rule changes");

        var rule = page.Find($"[data-testid=rule-change][data-rule-id={SshRule}]");
        rule.QuerySelector("input[data-testid=rule-comment-box], [data-testid=rule-comment-box] input")!.Input("why the whole internet?");
        page.Find($"[data-testid=rule-change][data-rule-id={SshRule}] [data-testid=add-rule-comment]").Click();

        page.WaitForAssertion(() => Assert.Contains("why the whole internet?",
            page.Find($"[data-testid=rule-change][data-rule-id={SshRule}] [data-testid=rule-comment]").TextContent, StringComparison.Ordinal), Patience);
        var stored = Assert.Single((await Reviews.GetAsync(Request.Id, Token)).Value.Comments);
        Assert.Equal((DemoEstate.Web, SshRule), (stored.GroupId, stored.RuleId));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        // WAL mode keeps pooled connections and -wal/-shm files open until the pool is cleared.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
