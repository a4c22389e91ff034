using System.ComponentModel;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
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
            .WithSummary("Audit entries, newest first: policyId, action (repeatable; a family ends in a dot), actor (id or e-mail), from, to")
            .Produces<Page<AuditEntry>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem()
            .Paged("newest first by time, then by id (descending); a cursor holds its filters: repeat them unchanged with it")
            .RequireSignedIn();
        api.MapGet("/audit.csv", ExportCsv).WithName("ExportAuditCsv")
            .WithSummary("The newest matching entries (at most `limit`: 1 to 100,000, default 1,000) as one CSV file, oldest first")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem()
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The export is a file for people, not a page: its limit keeps its own, larger bounds.
                if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "limit") is { } limit)
                    limit.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = AuditQuery.MaxLimit.ToString(CultureInfo.InvariantCulture), Default = AuditQuery.DefaultLimit };
                return Task.CompletedTask;
            })
            .RequireSignedIn();
        return app;
    }

    private static async Task<IResult> ListEntries(
        string? policyId, string[]? action, string? actor, string? from, string? to, string? limit, string? cursor,
        Caller caller, HttpContext http, PolicyAccess access, IDbContextFactory<SgDbContext> contexts, AuditLog log, CancellationToken ct)
    {
        var (query, refusal) = await AuthorizeAsync(policyId, action, actor, from, to, null, caller, access, contexts, ct);
        if (query is null)
            return refusal!;
        // Checked after the access check: a cursor never gets further than its request may.
        var list = new PagedList("audit", query.Fingerprint());
        var (page, invalid) = list.Read(limit, cursor);
        if (invalid is not null)
            return invalid;
        return list.Ok(http, await query.PageAsync(log, page!, ct));
    }

    private static async Task<IResult> ExportCsv(
        string? policyId, string[]? action, string? actor, string? from, string? to,
        [Description("At most this many entries, the newest: 1 to 100,000, 1,000 when left out.")] string? limit,
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
