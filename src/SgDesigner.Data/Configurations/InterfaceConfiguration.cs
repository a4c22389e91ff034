using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Rows;
using static SgDesigner.Data.Configurations.ContentMapping;

namespace SgDesigner.Data.Configurations;

/// <summary>Instances, their tags, ENIs, their private addresses and attached groups.</summary>
internal static class InterfaceConfiguration
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<InstanceRow>(b =>
        {
            b.ToTable("Instances", t =>
            {
                t.HasCheckConstraint("CK_Instances_EphemeralPorts", "\"EphemeralPorts\" IN ('Linux', 'Windows', 'NatGateway', 'LoadBalancer', 'Custom')");
                t.HasCheckConstraint("CK_Instances_EphemeralRange", "\"EphemeralFrom\" BETWEEN 1 AND 65535 AND \"EphemeralTo\" BETWEEN \"EphemeralFrom\" AND 65535");
            });
            b.HasKey(i => new { i.SnapshotId, i.Id });
            b.Property(i => i.Id).HasMaxLength(IdLength);
            b.Property(i => i.Name).HasMaxLength(TextLength);
            b.Property(i => i.EphemeralPorts).HasConversion<string>().HasMaxLength(12);
            b.OwnedBySnapshot();
        });
        model.Entity<InstanceTagRow>(b =>
        {
            b.ToTable("InstanceTags");
            b.HasKey(t => new { t.SnapshotId, t.InstanceId, t.Key });
            b.Property(t => t.InstanceId).HasMaxLength(IdLength);
            b.Property(t => t.Key).HasMaxLength(AwsLimits.TagKeyMaxLength);
            b.Property(t => t.Value).HasMaxLength(AwsLimits.TagValueMaxLength);
            b.References<InstanceTagRow, InstanceRow>(nameof(InstanceTagRow.InstanceId), DeleteBehavior.Cascade);
        });
        model.Entity<NetworkInterfaceRow>(b =>
        {
            b.ToTable("NetworkInterfaces", t => t.HasCheckConstraint("CK_NetworkInterfaces_DeviceIndex", "\"DeviceIndex\" IS NULL OR \"DeviceIndex\" >= 0"));
            b.HasKey(n => new { n.SnapshotId, n.Id });
            b.Property(n => n.Id).HasMaxLength(IdLength);
            b.Property(n => n.VpcId).HasMaxLength(IdLength);
            b.Property(n => n.SubnetId).HasMaxLength(IdLength);
            b.Property(n => n.InstanceId).HasMaxLength(IdLength);
            b.Property(n => n.PublicIp).HasMaxLength(CidrLength);
            b.Property(n => n.Description).HasMaxLength(TextLength);
            b.OwnedBySnapshot();
            b.References<NetworkInterfaceRow, VpcRow>(nameof(NetworkInterfaceRow.VpcId), DeleteBehavior.Cascade);
            b.References<NetworkInterfaceRow, SubnetRow>(nameof(NetworkInterfaceRow.SubnetId), DeleteBehavior.Cascade);
            b.References<NetworkInterfaceRow, InstanceRow>(nameof(NetworkInterfaceRow.InstanceId), DeleteBehavior.Cascade);
        });
        model.Entity<EniAddressRow>(b =>
        {
            b.ToTable("NetworkInterfaceAddresses");
            b.HasKey(a => new { a.SnapshotId, a.NetworkInterfaceId, a.Ordinal });
            b.Property(a => a.NetworkInterfaceId).HasMaxLength(IdLength);
            b.Property(a => a.Address).HasMaxLength(CidrLength);
            b.References<EniAddressRow, NetworkInterfaceRow>(nameof(EniAddressRow.NetworkInterfaceId), DeleteBehavior.Cascade);
        });
        model.Entity<EniGroupRow>(b =>
        {
            b.ToTable("NetworkInterfaceGroups");
            b.HasKey(g => new { g.SnapshotId, g.NetworkInterfaceId, g.Ordinal });
            b.HasIndex(g => new { g.SnapshotId, g.NetworkInterfaceId, g.GroupId }).IsUnique();
            b.Property(g => g.NetworkInterfaceId).HasMaxLength(IdLength);
            b.Property(g => g.GroupId).HasMaxLength(IdLength);
            b.References<EniGroupRow, NetworkInterfaceRow>(nameof(EniGroupRow.NetworkInterfaceId), DeleteBehavior.Cascade);
            b.References<EniGroupRow, GroupRow>(nameof(EniGroupRow.GroupId), DeleteBehavior.Cascade);
        });
    }
}
