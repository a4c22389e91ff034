using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SgDesigner.Core.Lint;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Configurations;

internal sealed class FindingAcceptanceConfiguration : IEntityTypeConfiguration<FindingAcceptanceRow>
{
    public void Configure(EntityTypeBuilder<FindingAcceptanceRow> builder)
    {
        builder.ToTable("FindingAcceptances", t =>
        {
            t.HasCheckConstraint("CK_FindingAcceptances_Reason", $"length(\"Reason\") BETWEEN 1 AND {AcceptedFinding.MaxReasonLength}");
            t.HasCheckConstraint("CK_FindingAcceptances_CheckId", "length(\"CheckId\") >= 1");
        });
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        // One acceptance per finding and policy: accepting twice is a conflict, not a second row.
        builder.HasIndex(a => new { a.PolicyId, a.CheckId, a.GroupId, a.RuleId, a.EniId }).IsUnique();
        builder.HasOne<PolicyRow>().WithMany().HasForeignKey(a => a.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SgUser>().WithMany().HasForeignKey(a => a.AcceptedByUserId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(a => a.CheckId).HasMaxLength(16);
        builder.Property(a => a.GroupId).HasMaxLength(ContentMapping.IdLength);
        builder.Property(a => a.RuleId).HasMaxLength(ContentMapping.IdLength);
        builder.Property(a => a.EniId).HasMaxLength(ContentMapping.IdLength);
        builder.Property(a => a.Reason).HasMaxLength(AcceptedFinding.MaxReasonLength);
        builder.Property(a => a.AcceptedBy).HasMaxLength(200);
    }
}
