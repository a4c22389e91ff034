using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Rows;
using static SgDesigner.Data.Configurations.ContentMapping;

namespace SgDesigner.Data.Configurations;

/// <summary>Security groups, their tags and rules.</summary>
internal static class GroupConfiguration
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<GroupRow>(b =>
        {
            // AWS: a name up to 255 characters that does not start with "sg-", a description up to 255.
            b.ToTable("SecurityGroups", t =>
            {
                t.HasCheckConstraint("CK_SecurityGroups_Name", "length(\"Name\") BETWEEN 1 AND 255 AND lower(\"Name\") NOT LIKE 'sg-%'");
                t.HasCheckConstraint("CK_SecurityGroups_Description", "length(\"Description\") <= 255");
                t.HasCheckConstraint("CK_SecurityGroups_NameClash", "\"NameClash\" >= 0");
            });
            b.HasKey(g => new { g.SnapshotId, g.Id });
            b.Property(g => g.Id).HasMaxLength(IdLength);
            b.Property(g => g.VpcId).HasMaxLength(IdLength);
            b.Property(g => g.Name).HasMaxLength(TextLength);
            b.Property(g => g.NormalizedName).HasMaxLength(TextLength);
            b.Property(g => g.Description).HasMaxLength(TextLength);
            // Group names are unique per VPC ignoring case (semantics.md, "Defaults and limits").
            b.HasIndex(g => new { g.SnapshotId, g.VpcId, g.NormalizedName, g.NameClash }).IsUnique();
            b.OwnedBySnapshot();
            b.References<GroupRow, VpcRow>(nameof(GroupRow.VpcId), DeleteBehavior.Cascade);
        });
        model.Entity<GroupTagRow>(b =>
        {
            b.ToTable("SecurityGroupTags");
            b.HasKey(t => new { t.SnapshotId, t.GroupId, t.Key });
            b.Property(t => t.GroupId).HasMaxLength(IdLength);
            b.Property(t => t.Key).HasMaxLength(AwsLimits.TagKeyMaxLength);
            b.Property(t => t.Value).HasMaxLength(AwsLimits.TagValueMaxLength);
            b.References<GroupTagRow, GroupRow>(nameof(GroupTagRow.GroupId), DeleteBehavior.Cascade);
        });
        model.Entity<RuleRow>(b =>
        {
            // semantics.md, "Matching one rule": tcp/udp carry a port range 0..65535, icmp/icmpv6 a type and
            // code (-1 = any); every rule has exactly one peer.
            b.ToTable("Rules", t =>
            {
                t.HasCheckConstraint("CK_Rules_Direction", "\"Direction\" IN ('Inbound', 'Outbound')");
                t.HasCheckConstraint("CK_Rules_Protocol", "\"Protocol\" BETWEEN -1 AND 255");
                t.HasCheckConstraint("CK_Rules_PortRange",
                    "\"Protocol\" NOT IN (6, 17) OR (\"FromPort\" BETWEEN 0 AND 65535 AND \"ToPort\" BETWEEN \"FromPort\" AND 65535)");
                t.HasCheckConstraint("CK_Rules_IcmpTypeCode",
                    "\"Protocol\" NOT IN (1, 58) OR (\"FromPort\" BETWEEN -1 AND 255 AND \"ToPort\" BETWEEN -1 AND 255)");
                t.HasCheckConstraint("CK_Rules_OnePeer",
                    "(CASE WHEN \"PeerCidr\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"PeerGroupId\" IS NULL THEN 0 ELSE 1 END)"
                    + " + (CASE WHEN \"PeerPrefixListId\" IS NULL THEN 0 ELSE 1 END) = 1");
                t.HasCheckConstraint("CK_Rules_Description", "\"Description\" IS NULL OR length(\"Description\") <= 255");
            });
            b.HasKey(r => new { r.SnapshotId, r.Id });
            b.Property(r => r.Id).HasMaxLength(IdLength);
            b.Property(r => r.GroupId).HasMaxLength(IdLength);
            b.Property(r => r.Direction).HasConversion<string>().HasMaxLength(10);
            b.Property(r => r.PeerCidr).HasMaxLength(CidrLength);
            b.Property(r => r.PeerGroupId).HasMaxLength(IdLength);
            b.Property(r => r.PeerPrefixListId).HasMaxLength(IdLength);
            b.Property(r => r.Description).HasMaxLength(TextLength);
            b.Property(r => r.Owner).HasMaxLength(RuleMetadata.OwnerMaxLength);
            b.Property(r => r.Justification).HasMaxLength(RuleMetadata.JustificationMaxLength);
            b.Property(r => r.Ticket).HasMaxLength(RuleMetadata.TicketMaxLength);
            b.References<RuleRow, GroupRow>(nameof(RuleRow.GroupId), DeleteBehavior.Cascade);
            // No foreign key on the peer: a reference to a group or prefix list that no longer exists is a state
            // AWS lets happen (semantics.md: the rule is stale and matches nothing) and imports must keep it.
            // The designer refuses new stale references through validation instead. Indexed for "who uses this".
            b.HasIndex(r => new { r.SnapshotId, r.PeerGroupId });
            b.HasIndex(r => new { r.SnapshotId, r.PeerPrefixListId });
        });
    }
}
