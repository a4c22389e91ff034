using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Configurations;

// Requests, comments and reviews go with their policy (cascade); a user who wrote any of them cannot be deleted
// (restrict): their words stay attributed.
internal static class ReviewConfiguration
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        Request(modelBuilder.Entity<ChangeRequestRow>());
        Comment(modelBuilder.Entity<ReviewCommentRow>());
        Review(modelBuilder.Entity<ReviewRow>());
        RequestedReviewer(modelBuilder.Entity<RequestedReviewerRow>());
    }

    private static void Request(EntityTypeBuilder<ChangeRequestRow> builder)
    {
        builder.ToTable("ChangeRequests", t =>
        {
            t.HasCheckConstraint("CK_ChangeRequests_Status", "\"Status\" IN ('Open', 'ChangesRequested', 'Approved', 'Merged', 'Closed')");
            t.HasCheckConstraint("CK_ChangeRequests_Number", "\"Number\" >= 1");
            t.HasCheckConstraint("CK_ChangeRequests_Title", "length(\"Title\") BETWEEN 1 AND 200");
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => new { r.PolicyId, r.Number }).IsUnique();
        builder.HasIndex(r => r.DraftId).IsUnique();
        builder.HasOne<PolicyRow>().WithMany().HasForeignKey(r => r.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DraftRow>().WithMany().HasForeignKey(r => r.DraftId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SgUser>().WithMany().HasForeignKey(r => r.AuthorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.Description).HasMaxLength(10000);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
    }

    private static void Comment(EntityTypeBuilder<ReviewCommentRow> builder)
    {
        builder.ToTable("ReviewComments", t => t.HasCheckConstraint("CK_ReviewComments_Body", "length(\"Body\") BETWEEN 1 AND 10000"));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => new { c.ChangeRequestId, c.CreatedAt });
        builder.HasOne<ChangeRequestRow>().WithMany().HasForeignKey(c => c.ChangeRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SgUser>().WithMany().HasForeignKey(c => c.AuthorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Body).HasMaxLength(10000);
        builder.Property(c => c.GroupId).HasMaxLength(50);
        builder.Property(c => c.RuleId).HasMaxLength(50);
    }

    private static void Review(EntityTypeBuilder<ReviewRow> builder)
    {
        builder.ToTable("Reviews", t =>
        {
            t.HasCheckConstraint("CK_Reviews_Verdict", "\"Verdict\" IN ('Approve', 'RequestChanges')");
            t.HasCheckConstraint("CK_Reviews_Dismissed", "\"Dismissed\" = (\"DismissedAt\" IS NOT NULL)");
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => new { r.ChangeRequestId, r.CreatedAt });
        builder.HasOne<ChangeRequestRow>().WithMany().HasForeignKey(r => r.ChangeRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SgUser>().WithMany().HasForeignKey(r => r.ReviewerUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Verdict).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Body).HasMaxLength(10000);
        builder.Property(r => r.DismissedReason).HasMaxLength(500);
    }

    // A reviewer's request goes with the request and with the user (nothing of theirs is said in it); the index on the
    // user serves "waiting for my review".
    private static void RequestedReviewer(EntityTypeBuilder<RequestedReviewerRow> builder)
    {
        builder.ToTable("RequestedReviewers");
        builder.HasKey(r => new { r.ChangeRequestId, r.UserId });
        builder.HasIndex(r => r.UserId);
        builder.HasOne<ChangeRequestRow>().WithMany().HasForeignKey(r => r.ChangeRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SgUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SgUser>().WithMany().HasForeignKey(r => r.RequestedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
