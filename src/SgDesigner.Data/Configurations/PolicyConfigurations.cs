using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Settings;

namespace SgDesigner.Data.Configurations;

// Text lengths follow AWS where it has a limit (names and descriptions: 255) and stay generous elsewhere.

internal sealed class PolicyConfiguration : IEntityTypeConfiguration<PolicyRow>
{
    public void Configure(EntityTypeBuilder<PolicyRow> builder)
    {
        builder.ToTable("Policies", t =>
        {
            t.HasCheckConstraint("CK_Policies_Name", "length(\"Name\") BETWEEN 1 AND 200");
            t.HasCheckConstraint("CK_Policies_RequiredApprovals", "\"RequiredApprovals\" >= 1");
        });
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(AwsLimits.PolicyNameMaxLength);
        builder.Property(p => p.NormalizedName).HasMaxLength(AwsLimits.PolicyNameMaxLength);
        builder.HasIndex(p => p.NormalizedName).IsUnique();
        builder.Property(p => p.Description).HasMaxLength(2000);
        builder.Property(p => p.RequiredApprovals).HasDefaultValue(1);
        builder.Property(p => p.Assertions).HasMaxLength(PolicySettingsStore.MaxAssertionsLength);
    }
}

internal sealed class SnapshotConfiguration : IEntityTypeConfiguration<SnapshotRow>
{
    public void Configure(EntityTypeBuilder<SnapshotRow> builder)
    {
        builder.ToTable("Snapshots", t =>
        {
            t.HasCheckConstraint("CK_Snapshots_RulesPerDirection", "\"RulesPerDirection\" > 0");
            t.HasCheckConstraint("CK_Snapshots_GroupsPerEni", "\"GroupsPerEni\" > 0");
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasOne<PolicyRow>().WithMany().HasForeignKey(s => s.PolicyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RevisionConfiguration : IEntityTypeConfiguration<RevisionRow>
{
    public void Configure(EntityTypeBuilder<RevisionRow> builder)
    {
        builder.ToTable("Revisions", t => t.HasCheckConstraint("CK_Revisions_Number", "\"Number\" >= 1"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        // Numbering races end in a unique violation, which the store reports as a conflict.
        builder.HasIndex(r => new { r.PolicyId, r.Number }).IsUnique();
        builder.HasIndex(r => r.SnapshotId).IsUnique();
        builder.HasOne<PolicyRow>().WithMany().HasForeignKey(r => r.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SnapshotRow>().WithMany().HasForeignKey(r => r.SnapshotId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Message).HasMaxLength(2000);
        builder.Property(r => r.Author).HasMaxLength(200);
    }
}

internal sealed class DraftConfiguration : IEntityTypeConfiguration<DraftRow>
{
    public void Configure(EntityTypeBuilder<DraftRow> builder)
    {
        builder.ToTable("Drafts", t =>
        {
            t.HasCheckConstraint("CK_Drafts_Status", "\"Status\" IN ('Open', 'Published', 'Abandoned')");
            t.HasCheckConstraint("CK_Drafts_Version", "\"Version\" >= 1");
        });
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasIndex(d => d.SnapshotId).IsUnique();
        // The drafts page (PolicyStore.ListDraftsAsync): a policy's open drafts by creation time, then id, read by keyset
        // from one end of this index (newest first is a backward scan). It also serves the foreign key on PolicyId.
        builder.HasIndex(d => new { d.PolicyId, d.Status, d.CreatedAt, d.Id });
        builder.HasOne<PolicyRow>().WithMany().HasForeignKey(d => d.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SnapshotRow>().WithMany().HasForeignKey(d => d.SnapshotId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Title).HasMaxLength(200);
        builder.Property(d => d.Author).HasMaxLength(200);
        builder.Property(d => d.Version).IsConcurrencyToken();
    }
}

internal sealed class DraftChangeConfiguration : IEntityTypeConfiguration<DraftChangeRow>
{
    public void Configure(EntityTypeBuilder<DraftChangeRow> builder)
    {
        builder.ToTable("DraftChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => new { c.DraftId, c.UserId });
        builder.HasIndex(c => new { c.DraftId, c.ObjectKind, c.ObjectId });
        builder.HasOne<DraftRow>().WithMany().HasForeignKey(c => c.DraftId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Author).HasMaxLength(200);
        builder.Property(c => c.ObjectKind).HasMaxLength(30);
        builder.Property(c => c.ObjectId).HasMaxLength(200);
        builder.Property(c => c.Change).HasMaxLength(20);
        builder.Property(c => c.GroupId).HasMaxLength(200);
        builder.Property(c => c.Text).HasMaxLength(500);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntryRow>
{
    /// <summary>The triggers that make the table append-only (created by the migrations, see README).</summary>
    public const string AppendOnlyTrigger = "TR_AuditEntries_AppendOnly";

    public void Configure(EntityTypeBuilder<AuditEntryRow> builder)
    {
        // No foreign keys: the trail must survive the deletion of the policy or user it mentions.
        builder.ToTable("AuditEntries", t => t.HasTrigger(AppendOnlyTrigger));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasIndex(a => new { a.PolicyId, a.At });
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.ActorUserId, a.At });
        builder.Property(a => a.Actor).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.TargetKind).HasMaxLength(50);
        builder.Property(a => a.TargetId).HasMaxLength(200);
        builder.Property(a => a.RemoteAddress).HasMaxLength(100);
        builder.Property(a => a.Details).HasMaxLength(2000);
    }
}
