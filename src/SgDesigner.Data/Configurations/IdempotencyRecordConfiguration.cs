using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Idempotency;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecordRow>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecordRow> builder)
    {
        builder.ToTable("IdempotencyRecords", t =>
        {
            t.HasCheckConstraint("CK_IdempotencyRecords_State", "\"State\" IN ('Pending', 'Completed')");
            t.HasCheckConstraint("CK_IdempotencyRecords_Key", "length(\"Key\") >= 1");
            // A completed record always has the response to replay.
            t.HasCheckConstraint("CK_IdempotencyRecords_Completed", "\"State\" = 'Pending' OR \"StatusCode\" IS NOT NULL");
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        // The race between two requests with the same key is decided by this index: the second insert fails.
        builder.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
        builder.HasIndex(r => r.ExpiresAt);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyStore.MaxKeyLength);
        builder.Property(r => r.Endpoint).HasMaxLength(500);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(2000);
        builder.Property(r => r.ETag).HasMaxLength(200);
        builder.HasOne<SgUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
