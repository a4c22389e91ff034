using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Graph;

/// <summary>Where a node of the chaining graph was placed: its top-left corner in diagram units.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
public sealed record NodePosition(double X, double Y);

/// <summary>The nodes of a policy's chaining graph that users placed by hand; every other node is laid out automatically.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="Positions">Node id (a group id, <c>cidr:…</c> or <c>pl:…</c>) → where it was placed.</param>
public sealed record GraphLayout(Guid PolicyId, IReadOnlyDictionary<string, NodePosition> Positions);

/// <summary>
/// The chaining graph's hand-placed nodes, per policy, shared by everyone who opens the policy's drafts. A layout is
/// not a policy change: storing it makes no revision and no draft version, and it is not in the audit trail (the trail
/// records who changed access, content and review; a drag would flood it); each position keeps who placed it and when.
/// Editors (and above) place nodes; viewers read the layout.
/// </summary>
public sealed class GraphLayoutStore(IDbContextFactory<SgDbContext> contexts, TimeProvider clock)
{
    /// <summary>The longest node id stored (an IPv6 CIDR peer's <c>cidr:…</c> id fits).</summary>
    public const int MaxNodeIdLength = 128;

    /// <summary>The most positions one policy's layout holds.</summary>
    public const int MaxNodes = 2000;

    /// <summary>The largest distance from the origin a coordinate may have, in diagram units.</summary>
    public const double MaxCoordinate = 100_000;

    /// <summary>The policy's layout; the caller checks that the user may view the policy. Not found when there is no such policy.</summary>
    public async Task<StoreResult<GraphLayout>> GetAsync(Guid policyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, ct))
            return StoreFailure.NotFound($"policy {policyId} does not exist");
        return await ReadAsync(db, policyId, ct);
    }

    /// <summary>
    /// Replaces the policy's whole layout with <paramref name="positions"/> (empty: every node goes back to the automatic
    /// layout). Invalid, with nothing stored, when a node id or a coordinate is unusable (each error at
    /// <c>positions[nodeId]</c>); forbidden below the editor role.
    /// </summary>
    /// <remarks>With <paramref name="expectedTag"/>, only while the layout is the one it was read with (<see cref="Tag"/>).</remarks>
    public async Task<StoreResult<GraphLayout>> ReplaceAsync(
        AuditActor actor, Guid policyId, IReadOnlyDictionary<string, NodePosition> positions, string? expectedTag = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        if (Check(positions) is { } invalid)
            return invalid;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.Edit, policyId, null, ct) is { } refused)
            return refused;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (expectedTag is not null)
        {
            await RowLocks.PolicyAsync(db, policyId, ct);
            if (StateTag.Check(expectedTag, Tag(await ReadAsync(db, policyId, ct)), "the graph layout") is { } stale)
                return stale;
        }
        await db.GraphNodePositions.Where(p => p.PolicyId == policyId).ExecuteDeleteAsync(ct);
        var now = StoredTime.Stored(clock.GetUtcNow().UtcDateTime);
        db.GraphNodePositions.AddRange(positions.Select(p => Row(policyId, p.Key, p.Value, userId, now)));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        await transaction.CommitAsync(ct);
        return await ReadAsync(db, policyId, ct);
    }

    /// <summary>Places one node (a drag in the graph), leaving the others where they are; checked as <see cref="ReplaceAsync"/>.</summary>
    public async Task<StoreResult<GraphLayout>> MoveAsync(AuditActor actor, Guid policyId, string nodeId, NodePosition position, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(position);
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        if (Check(new Dictionary<string, NodePosition> { [nodeId ?? ""] = position }) is { } invalid)
            return invalid;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.Edit, policyId, null, ct) is { } refused)
            return refused;
        var now = StoredTime.Stored(clock.GetUtcNow().UtcDateTime);
        var row = await db.GraphNodePositions.FirstOrDefaultAsync(p => p.PolicyId == policyId && p.NodeId == nodeId, ct);
        if (row is null)
            db.GraphNodePositions.Add(Row(policyId, nodeId!, position, userId, now));
        else
            (row.X, row.Y, row.UpdatedByUserId, row.UpdatedAt) = (position.X, position.Y, userId, now);
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        return await ReadAsync(db, policyId, ct);
    }

    /// <summary>The validator of a layout: every placed node and where, in node order.</summary>
    public static string Tag(GraphLayout layout) =>
        StateTag.Of(layout.Positions.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value.X:R},{p.Value.Y:R}")));

    /// <summary>What is wrong with <paramref name="positions"/>, each problem at <c>positions[nodeId]</c>, or null.</summary>
    public static StoreFailure? Check(IReadOnlyDictionary<string, NodePosition> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Count > MaxNodes)
            return StoreFailure.Invalid("positions", $"a layout holds at most {MaxNodes} nodes; this one has {positions.Count}");
        var errors = new List<ValidationError>();
        foreach (var (id, position) in positions)
        {
            var path = $"positions[{id}]";
            if (string.IsNullOrWhiteSpace(id))
                errors.Add(new ValidationError(path, "a node id is required"));
            else if (StoredText.Problem(id, MaxNodeIdLength) is { } text)
                errors.Add(new ValidationError(path, $"node id: {text}"));
            if (position is null)
                errors.Add(new ValidationError(path, "a position needs x and y"));
            else if ((CoordinateProblem("x", position.X) ?? CoordinateProblem("y", position.Y)) is { } problem)
                errors.Add(new ValidationError(path, problem));
        }
        return errors.Count == 0 ? null : StoreFailure.Invalid(errors);
    }

    private static string? CoordinateProblem(string axis, double value) =>
        double.IsFinite(value) && Math.Abs(value) <= MaxCoordinate ? null
            : string.Create(CultureInfo.InvariantCulture, $"{axis} is {value}: a coordinate must be a finite number within ±{MaxCoordinate:0}");

    private static GraphNodePositionRow Row(Guid policyId, string nodeId, NodePosition position, Guid userId, DateTime now) =>
        new() { PolicyId = policyId, NodeId = nodeId, X = position.X, Y = position.Y, UpdatedByUserId = userId, UpdatedAt = now };

    private static async Task<GraphLayout> ReadAsync(SgDbContext db, Guid policyId, CancellationToken ct)
    {
        var rows = await db.GraphNodePositions.AsNoTracking().Where(p => p.PolicyId == policyId).ToListAsync(ct);
        return new GraphLayout(policyId, rows.OrderBy(r => r.NodeId, StringComparer.Ordinal)
            .ToDictionary(r => r.NodeId, r => new NodePosition(r.X, r.Y), StringComparer.Ordinal));
    }
}
