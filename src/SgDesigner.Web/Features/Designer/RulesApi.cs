using SgDesigner.Core.Editing;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;
using SgDesigner.Web.Features.Idempotency;

namespace SgDesigner.Web.Features.Designer;

/// <summary><c>/api/drafts/{draftId}/groups/{groupId}/rules</c>: add, change and remove a group's rules in a draft.</summary>
public static class RulesApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/drafts/{draftId:guid}/groups/{groupId}/rules").WithTags("Rules").ProducesStoreProblems();

        api.MapGet("/{ruleId}", GetRule).WithName("GetRule").WithSummary("One rule of a group in a draft").RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        api.MapPost("/", CreateRule).WithName("CreateRule").WithSummary("Add a rule (one peer) to a group").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch()
            .WithIdempotency();
        api.MapPut("/{ruleId}", PutRule).WithName("PutRule").WithSummary("Replace a rule, or add it under this id").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapPost("/paste", PasteRules).WithName("PasteRules").WithSummary("Add many rules to a group from pasted text, all or none")
            .WithDescription("The body's text holds one rule per line: protocol or console type, port, peer, optional description, comma-separated " +
                "(tab-separated when a line has a tab; CSV double quotes for a value holding the separator), e.g. " +
                "`tcp,443,10.0.0.0/8,web from corp`, `HTTPS,,10.0.0.0/8`, `icmp,8/0,web`. The peer is a CIDR block, a group or prefix list " +
                "by id or name, Anywhere-IPv4 or Anywhere-IPv6. Blank lines and lines starting with # are skipped. Every line is checked " +
                "first, duplicates and the rules-per-group quota included; with any problem the answer is 400 with one error per problem " +
                "keyed `text.lines[N].field` and nothing is stored. Otherwise all rules are added in one edit: one new draft version.")
            .Produces<EditResponse<IReadOnlyList<RuleResponse>>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        api.MapDelete("/{ruleId}", DeleteRule).WithName("DeleteRule").WithSummary("Remove a rule").RequirePolicyAccess(PolicyAction.Edit).RequiresIfMatch();
        return api;
    }

    private static async Task<Results<Created<EditResponse<RuleResponse>>, ProblemHttpResult, ValidationProblem>> CreateRule(
        Guid draftId, string groupId, RuleRequest request, HttpContext http, Caller caller, DraftEditor editor, TimeProvider clock)
    {
        var ruleId = editor.Ids.Next("sgr-");
        var errors = new RequestErrors();
        var rule = RuleRequestParser.Parse(request, ruleId, $"groups[{groupId}].rules[{ruleId}]", errors, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors, GroupEdits.PutRule(groupId, rule!),
            info => TypedResults.Created($"/api/drafts/{draftId}/groups/{groupId}/rules/{ruleId}",
                new EditResponse<RuleResponse>(info.Version, RuleResponse.From(rule!), errors.Warnings)));
    }

    private static async Task<Results<Ok<EditResponse<RuleResponse>>, ProblemHttpResult, ValidationProblem>> PutRule(
        Guid draftId, string groupId, string ruleId, RuleRequest request, HttpContext http, Caller caller, TimeProvider clock)
    {
        var errors = new RequestErrors();
        var rule = RuleRequestParser.Parse(request, ruleId, $"groups[{groupId}].rules[{ruleId}]", errors, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        // A missing group is the edit's 404; a rule it already has is replaced under its id.
        var put = NewIds.WhenNew(GroupEdits.PutRule(groupId, rule!), e => e.FindGroup(groupId) is not { } g || g.Rules.Any(r => r.Id == ruleId),
            ruleId, AwsLimits.IdPrefix.Rule, "rule", $"groups[{groupId}].rules[{ruleId}].id");
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors, put,
            info => TypedResults.Ok(new EditResponse<RuleResponse>(info.Version, RuleResponse.From(rule!), errors.Warnings)));
    }

    private static async Task<Results<Ok<EditResponse<IReadOnlyList<RuleResponse>>>, ProblemHttpResult, ValidationProblem>> PasteRules(
        Guid draftId, string groupId, RulePasteRequest request, HttpContext http, Caller caller, DraftEditor editor)
    {
        var errors = new RequestErrors();
        var direction = errors.Take(WireNames.ParseDirection(request.Direction), "direction");
        if (string.IsNullOrWhiteSpace(request.Text))
            errors.Add("text", $"the text is required: one rule per line, such as {RulePaste.Example}");
        // The lines are read against the draft as it is at the expected version, inside the edit.
        RulePasteResult? read = null;
        var paste = RulePaste.Edit(groupId, direction, request.Text, editor.Ids, r => read = r);
        return await DraftEdits.Run(http, caller, draftId, request.Version, errors, paste,
            info => TypedResults.Ok(new EditResponse<IReadOnlyList<RuleResponse>>(info.Version,
                [.. read!.Rules.Select(r => RuleResponse.From(r.Rule))], [.. errors.Warnings, .. read.Warnings])));
    }

    private static async Task<Results<Ok<VersionResponse>, ProblemHttpResult, ValidationProblem>> DeleteRule(
        Guid draftId, string groupId, string ruleId, long? version, HttpContext http, Caller caller) =>
        await DraftEdits.Run(http, caller, draftId, version, new RequestErrors(), GroupEdits.RemoveRule(groupId, ruleId),
            info => TypedResults.Ok(new VersionResponse(info.Version)));

    private static Task<Results<Ok<RuleResponse>, ProblemHttpResult, ValidationProblem>> GetRule(
        Guid draftId, string groupId, string ruleId, HttpResponse response, PolicyStore store, CancellationToken ct) =>
        DraftReads.ReadAsync(store, draftId, response, $"groups[{groupId}].rules[{ruleId}]",
            e => e.FindGroup(groupId)?.Rules.FirstOrDefault(r => r.Id == ruleId) is { } r ? RuleResponse.From(r) : null, ct);
}

