using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Configurations;

internal sealed class DeployedSnapshotConfiguration : IEntityTypeConfiguration<DeployedSnapshotRow>
{
    /// <summary>The longest file name kept (several AWS CLI files are listed together).</summary>
    public const int FileNameLength = 500;

    public void Configure(EntityTypeBuilder<DeployedSnapshotRow> builder)
    {
        builder.ToTable("DeployedSnapshots", t =>
            t.HasCheckConstraint("CK_DeployedSnapshots_Source", "\"Source\" IN ('aws-cli', 'terraform-state')"));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        // The policy page asks for the newest snapshot of a policy.
        builder.HasIndex(s => new { s.PolicyId, s.TakenAt });
        builder.HasOne<PolicyRow>().WithMany().HasForeignKey(s => s.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SgUser>().WithMany().HasForeignKey(s => s.UploadedByUserId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(s => s.Source).HasMaxLength(16);
        builder.Property(s => s.FileName).HasMaxLength(FileNameLength);
        builder.Property(s => s.UploadedBy).HasMaxLength(200);
    }
}
