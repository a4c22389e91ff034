using SgDesigner.Core.Diff;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Review;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// What a change request does, as its page and <c>GET /api/requests/{id}/impact</c> show it: the engine's
/// <see cref="ChangeImpact"/> flattened to text, with long lists cut at a bound and the number left out said.
/// </summary>
/// <param name="Summary">One line, e.g. "1 rule added in 1 group; opens 1 flow from the internet; 1 new finding (1 error)".</param>
/// <param name="BaseRevision">The revision the draft is compared with (null: an empty policy).</param>
/// <param name="DraftVersion">The draft version analysed.</param>
/// <param name="Groups">Rule changes per group.</param>
/// <param name="GroupsAdded">Groups the draft adds (their rules are listed as added under <paramref name="Groups"/>).</param>
/// <param name="GroupsRemoved">Groups the draft removes.</param>
/// <param name="GroupsRenamed">"old → new" per renamed group.</param>
/// <param name="Opened">Source → destination pairs between which something is newly allowed (from the internet first).</param>
/// <param name="OpenedNotListed">How many more such pairs there are beyond the bound.</param>
/// <param name="Closed">Pairs between which something is newly denied.</param>
/// <param name="ClosedNotListed">How many more such pairs there are.</param>
/// <param name="NewFindings">Lint findings the draft introduces, most severe first.</param>
/// <param name="ResolvedFindings">Lint findings it resolves.</param>
/// <param name="Assertions">The policy's assertions that this change breaks, repairs or leaves failing, or cannot evaluate.</param>
public sealed record ImpactView(
    string Summary, int? BaseRevision, long DraftVersion,
    IReadOnlyList<GroupChangeView> Groups, IReadOnlyList<string> GroupsAdded, IReadOnlyList<string> GroupsRemoved,
    IReadOnlyList<string> GroupsRenamed,
    IReadOnlyList<FlowView> Opened, int OpenedNotListed, IReadOnlyList<FlowView> Closed, int ClosedNotListed,
    IReadOnlyList<FindingView> NewFindings, IReadOnlyList<FindingView> ResolvedFindings, IReadOnlyList<AssertionView> Assertions)
{
    /// <summary>Flow pairs listed per direction; an estate of thousands of ENIs can change far more than a page can show.</summary>
    public const int MaxFlows = 100;

    /// <summary>Responsible rules listed per flow pair.</summary>
    public const int MaxRulesPerFlow = 10;

    /// <summary>Findings listed per list.</summary>
    public const int MaxFindings = 200;

    /// <summary>
    /// The names of the groups, instances and prefix lists the texts above mention, by id (the draft's name when it renamed one):
    /// the texts keep ids, the page shows these names with the ids on hover.
    /// </summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    /// <summary>For each rule the draft removes, the flows its removal closes (the first rules only, see <see cref="RemovedRuleView.Analysed"/>).</summary>
    public IReadOnlyList<RemovedRuleView> RemovedRules { get; init; } = [];

    /// <summary>Network ACLs and ACL rules added, changed or removed: one line each, e.g. "acl-1 inbound#100 changed: #100 allow tcp 443 0.0.0.0/0".</summary>
    public IReadOnlyList<string> NetworkAclChanges { get; init; } = [];


    /// <summary>Flattens an analysis; <paramref name="names"/> are those of the base and the draft; <paramref name="aclAddressOf"/>
    /// gives the Terraform resource behind a network-ACL change (a plan's), listed after it.</summary>
    public static ImpactView From(ChangeImpact impact, int? baseRevision, long draftVersion, IdNames names, Func<ObjectChange, string?>? aclAddressOf = null)
    {
        var view = From(impact, baseRevision, draftVersion, aclAddressOf);
        return view with { Names = names.Mentioned(view.Texts()).Names };
    }

    /// <summary>Flattens an analysis.</summary>
    public static ImpactView From(ChangeImpact impact, int? baseRevision, long draftVersion, Func<ObjectChange, string?>? aclAddressOf = null)
    {
        var opened = impact.Opened.OrderByDescending(f => f.FromInternet).ToList();
        var closed = impact.Closed.ToList();
        var removed = impact.RemovedRules.Select(RemovedRuleView.From).ToList();
        return new ImpactView(
            impact.Summary, baseRevision, draftVersion,
            [.. impact.Rules.Groups.Select(GroupChangeView.From)],
            [.. impact.Rules.GroupsAdded.Select(g => $"{g.Id} ({g.Name})")],
            [.. impact.Rules.GroupsRemoved.Select(g => $"{g.Id} ({g.Name})")],
            [.. impact.Rules.GroupsRenamed.Select(r => $"{r.GroupId}: {r.OldName} → {r.NewName}")],
            [.. opened.Take(MaxFlows).Select(f => FlowView.Of(f, f.Opened, f.OpenedBy, f.OpenedByAcl))], Math.Max(0, opened.Count - MaxFlows),
            [.. closed.Take(MaxFlows).Select(f => FlowView.Of(f, f.Closed, f.ClosedBy, f.ClosedByAcl))], Math.Max(0, closed.Count - MaxFlows),
            Findings(impact.Findings.New), Findings(impact.Findings.Resolved),
            [.. impact.Assertions.Where(a => a.Change != AssertionChange.StillHolds).Select(AssertionView.From)])
        {
            RemovedRules = removed,
            NetworkAclChanges = [.. impact.NetworkAclChanges.Select(c => (c.Kind == "network-acl"
                ? $"{c.Id} {c.Change.ToString().ToLowerInvariant()}"
                : $"{c.GroupId} {c.Id} {c.Change.ToString().ToLowerInvariant()}: {c.Text}")
                + (aclAddressOf?.Invoke(c) is { } address ? $" · {address}" : ""))],
        };
    }

    // Every text of the view that may mention an id.
    private IEnumerable<string?> Texts() =>
        new[] { Summary }
            .Concat(Groups.SelectMany(g => g.Added.Concat(g.Removed).Concat(g.Changed.SelectMany(c => new[] { c.Before, c.After }))).Select(r => r.Text))
            .Concat(Groups.Select(g => g.GroupId))
            .Concat(GroupsAdded).Concat(GroupsRemoved).Concat(GroupsRenamed)
            .Concat(RemovedRules.SelectMany(r => r.Closes.Select(f => f.From).Concat(r.Closes.Select(f => f.To)).Append(r.Text).Append(r.GroupId)))
            .Concat(Opened.Concat(Closed).SelectMany(f => f.Rules.Select(r => r.Text).Concat(f.NetworkAclRules).Append(f.From).Append(f.To)))
            .Concat(NewFindings.Concat(ResolvedFindings).SelectMany(f => new[] { f.Message, f.GroupId }))
            .Concat(Assertions.SelectMany(a => new[] { a.Assertion, a.Result }));

    private static FindingView[] Findings(IEnumerable<Finding> findings) =>
        [.. findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Id, StringComparer.Ordinal).Take(MaxFindings).Select(FindingView.From)];
}

