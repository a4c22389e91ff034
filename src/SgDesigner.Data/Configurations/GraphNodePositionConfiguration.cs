using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Graph;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Configurations;

internal sealed class GraphNodePositionConfiguration : IEntityTypeConfiguration<GraphNodePositionRow>
{
    public void Configure(EntityTypeBuilder<GraphNodePositionRow> builder)
    {
        builder.ToTable("GraphNodePositions", t => t.HasCheckConstraint("CK_GraphNodePositions_NodeId", "length(\"NodeId\") >= 1"));
        builder.HasKey(p => new { p.PolicyId, p.NodeId });
        builder.Property(p => p.NodeId).HasMaxLength(GraphLayoutStore.MaxNodeIdLength);
        builder.HasOne<PolicyRow>().WithMany().HasForeignKey(p => p.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SgUser>().WithMany().HasForeignKey(p => p.UpdatedByUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
