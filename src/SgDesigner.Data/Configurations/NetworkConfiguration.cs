using Microsoft.EntityFrameworkCore;
using SgDesigner.Data.Rows;
using static SgDesigner.Data.Configurations.ContentMapping;

namespace SgDesigner.Data.Configurations;

/// <summary>VPCs, their CIDRs, subnets, VPC connections, prefix lists and external endpoints.</summary>
internal static class NetworkConfiguration
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<VpcRow>(b =>
        {
            b.ToTable("Vpcs");
            b.HasKey(v => new { v.SnapshotId, v.Id });
            b.Property(v => v.Id).HasMaxLength(IdLength);
            b.Property(v => v.Name).HasMaxLength(TextLength);
            b.OwnedBySnapshot();
        });
        model.Entity<VpcCidrRow>(b =>
        {
            b.ToTable("VpcCidrs");
            b.HasKey(c => new { c.SnapshotId, c.VpcId, c.Ordinal });
            b.Property(c => c.VpcId).HasMaxLength(IdLength);
            b.Property(c => c.Cidr).HasMaxLength(CidrLength);
            b.References<VpcCidrRow, VpcRow>(nameof(VpcCidrRow.VpcId), DeleteBehavior.Cascade);
        });
        model.Entity<SubnetRow>(b =>
        {
            b.ToTable("Subnets");
            b.HasKey(s => new { s.SnapshotId, s.Id });
            b.Property(s => s.Id).HasMaxLength(IdLength);
            b.Property(s => s.VpcId).HasMaxLength(IdLength);
            b.Property(s => s.Cidr).HasMaxLength(CidrLength);
            b.Property(s => s.Ipv6Cidr).HasMaxLength(CidrLength);
            b.Property(s => s.AvailabilityZone).HasMaxLength(64);
            b.Property(s => s.Name).HasMaxLength(TextLength);
            b.OwnedBySnapshot();
            b.References<SubnetRow, VpcRow>(nameof(SubnetRow.VpcId), DeleteBehavior.Cascade);
        });
        model.Entity<VpcConnectionRow>(b =>
        {
            b.ToTable("VpcConnections", t =>
            {
                t.HasCheckConstraint("CK_VpcConnections_Kind", "\"Kind\" IN ('Peering', 'TransitGateway')");
                t.HasCheckConstraint("CK_VpcConnections_TwoVpcs", "\"VpcA\" <> \"VpcB\"");
            });
            b.HasKey(c => new { c.SnapshotId, c.Ordinal });
            b.Property(c => c.VpcA).HasMaxLength(IdLength);
            b.Property(c => c.VpcB).HasMaxLength(IdLength);
            b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            b.OwnedBySnapshot();
            b.References<VpcConnectionRow, VpcRow>(nameof(VpcConnectionRow.VpcA), DeleteBehavior.Cascade);
            b.References<VpcConnectionRow, VpcRow>(nameof(VpcConnectionRow.VpcB), DeleteBehavior.Cascade);
        });
        model.Entity<PrefixListRow>(b =>
        {
            b.ToTable("PrefixLists", t => t.HasCheckConstraint("CK_PrefixLists_Family", "\"Family\" IN ('V4', 'V6')"));
            b.HasKey(p => new { p.SnapshotId, p.Id });
            b.Property(p => p.Id).HasMaxLength(IdLength);
            b.Property(p => p.Name).HasMaxLength(TextLength);
            b.Property(p => p.Family).HasConversion<string>().HasMaxLength(2);
            // Null when unknown (then the entry count); what a reference counts against a group's rule quota.
            b.Property(p => p.MaxEntries);
            b.OwnedBySnapshot();
        });
        model.Entity<PrefixListEntryRow>(b =>
        {
            b.ToTable("PrefixListEntries");
            b.HasKey(e => new { e.SnapshotId, e.PrefixListId, e.Ordinal });
            b.Property(e => e.PrefixListId).HasMaxLength(IdLength);
            b.Property(e => e.Cidr).HasMaxLength(CidrLength);
            b.References<PrefixListEntryRow, PrefixListRow>(nameof(PrefixListEntryRow.PrefixListId), DeleteBehavior.Cascade);
        });
        model.Entity<ExternalEndpointRow>(b =>
        {
            b.ToTable("ExternalEndpoints");
            b.HasKey(e => new { e.SnapshotId, e.Ordinal });
            b.Property(e => e.Name).HasMaxLength(TextLength);
            b.Property(e => e.Cidr).HasMaxLength(CidrLength);
            b.OwnedBySnapshot();
        });
    }
}