/// <summary>One rule as a reviewer reads it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Direction">inbound or outbound.</param>
/// <param name="Traffic">e.g. "tcp 22".</param>
/// <param name="Peer">e.g. "0.0.0.0/0" or a group id.</param>
/// <param name="Description">Its description, or null.</param>
/// <param name="Text">The whole rule in one line.</param>
/// <param name="Metadata">Owner, ticket, review-by date and justification in one line ("owner team-a; review by 2027-03-31"), or null.</param>
public sealed record RuleView(string Id, string Direction, string Traffic, string Peer, string? Description, string Text, string? Metadata)
{
    /// <summary>From the model's rule.</summary>
    public static RuleView From(Rule rule) => new(
        rule.Id, Core.Model.DirectionText.Of(rule.Direction), rule.TrafficText, rule.Peer.ToString(),
        rule.Description, rule.ToString(), rule.Metadata.IsEmpty ? null : rule.Metadata.ToString());
}

/// <summary>A changed rule: before and after, same id.</summary>
/// <param name="Before">As in the base revision.</param>
/// <param name="After">As in the draft.</param>
public sealed record RuleChangeView(RuleView Before, RuleView After);

/// <summary>One group's rule changes.</summary>
/// <param name="GroupId">Its id.</param>
/// <param name="GroupName">Its (new) name.</param>
/// <param name="Added">Rules only the draft has.</param>
/// <param name="Removed">Rules only the base has.</param>
/// <param name="Changed">Rules kept under their id with new content.</param>
public sealed record GroupChangeView(
    string GroupId, string GroupName, IReadOnlyList<RuleView> Added, IReadOnlyList<RuleView> Removed, IReadOnlyList<RuleChangeView> Changed)
{
    /// <summary>From the rule diff's group entry.</summary>
    public static GroupChangeView From(GroupRuleDiff diff) => new(
        diff.GroupId, diff.GroupName, [.. diff.Added.Select(RuleView.From)], [.. diff.Removed.Select(RuleView.From)],
        [.. diff.Changed.Select(c => new RuleChangeView(RuleView.From(c.Before), RuleView.From(c.After)))]);
}

/// <summary>A rule responsible for an opened (or formerly allowing a closed) flow.</summary>
/// <param name="GroupId">The rule's group.</param>
/// <param name="RuleId">The rule.</param>
/// <param name="Text">The rule in one line.</param>
public sealed record ResponsibleRuleView(string GroupId, string RuleId, string Text);

