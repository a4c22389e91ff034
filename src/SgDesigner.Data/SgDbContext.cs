using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Configurations;
using SgDesigner.Data.Mapping;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data;

/// <summary>
/// Policies, their revisions and drafts, and the relational content of each snapshot; users (ASP.NET Core
/// Identity's user tables, no role tables: roles are per policy), memberships, tokens, change requests and the
/// audit trail. The same model serves SQLite and PostgreSQL: columns are provider-neutral (CIDRs and IPs as text,
/// ports as integers). It also keeps ASP.NET Core's data-protection keys, so every node and every restart reads the
/// same keys (session cookies and form tokens stay valid).
/// </summary>
public sealed class SgDbContext(DbContextOptions<SgDbContext> options) : IdentityUserContext<SgUser, Guid>(options), IDataProtectionKeyContext
{
    /// <inheritdoc />
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<PolicyRow> Policies => Set<PolicyRow>();
    public DbSet<SnapshotRow> Snapshots => Set<SnapshotRow>();
    public DbSet<RevisionRow> Revisions => Set<RevisionRow>();
    public DbSet<DraftRow> Drafts => Set<DraftRow>();
    public DbSet<DraftChangeRow> DraftChanges => Set<DraftChangeRow>();
    public DbSet<AuditEntryRow> AuditEntries => Set<AuditEntryRow>();

    public DbSet<PolicyMembershipRow> PolicyMemberships => Set<PolicyMembershipRow>();
    public DbSet<InvitationRow> Invitations => Set<InvitationRow>();
    public DbSet<PersonalAccessTokenRow> PersonalAccessTokens => Set<PersonalAccessTokenRow>();
    public DbSet<ChangeRequestRow> ChangeRequests => Set<ChangeRequestRow>();
    public DbSet<ReviewCommentRow> ReviewComments => Set<ReviewCommentRow>();
    public DbSet<ReviewRow> Reviews => Set<ReviewRow>();
    public DbSet<RequestedReviewerRow> RequestedReviewers => Set<RequestedReviewerRow>();
    public DbSet<FindingAcceptanceRow> FindingAcceptances => Set<FindingAcceptanceRow>();
    public DbSet<DeployedSnapshotRow> DeployedSnapshots => Set<DeployedSnapshotRow>();
    public DbSet<GraphNodePositionRow> GraphNodePositions => Set<GraphNodePositionRow>();
    public DbSet<IdempotencyRecordRow> IdempotencyRecords => Set<IdempotencyRecordRow>();

