using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Mapping;

/// <summary>Reads and writes the content rows of one snapshot: one query per table, never one per object.</summary>
internal static class SnapshotContent
{
    public static async Task<EstateRows> LoadAsync(SgDbContext db, SnapshotRow snapshot, CancellationToken ct)
    {
        var rows = new EstateRows { Quotas = new Quotas(snapshot.RulesPerDirection, snapshot.GroupsPerEni) };
        await LoadNetworkAndGroupsAsync(db, snapshot.Id, rows, ct);
        await LoadInstancesAsync(db, snapshot.Id, rows, ct);
        return rows;
    }

    /// <summary>
    /// The same rows, the instances' tables read on a second connection while the first reads the rest: reading a large
    /// snapshot is mostly turning rows into objects, which two cores do in about half the time. Only outside a
    /// transaction (the two connections see the database each at its own moment): the caller checks afterwards that the
    /// snapshot's owner did not move on meanwhile, as it must for the tables read one after the other anyway.
    /// </summary>
    public static async Task<EstateRows> LoadSideBySideAsync(IDbContextFactory<SgDbContext> contexts, SgDbContext db, SnapshotRow snapshot, CancellationToken ct)
    {
        var rows = new EstateRows { Quotas = new Quotas(snapshot.RulesPerDirection, snapshot.GroupsPerEni) };
        var instances = new EstateRows();
        var second = Task.Run(async () =>
        {
            await using var other = await contexts.CreateDbContextAsync(ct);
            await LoadInstancesAsync(other, snapshot.Id, instances, ct);
        }, ct);
        await LoadNetworkAndGroupsAsync(db, snapshot.Id, rows, ct);
        await second;
        rows.Instances.AddRange(instances.Instances);
        rows.InstanceTags.AddRange(instances.InstanceTags);
        rows.NetworkInterfaces.AddRange(instances.NetworkInterfaces);
        rows.EniAddresses.AddRange(instances.EniAddresses);
        rows.EniGroups.AddRange(instances.EniGroups);
        return rows;
    }

    private static async Task LoadNetworkAndGroupsAsync(SgDbContext db, Guid id, EstateRows rows, CancellationToken ct)
    {
        rows.Vpcs.AddRange(await RowsAsync<VpcRow>(db, id, ct));
        rows.VpcCidrs.AddRange(await RowsAsync<VpcCidrRow>(db, id, ct));
        rows.Subnets.AddRange(await RowsAsync<SubnetRow>(db, id, ct));
        rows.VpcConnections.AddRange(await RowsAsync<VpcConnectionRow>(db, id, ct));
        rows.Groups.AddRange(await RowsAsync<GroupRow>(db, id, ct));
        rows.GroupTags.AddRange(await RowsAsync<GroupTagRow>(db, id, ct));
        rows.Rules.AddRange(await RowsAsync<RuleRow>(db, id, ct));
        rows.PrefixLists.AddRange(await RowsAsync<PrefixListRow>(db, id, ct));
        rows.PrefixListEntries.AddRange(await RowsAsync<PrefixListEntryRow>(db, id, ct));
        rows.ExternalEndpoints.AddRange(await RowsAsync<ExternalEndpointRow>(db, id, ct));
        rows.NetworkAcls.AddRange(await RowsAsync<NetworkAclRow>(db, id, ct));
        rows.NetworkAclEntries.AddRange(await RowsAsync<NetworkAclEntryRow>(db, id, ct));
        rows.NetworkAclAssociations.AddRange(await RowsAsync<NetworkAclAssociationRow>(db, id, ct));
    }

    private static async Task LoadInstancesAsync(SgDbContext db, Guid id, EstateRows rows, CancellationToken ct)
    {
        rows.Instances.AddRange(await RowsAsync<InstanceRow>(db, id, ct));
        rows.InstanceTags.AddRange(await RowsAsync<InstanceTagRow>(db, id, ct));
        rows.NetworkInterfaces.AddRange(await RowsAsync<NetworkInterfaceRow>(db, id, ct));
        rows.EniAddresses.AddRange(await RowsAsync<EniAddressRow>(db, id, ct));
        rows.EniGroups.AddRange(await RowsAsync<EniGroupRow>(db, id, ct));
    }

    /// <summary>
    /// One table's rows of a snapshot. On SQLite as one JSON array built by SQLite (see <see cref="SqliteContentTable{T}"/>),
    /// elsewhere by EF's own query: Npgsql reads rows without SQLite's cost per value.
    /// </summary>
    internal static Task<List<T>> RowsAsync<T>(SgDbContext db, Guid snapshotId, CancellationToken ct)
        where T : class =>
        db.Database.IsSqlite()
            ? SqliteContentTable<T>.ReadAsync(db, snapshotId, ct)
            : QueryRowsAsync<T>(db, snapshotId, ct);

    /// <summary>The same rows through EF's query, whatever the provider (what the SQLite reading is checked against).</summary>
    internal static Task<List<T>> QueryRowsAsync<T>(SgDbContext db, Guid snapshotId, CancellationToken ct)
        where T : class =>
        db.Set<T>().AsNoTracking().Where(r => EF.Property<Guid>(r, nameof(VpcRow.SnapshotId)) == snapshotId).ToListAsync(ct);

    /// <summary>
    /// Queues only what differs between two versions of the same snapshot: rows whose key vanished are deleted,
    /// new keys inserted, rows with the same key but other values updated. An edit of one rule in a policy of
    /// 20,000 writes one row.
    /// </summary>
    public static int QueueChanges(SgDbContext db, EstateRows before, EstateRows after)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var changes = 0;
        foreach (var (old, current) in before.Tables().Zip(after.Tables()))
        {
            var entityType = db.Model.FindEntityType(current.Count > 0 ? current[0].GetType() : old.Count > 0 ? old[0].GetType() : typeof(object));
            if (entityType is null)
                continue;
            var key = entityType.FindPrimaryKey()!;
            object[] KeyOf(object row) => [.. key.Properties.Select(p => p.PropertyInfo!.GetValue(row)!)];
            var oldByKey = old.ToDictionary(r => KeyOf(r), KeyComparer.Instance);
            var newKeys = new HashSet<object[]>(KeyComparer.Instance);
            foreach (var row in current)
            {
                var k = KeyOf(row);
                newKeys.Add(k);
                if (!oldByKey.TryGetValue(k, out var previous))
                {
                    db.Add(row);
                    changes++;
                }
                else if (!row.Equals(previous))
                {
                    db.Update(row);
                    changes++;
                }
            }
            foreach (var (k, row) in oldByKey)
            {
                if (!newKeys.Contains(k))
                {
                    db.Remove(row);
                    changes++;
                }
            }
        }
        return changes;
    }

    private sealed class KeyComparer : IEqualityComparer<object[]>
    {
        public static KeyComparer Instance { get; } = new();

        public bool Equals(object[]? x, object[]? y) => x!.AsSpan().SequenceEqual(y!);

        public int GetHashCode(object[] key)
        {
            var hash = new HashCode();
            foreach (var part in key)
                hash.Add(part);
            return hash.ToHashCode();
        }
    }
}