/// <summary>A rule as text fields, the way AWS's console and CLI take them.</summary>
/// <param name="Direction"><c>inbound</c> or <c>outbound</c>.</param>
/// <param name="Protocol"><c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c>, <c>all</c>/<c>-1</c> or a number 0..255.</param>
/// <param name="FromPort">tcp/udp: first port. icmp: type (-1 any). Otherwise leave out.</param>
/// <param name="ToPort">tcp/udp: last port (default: fromPort). icmp: code (-1 any). Otherwise leave out.</param>
/// <param name="Cidr">Peer: an IPv4 or IPv6 CIDR block.</param>
/// <param name="GroupId">Peer: a security group of the policy.</param>
/// <param name="PrefixListId">Peer: a prefix list of the policy.</param>
/// <param name="Description">Up to 255 characters.</param>
/// <param name="Version">The draft version (or If-Match).</param>
/// <param name="Owner">The user or team answerable for the rule, up to 128 characters, one line.</param>
/// <param name="Justification">Why the rule is needed, up to 256 characters, one line.</param>
/// <param name="Ticket">The change ticket that asked for it (e.g. <c>NET-1234</c>), up to 128 characters.</param>
/// <param name="ReviewBy">The date by which it must be re-certified, <c>yyyy-MM-dd</c>.</param>
/// <remarks>The rule is replaced whole: metadata left out is cleared.</remarks>
public sealed record RuleRequest(
    string? Direction, string? Protocol, int? FromPort, int? ToPort,
    string? Cidr, string? GroupId, string? PrefixListId, string? Description, long? Version,
    string? Owner = null, string? Justification = null, string? Ticket = null, string? ReviewBy = null);

/// <summary>Rules pasted as text, all added or none.</summary>
/// <param name="Direction"><c>inbound</c> or <c>outbound</c>.</param>
/// <param name="Text">One rule per line: <c>protocol or type, port, peer[, description]</c>, e.g. <c>tcp,443,10.0.0.0/8,web from corp</c>.</param>
/// <param name="Version">The draft version (or If-Match).</param>
public sealed record RulePasteRequest(string? Direction, string? Text, long? Version);

/// <summary>A rule.</summary>
/// <param name="Id">Stable id across revisions.</param>
/// <param name="Direction"><c>inbound</c> or <c>outbound</c>.</param>
/// <param name="Protocol">AWS's name: <c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c>, <c>-1</c> or the number.</param>
/// <param name="FromPort">First port, ICMP type, or -1.</param>
/// <param name="ToPort">Last port, ICMP code, or -1.</param>
/// <param name="Cidr">The peer when it is a CIDR block.</param>
/// <param name="GroupId">The peer when it is a security group.</param>
/// <param name="PrefixListId">The peer when it is a prefix list.</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="Traffic">The traffic in console notation, e.g. <c>tcp 80-443</c>.</param>
/// <param name="Owner">The user or team answerable for the rule, or null.</param>
/// <param name="Justification">Why the rule is needed, or null.</param>
/// <param name="Ticket">The change ticket, or null.</param>
/// <param name="ReviewBy">The re-certification date, <c>yyyy-MM-dd</c>, or null.</param>
public sealed record RuleResponse(
    string Id, string Direction, string Protocol, int FromPort, int ToPort,
    string? Cidr, string? GroupId, string? PrefixListId, string? Description, string Traffic,
    string? Owner, string? Justification, string? Ticket, string? ReviewBy)
{
    /// <summary>From Core's rule.</summary>
    public static RuleResponse From(Rule r) => new(
        r.Id, WireNames.Of(r.Direction), r.Protocol.AwsName, r.FromPort, r.ToPort,
        (r.Peer as CidrPeer)?.Block.ToString(), (r.Peer as GroupPeer)?.GroupId, (r.Peer as PrefixListPeer)?.PrefixListId,
        r.Description, r.TrafficText,
        r.Metadata.Owner, r.Metadata.Justification, r.Metadata.Ticket, r.Metadata.ReviewBy is { } due ? RuleMetadata.FormatDate(due) : null);
}
