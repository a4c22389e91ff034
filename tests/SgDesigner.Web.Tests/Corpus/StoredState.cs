using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SgDesigner.Data;

namespace SgDesigner.Web.Tests.Corpus;

/// <summary>
/// What the database holds, in the terms "nothing stored" is checked in: the row count of every table of the model,
/// every draft's version and status, and the fields of policies and memberships an update (not an insert) would change.
/// Two equal states mean a refused request wrote nothing a user could see.
/// </summary>
public sealed record StoredState(IReadOnlyList<string> Lines)
{
    /// <summary>Reads the state through the app's own context factory (so it works on either provider).</summary>
    public static async Task<StoredState> ReadAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<SgDbContext>>().CreateDbContextAsync(ct);
        var lines = new List<string>();
        lines.AddRange(await CountRowsAsync(db, ct));
        lines.AddRange((await db.Drafts.AsNoTracking().Select(d => new { d.Id, d.Version, d.Status }).ToListAsync(ct))
            .Select(d => $"draft {d.Id}: version {d.Version}, {d.Status}").Order(StringComparer.Ordinal));
        lines.AddRange((await db.Policies.AsNoTracking().Select(p => new { p.Id, p.Name, p.Description, p.RequiredApprovals, p.Assertions }).ToListAsync(ct))
            .Select(p => $"policy {p.Id}: {p.Name} | {p.Description} | approvals {p.RequiredApprovals} | {p.Assertions}").Order(StringComparer.Ordinal));
        lines.AddRange((await db.PolicyMemberships.AsNoTracking().Select(m => new { m.PolicyId, m.UserId, m.Role }).ToListAsync(ct))
            .Select(m => $"member {m.PolicyId}/{m.UserId}: {m.Role}").Order(StringComparer.Ordinal));
        return new StoredState(lines);
    }

    // One query: a COUNT(*) per table, for every table the model maps (identity, content, review and audit alike).
    private static async Task<List<string>> CountRowsAsync(SgDbContext db, CancellationToken ct)
    {
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var sql = string.Join(" UNION ALL ", tables.Select(t => $"SELECT '{t}', COUNT(*) FROM \"{t}\""));
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using DbCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // The table names come from the EF model, not from input.
        command.CommandText = sql;
#pragma warning restore CA2100
        var counts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            counts.Add($"{reader.GetString(0)}: {reader.GetInt64(1)} rows");
        return counts;
    }

    /// <summary>The lines that differ, for a readable failure.</summary>
    public string DifferenceFrom(StoredState before) =>
        string.Join("; ", Lines.Except(before.Lines).Select(l => $"now {l}").Concat(before.Lines.Except(Lines).Select(l => $"was {l}")));
}