/// <summary>What changes from one source to one destination.</summary>
/// <param name="From">The source's label (groups, or an outside block such as 0.0.0.0/0).</param>
/// <param name="To">The destination's label.</param>
/// <param name="FromInternet">True when the source is the whole internet.</param>
/// <param name="Traffic">The traffic newly allowed (or denied), e.g. "tcp 22".</param>
/// <param name="Rules">The rules responsible.</param>
/// <param name="RulesNotListed">How many more rules are responsible beyond the bound.</param>
/// <param name="NetworkAclRules">The network-ACL rules behind the change, with their leg, as <c>sgd reach</c> names them:
/// for a closed flow the rule that now drops it ("acl-1 (subnet-a) inbound rule #90 denies the request"), for an
/// opened one the rule that now lets it through where an ACL dropped it; empty when no ACL decided the change.</param>
public sealed record FlowView(string From, string To, bool FromInternet, string Traffic, IReadOnlyList<ResponsibleRuleView> Rules, int RulesNotListed,
    IReadOnlyList<string> NetworkAclRules)
{
    /// <summary>One side (opened or closed) of a flow pair.</summary>
    public static FlowView Of(FlowImpact flow, TrafficSet traffic, IReadOnlyList<RuleRef> rules, IEnumerable<AclDecision> acl) => new(
        flow.From.Label, flow.To.Label, flow.FromInternet, traffic.ToString(),
        [.. rules.Take(ImpactView.MaxRulesPerFlow).Select(r => new ResponsibleRuleView(r.GroupId, r.Rule.Id, r.ToString()))],
        Math.Max(0, rules.Count - ImpactView.MaxRulesPerFlow),
        [.. acl.Select(d => d.WithLeg)]);
}

/// <summary>A lint finding.</summary>
/// <param name="Id">The check's id, e.g. SGD001.</param>
/// <param name="Severity">error, warning or info.</param>
/// <param name="GroupId">The group concerned, or null.</param>
/// <param name="RuleId">The rule concerned, or null.</param>
/// <param name="Message">What was found.</param>
/// <param name="Why">Why it matters.</param>
public sealed record FindingView(string Id, string Severity, string? GroupId, string? RuleId, string Message, string Why)
{
    /// <summary>From the linter's finding.</summary>
    public static FindingView From(Finding f) => new(f.Id, f.Severity.ToString().ToLowerInvariant(), f.GroupId, f.RuleId, f.Message, f.Why);
}

/// <summary>A policy assertion this change affects.</summary>
/// <param name="Line">Its line in the policy's assertions.</param>
/// <param name="Assertion">The assertion as written.</param>
/// <param name="Change">breaks, repairs, still-fails or unresolvable.</param>
/// <param name="Result">The result on the draft, with the engine's explanation.</param>
public sealed record AssertionView(int Line, string Assertion, string Change, string Result)
{
    /// <summary>From the assertion's pair of results.</summary>
    public static AssertionView From(AssertionImpact a) => new(
        a.Assertion.Line, a.Assertion.ToString(),
        a.Change switch
        {
            AssertionChange.Breaks => "breaks",
            AssertionChange.Repairs => "repairs",
            AssertionChange.StillFails => "still-fails",
            _ => "unresolvable",
        },
        a.After.ToString());
}

/// <summary>A rule the draft removes and the flows its removal closes.</summary>
/// <param name="GroupId">The rule's group.</param>
/// <param name="RuleId">The rule.</param>
/// <param name="Text">The rule in one line.</param>
/// <param name="Closes">The flows its removal closes (none: other rules still allow everything it allowed).</param>
/// <param name="ClosesNotListed">How many more closed flows there are beyond the bound.</param>
/// <param name="Analysed">False when the draft removes more rules than are analysed one by one; then the lists say nothing.</param>
public sealed record RemovedRuleView(string GroupId, string RuleId, string Text, IReadOnlyList<FlowView> Closes, int ClosesNotListed, bool Analysed)
{
    /// <summary>From the engine's analysis of one removed rule.</summary>
    public static RemovedRuleView From(RemovedRuleImpact r) => new(
        r.Rule.GroupId, r.Rule.Rule.Id, r.Rule.Rule.ToString(),
        [.. r.Closes.Take(ImpactView.MaxFlows).Select(c => new FlowView(c.From.Label, c.To.Label, c.From.Outside is { IsEverything: true }, c.Closed.ToString(), [], 0, []))],
        Math.Max(0, r.Closes.Length - ImpactView.MaxFlows), r.Analysed);
}
