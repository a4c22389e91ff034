using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Validation;
using SgDesigner.Data;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Paging;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Audit;

/// <summary>
/// What to show of the audit trail, as the API's query string and the audit page give it.
/// </summary>
/// <param name="PolicyId">Entries about this policy only; null for everything (administrators).</param>
/// <param name="Actions">Exact actions (<c>request.approved</c>) or families ending in a dot (<c>request.</c>); empty for all.</param>
/// <param name="Actor">A user id or e-mail, as given; <see cref="ResolveActorAsync"/> finds the e-mail's user.</param>
/// <param name="ActorUserId">The actor's user id.</param>
/// <param name="From">At or after (UTC).</param>
/// <param name="To">Before (UTC), exclusive.</param>
/// <param name="Limit">At most this many entries, the newest.</param>
public sealed record AuditQuery(
    Guid? PolicyId, IReadOnlyList<string> Actions, string? Actor, Guid? ActorUserId, DateTime? From, DateTime? To, int Limit)
{
    /// <summary>Entries returned when the query names no limit.</summary>
    public const int DefaultLimit = 1000;

    /// <summary>The most entries one query returns.</summary>
    public const int MaxLimit = 100_000;

    /// <summary>The action families the page offers as chips.</summary>
    public static readonly IReadOnlyList<string> Families = ["policy.", "draft.", "request.", "membership.", "user.", "token.", "finding."];

    private static readonly Regex ActionPattern = new("^[a-z][a-z-]*\\.([a-z][a-z-]*)?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Reads the query string's values; each bad one is an error at its field (nothing is guessed).</summary>
    public static (AuditQuery? Query, RequestErrors Errors) Parse(
        string? policyId, IEnumerable<string?>? actions, string? actor, string? from, string? to, string? limit)
    {
        var errors = new RequestErrors();
        var actionList = (actions ?? []).ToList();
        // A control character is named, not echoed into the message (and never sent to the database: PostgreSQL refuses a NUL).
        foreach (var (value, field) in new[] { (policyId, "policyId"), (actor, "actor"), (from, "from"), (to, "to"), (limit, "limit") }
            .Concat(actionList.Select(a => (a, "action"))))
        {
            if (value is not null && AwsLimits.ControlCharacterProblem(value) is { } control)
                errors.Add(field, $"the {field} filter {control}");
        }
        if (errors.Any)
            return (null, errors);
        Guid? policy = null;
        if (!string.IsNullOrWhiteSpace(policyId))
        {
            if (Guid.TryParse(policyId, out var id))
                policy = id;
            else
                errors.Add("policyId", $"{QuotedValue.Of(policyId)} is not a policy id");
        }
        var wanted = actionList.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        foreach (var action in wanted.Where(a => a.Length > 64 || !ActionPattern.IsMatch(a)))
            errors.Add("action", $"{QuotedValue.Of(action)} is neither an action (request.approved) nor a family ending in a dot (request.)");
        Guid? actorId = Guid.TryParse(actor, out var a) ? a : null;
        if (actorId is null && !string.IsNullOrWhiteSpace(actor) && !actor.Contains('@', StringComparison.Ordinal))
            errors.Add("actor", $"{QuotedValue.Of(actor)} is neither a user id nor an e-mail address");
        var fromTime = Time(from, "from", errors);
        var toTime = Time(to, "to", errors);
        if (fromTime is { } f && toTime is { } t && t <= f)
            errors.Add("to", "the end of the range must come after its start");
        var count = DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
            errors.Add("limit", $"{QuotedValue.Of(limit)} is not a whole number from 1 to {MaxLimit:N0}");
        if (errors.Any)
            return (null, errors);
        return (new AuditQuery(policy, wanted, string.IsNullOrWhiteSpace(actor) ? null : actor.Trim(), actorId, fromTime, toTime, count), errors);
    }

    /// <summary>
    /// The query with the actor's e-mail resolved to their id. E-mails compare as Identity's default normaliser does
    /// (upper-case invariant). When nobody has the e-mail, administrators (who see every account anyway) get the error
    /// for the <c>actor</c> field; anyone else gets a query that matches nothing, the same answer as for a user who
    /// did nothing on the policy, so the filter cannot be used to find out who has an account.
    /// </summary>
    public async Task<(AuditQuery? Query, string? ActorError)> ResolveActorAsync(
        IDbContextFactory<SgDbContext> contexts, bool sayWhenUnknown, CancellationToken ct = default)
    {
        if (ActorUserId is not null || Actor is null)
            return (this, null);
        var normalized = Actor.ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(ct);
        // No e-mail holds a control character (and PostgreSQL refuses a NUL even as a parameter): no lookup.
        var id = normalized.Any(char.IsControl) ? null
            : await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (id is not null)
            return (this with { ActorUserId = id }, null);
        return sayWhenUnknown ? (null, $"no user has the e-mail address {QuotedValue.Of(Actor)}") : (this with { ActorUserId = Guid.Empty }, null);
    }

    /// <summary>The matching entries, newest first; several actions are queried apart and merged.</summary>
    public async Task<IReadOnlyList<AuditEntry>> RunAsync(AuditLog log, CancellationToken ct = default)
    {
        var filters = Actions.Count == 0 ? [Filter(null)] : Actions.Select(Filter).ToList();
        var entries = new List<AuditEntry>();
        foreach (var filter in filters)
            entries.AddRange(await log.QueryAsync(filter, ct));
        // Each query comes oldest first: reversed, a stable sort keeps the store's order among entries of the same instant.
        return [.. Enumerable.Reverse(entries).OrderByDescending(e => e.At).Take(Limit)];
    }

    /// <summary>A page of the matching entries, newest first (in the database; the limit of this query is not used).</summary>
    public Task<KeysetPage<AuditEntry>> PageAsync(AuditLog log, PageRequest page, CancellationToken ct = default) =>
        log.PageAsync(Filter(null), Actions, page, ct);

    /// <summary>
    /// The filters as a short digest (the limit left out), which binds a cursor to them: a cursor used with other filters
    /// would start a page at a place that list never had.
    /// </summary>
    public string Fingerprint()
    {
        var text = string.Join('\n', PolicyId?.ToString() ?? "", string.Join(' ', Actions.Order(StringComparer.Ordinal)),
            ActorUserId?.ToString() ?? "", From?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "", To?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 12);
    }

    /// <summary>The query string that asks the API for this query (for the CSV link).</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        if (PolicyId is { } policy)
            parts.Add($"policyId={policy}");
        parts.AddRange(Actions.Select(a => $"action={Uri.EscapeDataString(a)}"));
        if (Actor is { } actor)
            parts.Add($"actor={Uri.EscapeDataString(actor)}");
        if (From is { } from)
            parts.Add($"from={Uri.EscapeDataString(Iso(from))}");
        if (To is { } to)
            parts.Add($"to={Uri.EscapeDataString(Iso(to))}");
        if (Limit != DefaultLimit)
            parts.Add($"limit={Limit.ToString(CultureInfo.InvariantCulture)}");
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private AuditFilter Filter(string? action) => new(PolicyId, ActorUserId, action, From, To, Limit);

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // ISO 8601; a time without an offset is UTC, as every time the trail shows.
    private static DateTime? Time(string? text, string field, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            return time;
        errors.Add(field, $"{QuotedValue.Of(text)} is not a date or time (ISO 8601, e.g. 2026-11-25 or 2026-11-25T21:30:00Z)");
        return null;
    }
}
