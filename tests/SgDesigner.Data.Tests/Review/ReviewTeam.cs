using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Review;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests.Review;

/// <summary>A policy holding the demo estate with an editor (the author), a reviewer and an owner.</summary>
public sealed record ReviewTeam(TestDatabase Database, Guid Policy, AuditActor Author, AuditActor Reviewer, AuditActor Owner)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ReviewStore Reviews => Database.Get<ReviewStore>();

    public static async Task<ReviewTeam> CreateAsync(TestDatabase database)
    {
        var policy = await TestUsers.NewPolicyAsync(database);
        var author = await TestUsers.CreateAsync(database, "author");
        var reviewer = await TestUsers.CreateAsync(database, "reviewer");
        var owner = await TestUsers.CreateAsync(database, "owner");
        await TestUsers.JoinAsync(database, policy, author, PolicyRole.Editor);
        await TestUsers.JoinAsync(database, policy, reviewer, PolicyRole.Reviewer);
        await TestUsers.JoinAsync(database, policy, owner, PolicyRole.Owner);
        return new ReviewTeam(database, policy, author, reviewer, owner);
    }

    /// <summary>A draft of the newest revision, proposed as a change request, with <paramref name="rules"/> upserted into their groups.</summary>
    public async Task<ChangeRequestInfo> ProposeAsync(string title, params (string GroupId, Rule Rule)[] rules)
    {
        var draft = (await Database.Store.CreateDraftAsync(Policy, null, title, Author.Name, Ct)).Value;
        var request = (await Reviews.OpenAsync(Author, draft.Id, title, null, Ct)).Value;
        var version = draft.Version;
        foreach (var (groupId, rule) in rules)
            version = (await Database.Store.UpsertRuleAsync(draft.Id, version, groupId, rule, Author, Ct)).Value.Version;
        return request;
    }

    /// <summary>Proposes and approves a change.</summary>
    public async Task<ChangeRequestInfo> ApprovedAsync(string title, params (string GroupId, Rule Rule)[] rules)
    {
        var request = await ProposeAsync(title, rules);
        Assert.True((await Reviews.ReviewAsync(Reviewer, request.Id, ReviewVerdict.Approve, null, ct: Ct)).IsOk);
        return request;
    }

    /// <summary>An inbound TCP rule from a CIDR.</summary>
    public static Rule Inbound(string id, int port, string cidr, string? description = null) =>
        new(id, Direction.Inbound, IpProtocol.Tcp, port, port, new CidrPeer(Cidr.Parse(cidr).Value), description);

    /// <summary>The demo's "SSH from the office" rule on the bastion, which two requests can both change.</summary>
    public const string OfficeSsh = "sgr-0a1b0000000000041";

    /// <summary>The key under which a conflict over <see cref="OfficeSsh"/> is reported.</summary>
    public static string OfficeSshKey => $"rule:{DemoEstate.Bastion}/{OfficeSsh}";

    /// <summary>Where a rule is in an estate: its group and value, or null.</summary>
    public static Rule? FindRule(Estate estate, string ruleId) =>
        estate.Groups.SelectMany(g => g.Rules).FirstOrDefault(r => r.Id == ruleId);

    /// <summary>Every rule id of an estate.</summary>
    public static HashSet<string> RuleIds(Estate estate) => [.. estate.Groups.SelectMany(g => g.Rules).Select(r => r.Id)];
}
