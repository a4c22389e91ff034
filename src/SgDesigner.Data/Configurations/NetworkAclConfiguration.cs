using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Rows;
using static SgDesigner.Data.Configurations.ContentMapping;

namespace SgDesigner.Data.Configurations;

/// <summary>Network ACLs, their numbered rules and their subnet associations (semantics.md, "Network ACLs").</summary>
internal static class NetworkAclConfiguration
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<NetworkAclRow>(b =>
        {
            b.ToTable("NetworkAcls");
            b.HasKey(a => new { a.SnapshotId, a.Id });
            b.Property(a => a.Id).HasMaxLength(IdLength);
            // No foreign key to the VPC: an import may keep an ACL of a VPC it has no description of (a warning).
            b.Property(a => a.VpcId).HasMaxLength(IdLength);
            b.Property(a => a.Name).HasMaxLength(TextLength);
            b.OwnedBySnapshot();
        });
        model.Entity<NetworkAclEntryRow>(b =>
        {
            // The same rules as a group's rule (Rules' constraints), plus AWS's range of rule numbers.
            b.ToTable("NetworkAclEntries", t =>
            {
                t.HasCheckConstraint("CK_NetworkAclEntries_Direction", "\"Direction\" IN ('Inbound', 'Outbound')");
                t.HasCheckConstraint("CK_NetworkAclEntries_Action", "\"Action\" IN ('Allow', 'Deny')");
                t.HasCheckConstraint("CK_NetworkAclEntries_RuleNumber", "\"RuleNumber\" BETWEEN 1 AND 32766");
                t.HasCheckConstraint("CK_NetworkAclEntries_Protocol", "\"Protocol\" BETWEEN -1 AND 255");
                t.HasCheckConstraint("CK_NetworkAclEntries_PortRange",
                    "\"Protocol\" NOT IN (6, 17) OR (\"FromPort\" BETWEEN 0 AND 65535 AND \"ToPort\" BETWEEN \"FromPort\" AND 65535)");
                t.HasCheckConstraint("CK_NetworkAclEntries_IcmpTypeCode",
                    "\"Protocol\" NOT IN (1, 58) OR (\"FromPort\" BETWEEN -1 AND 255 AND \"ToPort\" BETWEEN -1 AND 255)");
            });
            b.HasKey(e => new { e.SnapshotId, e.NetworkAclId, e.Direction, e.RuleNumber });
            b.Property(e => e.NetworkAclId).HasMaxLength(IdLength);
            b.Property(e => e.Direction).HasConversion<string>().HasMaxLength(10);
            b.Property(e => e.Action).HasConversion<string>().HasMaxLength(5);
            b.Property(e => e.Cidr).HasMaxLength(CidrLength);
            b.References<NetworkAclEntryRow, NetworkAclRow>(nameof(NetworkAclEntryRow.NetworkAclId), DeleteBehavior.Cascade);
        });
        model.Entity<NetworkAclAssociationRow>(b =>
        {
            b.ToTable("NetworkAclAssociations");
            b.HasKey(a => new { a.SnapshotId, a.SubnetId });
            b.Property(a => a.SubnetId).HasMaxLength(IdLength);
            b.Property(a => a.NetworkAclId).HasMaxLength(IdLength);
            b.References<NetworkAclAssociationRow, NetworkAclRow>(nameof(NetworkAclAssociationRow.NetworkAclId), DeleteBehavior.Cascade);
        });
    }
}
