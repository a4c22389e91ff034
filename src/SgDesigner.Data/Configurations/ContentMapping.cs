using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Configurations;

/// <summary>Shared pieces of the content tables' configuration.</summary>
internal static class ContentMapping
{
    public const int IdLength = AwsLimits.IdMaxLength;
    public const int CidrLength = 49; // the longest IPv6 CIDR text, "ffff:…:ffff/128"
    public const int TextLength = AwsLimits.GroupNameMaxLength; // AWS's limit for names and descriptions

    /// <summary>Every content row belongs to one snapshot and goes when the snapshot goes.</summary>
    public static EntityTypeBuilder<T> OwnedBySnapshot<T>(this EntityTypeBuilder<T> builder)
        where T : class
    {
        builder.HasOne<SnapshotRow>().WithMany().HasForeignKey(nameof(VpcRow.SnapshotId)).OnDelete(DeleteBehavior.Cascade);
        return builder;
    }

    /// <summary>A reference to another row of the same snapshot; null columns leave it unenforced.</summary>
    /// <remarks>
    /// Every reference cascades: deleting a policy cascades through its snapshots, and PostgreSQL checks a
    /// NO ACTION reference as soon as the cascade reaches its target, before the referencing row's own cascade
    /// has run. The store never relies on a cascade inside a snapshot: validation refuses deleting anything still
    /// referenced before a row is written.
    /// </remarks>
    public static void References<T, TTarget>(this EntityTypeBuilder<T> builder, string column, DeleteBehavior onDelete)
        where T : class
        where TTarget : class =>
        builder.HasOne<TTarget>().WithMany()
            .HasForeignKey(nameof(VpcRow.SnapshotId), column)
            .HasPrincipalKey(nameof(VpcRow.SnapshotId), nameof(VpcRow.Id))
            .OnDelete(onDelete);
}
