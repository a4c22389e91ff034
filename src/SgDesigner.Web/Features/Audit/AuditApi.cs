using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;
using SgDesigner.Web.Features.Tokens;

namespace SgDesigner.Web.Features.Audit;

/// <summary>
/// <c>/api/audit</c> and <c>/api/audit.csv</c>: the audit trail, newest first, filtered. With <c>policyId</c> for anyone
/// who may view that policy; without, for administrators only.
/// </summary>
public static class AuditApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Audit");
        api.MapGet("/audit", ListEntries).WithName("ListAuditEntries")
            .WithSummary("Audit entries, newest first: policyId, action (repeatable; a family ends in a dot), actor (id or e-mail), from, to, limit")
            .Produces<IReadOnlyList<AuditEntry>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem()
            .RequireSignedIn();
        api.MapGet("/audit.csv", ExportCsv).WithName("ExportAuditCsv").WithSummary("The same entries as CSV, oldest first")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem()
            .RequireSignedIn();
        return app;
    }

    private static async Task<IResult> ListEntries(
        string? policyId, string[]? action, string? actor, string? from, string? to, string? limit,
        Caller caller, PolicyAccess access, IDbContextFactory<SgDbContext> contexts, AuditLog log, CancellationToken ct)
    {
        var (query, refusal) = await AuthorizeAsync(policyId, action, actor, from, to, limit, caller, access, contexts, ct);
        return query is null ? refusal! : TypedResults.Ok(await query.RunAsync(log, ct));
    }

    private static async Task<IResult> ExportCsv(
        string? policyId, string[]? action, string? actor, string? from, string? to, string? limit,
        Caller caller, PolicyAccess access, IDbContextFactory<SgDbContext> contexts, AuditLog log, TimeProvider clock, CancellationToken ct)
    {
        var (query, refusal) = await AuthorizeAsync(policyId, action, actor, from, to, limit, caller, access, contexts, ct);
        if (query is null)
            return refusal!;
        var entries = await query.RunAsync(log, ct);
        var name = $"sgdesigner-audit-{query.PolicyId?.ToString() ?? "all"}-{clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.csv";
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false));
            await AuditCsv.WriteAsync(entries.Reverse(), writer, ct);
        }, "text/csv; charset=utf-8", name);
    }

    // The filter, or the 400/403/404 answer: bad values name their field; a policy needs View on it; all policies need an administrator.
    private static async Task<(AuditQuery? Query, IResult? Refusal)> AuthorizeAsync(
        string? policyId, string[]? action, string? actor, string? from, string? to, string? limit,
        Caller caller, PolicyAccess access, IDbContextFactory<SgDbContext> contexts, CancellationToken ct)
    {
        var (query, errors) = AuditQuery.Parse(policyId, action, actor, from, to, limit);
        if (query is null)
            return (null, ApiResults.Invalid(errors));
        if (query.PolicyId is { } policy)
        {
            if (await access.RefusalAsync(caller.UserId, PolicyAction.View, policy, caller.Token, ct) is { } refused)
                return (null, ((StoreResult<bool>)refused).ToHttp(TypedResults.Ok));
        }
        else if (CallerLimits.AdministratorsOnly(caller, "the audit trail of every policy", writes: false) is { } notAdmin)
        {
            return (null, notAdmin);
        }
        var (resolved, actorError) = await query.ResolveActorAsync(contexts, sayWhenUnknown: caller.IsAdministrator, ct);
        if (actorError is not null)
            errors.Add("actor", actorError);
        return (resolved, resolved is null ? ApiResults.Invalid(errors) : null);
    }
}
