using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Paging;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Audit;

/// <summary>
/// The append-only audit trail of policies, drafts, change requests, memberships, tokens and sign-ins. Entries
/// written as part of another change are added to that change's context (<see cref="Row"/>), so they commit or
/// roll back with it. There is deliberately no update or delete here, and the database refuses both (triggers).
/// </summary>
public sealed class AuditLog(IDbContextFactory<SgDbContext> contexts, TimeProvider clock)
{
    /// <summary>Appends one entry on its own (sign-ins and other events that change nothing else).</summary>
    public async Task<AuditEntry> AppendAsync(
        AuditActor actor, string action, string? targetKind, string? targetId, string? details, Guid? policyId = null,
        CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = Row(policyId, clock.GetUtcNow().UtcDateTime, actor, action, targetKind, targetId, details);
        db.AuditEntries.Add(row);
        await db.SaveChangesAsync(ct);
        return ToEntry(row);
    }

    /// <summary>Entries matching <paramref name="filter"/>, oldest first (the newest <see cref="AuditFilter.Limit"/>).</summary>
    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditFilter filter, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = Matching(db, filter, filter.Action is { Length: > 0 } action ? [action] : []);
        var rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(filter.Limit, 1, 100_000)).ToListAsync(ct);
        rows.Reverse();
        return [.. rows.Select(ToEntry)];
    }

    /// <summary>
    /// A page of the entries matching <paramref name="filter"/> with any of <paramref name="actions"/> (all when empty; the
    /// filter's own action and limit are not used): newest first by time, then by id (descending). Key: Number = ticks, Id.
    /// </summary>
    public async Task<KeysetPage<AuditEntry>> PageAsync(AuditFilter filter, IReadOnlyList<string> actions, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = Matching(db, filter, actions);
        if (page.After is { } after)
        {
            var at = after.Time;
            query = query.Where(a => a.At < at || (a.At == at && a.Id.CompareTo(after.Id) < 0));
        }
        var read = await Keyset.ReadAsync(query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id), page.Limit,
            a => PageKey.At(a.At, a.Id), ct);
        return read.Select(ToEntry);
    }

    // The filter's conditions, combined with AND; the actions with OR (an exact action, or a family ending in a dot).
    private static IQueryable<AuditEntryRow> Matching(SgDbContext db, AuditFilter filter, IReadOnlyList<string> actions)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.PolicyId is { } policy)
            query = query.Where(a => a.PolicyId == policy);
        if (filter.ActorUserId is { } user)
            query = query.Where(a => a.ActorUserId == user);
        if (filter.From is { } from)
            query = query.Where(a => a.At >= from);
        if (filter.To is { } to)
            query = query.Where(a => a.At < to);
        if (actions.Count == 0)
            return query;
        var row = Expression.Parameter(typeof(AuditEntryRow), "a");
        var any = actions.Select(action => (Expression)Expression.Invoke(action.EndsWith('.')
                ? (Expression<Func<AuditEntryRow, bool>>)(a => a.Action.StartsWith(action))
                : a => a.Action == action, row))
            .Aggregate(Expression.OrElse);
        return query.Where(Expression.Lambda<Func<AuditEntryRow, bool>>(any, row));
    }

    /// <summary>Writes the entries matching <paramref name="filter"/> as CSV (see <see cref="AuditCsv"/>).</summary>
    public async Task ExportCsvAsync(AuditFilter filter, TextWriter writer, CancellationToken ct = default) =>
        await AuditCsv.WriteAsync(await QueryAsync(filter, ct), writer, ct);

    internal static AuditEntryRow Row(
        Guid? policyId, DateTime at, AuditActor actor, string action, string? targetKind, string? targetId, string? details) => new()
    {
        // Microseconds, PostgreSQL's resolution: the entry returned is the entry stored, on both providers.
        Id = Guid.CreateVersion7(), PolicyId = policyId, At = StoredTime.Stored(at), ActorUserId = actor.UserId, Actor = Clip(actor.Name, 200),
        Action = action, TargetKind = targetKind, TargetId = targetId is null ? null : Clip(targetId, 200),
        RemoteAddress = actor.RemoteAddress is null ? null : Clip(actor.RemoteAddress, 100),
        Details = details is null ? null : Clip(details, 2000),
    };

    internal static AuditEntry ToEntry(AuditEntryRow a) => new(
        StoredTime.Utc(a.At), a.Actor, a.Action, a.Details, a.PolicyId, a.ActorUserId,
        a.TargetKind, a.TargetId, a.RemoteAddress);

    // Free text (titles, names, what someone typed at sign-in) lands in the trail: control characters are written as
    // \uXXXX so that the entry is stored on both providers, and the start is kept rather than refusing the change.
    internal static string Clip(string text, int length)
    {
        if (text.Any(StoredText.IsRefused))
            text = string.Concat(text.Select(c => StoredText.IsRefused(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        return text.Length <= length ? text : text[..(length - 1)] + "…";
    }
}