    public DbSet<VpcRow> Vpcs => Set<VpcRow>();
    public DbSet<VpcCidrRow> VpcCidrs => Set<VpcCidrRow>();
    public DbSet<SubnetRow> Subnets => Set<SubnetRow>();
    public DbSet<VpcConnectionRow> VpcConnections => Set<VpcConnectionRow>();
    public DbSet<GroupRow> SecurityGroups => Set<GroupRow>();
    public DbSet<GroupTagRow> GroupTags => Set<GroupTagRow>();
    public DbSet<RuleRow> Rules => Set<RuleRow>();
    public DbSet<PrefixListRow> PrefixLists => Set<PrefixListRow>();
    public DbSet<PrefixListEntryRow> PrefixListEntries => Set<PrefixListEntryRow>();
    public DbSet<InstanceRow> Instances => Set<InstanceRow>();
    public DbSet<InstanceTagRow> InstanceTags => Set<InstanceTagRow>();
    public DbSet<NetworkInterfaceRow> NetworkInterfaces => Set<NetworkInterfaceRow>();
    public DbSet<EniAddressRow> NetworkInterfaceAddresses => Set<EniAddressRow>();
    public DbSet<EniGroupRow> NetworkInterfaceGroups => Set<EniGroupRow>();
    public DbSet<ExternalEndpointRow> ExternalEndpoints => Set<ExternalEndpointRow>();
    public DbSet<NetworkAclRow> NetworkAcls => Set<NetworkAclRow>();
    public DbSet<NetworkAclEntryRow> NetworkAclEntries => Set<NetworkAclEntryRow>();
    public DbSet<NetworkAclAssociationRow> NetworkAclAssociations => Set<NetworkAclAssociationRow>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity shapes its tables from the host's IdentityOptions.Stores (schema version, key lengths), which the
        // design-time factory does not have: those options stay at their defaults (schema version 1, no passkeys)
        // so that the runtime model is the migrated one (guarded by a test).
        base.OnModelCreating(builder);
        AccountConfiguration.Configure(builder);
        ReviewConfiguration.Configure(builder);
        new PolicyConfiguration().Configure(builder.Entity<PolicyRow>());
        new SnapshotConfiguration().Configure(builder.Entity<SnapshotRow>());
        new RevisionConfiguration().Configure(builder.Entity<RevisionRow>());
        new DraftConfiguration().Configure(builder.Entity<DraftRow>());
        new DraftChangeConfiguration().Configure(builder.Entity<DraftChangeRow>());
        new AuditEntryConfiguration().Configure(builder.Entity<AuditEntryRow>());
        new FindingAcceptanceConfiguration().Configure(builder.Entity<FindingAcceptanceRow>());
        new DeployedSnapshotConfiguration().Configure(builder.Entity<DeployedSnapshotRow>());
        new GraphNodePositionConfiguration().Configure(builder.Entity<GraphNodePositionRow>());
        new IdempotencyRecordConfiguration().Configure(builder.Entity<IdempotencyRecordRow>());
        NetworkConfiguration.Configure(builder);
        GroupConfiguration.Configure(builder);
        InterfaceConfiguration.Configure(builder);
        NetworkAclConfiguration.Configure(builder);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        SaveCheckedAsync(acceptAllChangesOnSuccess, cancellationToken);

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveCheckedAsync(acceptAllChangesOnSuccess, CancellationToken.None).GetAwaiter().GetResult();

    // A published revision is immutable: whatever code path tries to change, add or remove a row of a sealed
    // snapshot, the save is refused before anything reaches the database.
    private async Task<int> SaveCheckedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        if (ChangeTracker.AutoDetectChangesEnabled)
            ChangeTracker.DetectChanges();
        var touched = new HashSet<Guid>();
        var created = new HashSet<Guid>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;
            if (entry.Entity is SnapshotRow snapshot)
            {
                if (entry.State == EntityState.Added)
                    created.Add(snapshot.Id);
                else if (IsSealedInDatabase(entry))
                    throw new SealedSnapshotException(snapshot.Id);
                continue;
            }
            if (ContentTypes.Contains(entry.Metadata.ClrType))
                touched.Add((Guid)entry.Property(nameof(VpcRow.SnapshotId)).CurrentValue!);
        }
        touched.ExceptWith(created);
        touched.ExceptWith(ClaimedDraftSnapshots);
        if (StoredText.Check(ChangeTracker) is { Count: > 0 } refused)
            throw new StoredTextException(refused);
        if (touched.Count > 0)
        {
            var sealedId = await Snapshots.AsNoTracking()
                .Where(s => touched.Contains(s.Id) && s.Sealed)
                .Select(s => (Guid?)s.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (sealedId is { } id)
                throw new SealedSnapshotException(id);
        }
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>
    /// Snapshots of drafts whose version this save claims: the claim fails unless the draft is still open at that
    /// version, and an open draft's snapshot is never sealed (publishing seals it and moves the version in one
    /// transaction), so the sealed check needs no query for them.
    /// </summary>
    internal HashSet<Guid> ClaimedDraftSnapshots { get; } = [];

    private static readonly HashSet<Type> ContentTypes = [.. EstateRows.TableTypes()];

    private static bool IsSealedInDatabase(EntityEntry entry) =>
        (bool)entry.Property(nameof(SnapshotRow.Sealed)).OriginalValue!;
}

/// <summary>Thrown when something tries to change the content of a published (sealed) revision.</summary>
public sealed class SealedSnapshotException(Guid snapshotId)
    : InvalidOperationException($"snapshot {snapshotId} belongs to a published revision and cannot be changed");
