using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;

namespace SgDesigner.Data.Configurations;

internal static class AccountConfiguration
{
    private const string Roles = "('Viewer', 'Editor', 'Reviewer', 'Owner')";

    public static void Configure(ModelBuilder modelBuilder)
    {
        var user = modelBuilder.Entity<SgUser>();
        user.Property(u => u.DisplayName).HasMaxLength(200);

        Membership(modelBuilder.Entity<PolicyMembershipRow>());
        Invitation(modelBuilder.Entity<InvitationRow>());
        Token(modelBuilder.Entity<PersonalAccessTokenRow>());
    }

    private static void Membership(EntityTypeBuilder<PolicyMembershipRow> builder)
    {
        builder.ToTable("PolicyMemberships", t => t.HasCheckConstraint("CK_PolicyMemberships_Role", $"\"Role\" IN {Roles}"));
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasIndex(m => new { m.PolicyId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.HasOne<PolicyRow>().WithMany().HasForeignKey(m => m.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SgUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
    }

    private static void Invitation(EntityTypeBuilder<InvitationRow> builder)
    {
        builder.ToTable("Invitations", t =>
        {
            t.HasCheckConstraint("CK_Invitations_Role", $"\"Role\" IS NULL OR \"Role\" IN {Roles}");
            // A policy invitation names the role; an application-only invitation names neither.
            t.HasCheckConstraint("CK_Invitations_PolicyRole", "(\"PolicyId\" IS NULL) = (\"Role\" IS NULL)");
        });
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Email).HasMaxLength(AccountStore.MaxEmailLength);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(AccountStore.MaxEmailLength);
        builder.HasIndex(i => i.NormalizedEmail);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<PolicyRow>().WithMany().HasForeignKey(i => i.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SgUser>().WithMany().HasForeignKey(i => i.InvitedByUserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<SgUser>().WithMany().HasForeignKey(i => i.AcceptedByUserId).OnDelete(DeleteBehavior.SetNull);
    }

    private static void Token(EntityTypeBuilder<PersonalAccessTokenRow> builder)
    {
        builder.ToTable("PersonalAccessTokens", t => t.HasCheckConstraint("CK_PersonalAccessTokens_Scope", "\"Scope\" IN ('Read', 'Write')"));
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.Prefix).HasMaxLength(20);
        builder.Property(t => t.Scope).HasConversion<string>().HasMaxLength(10);
        // The tokens page (AccessTokenStore.ListAsync): a user's tokens by creation time, then id, read by keyset; it also
        // serves the foreign key on UserId.
        builder.HasIndex(t => new { t.UserId, t.CreatedAt, t.Id });
        builder.HasOne<SgUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PolicyRow>().WithMany().HasForeignKey(t => t.PolicyId).OnDelete(DeleteBehavior.Cascade);
    }
}
