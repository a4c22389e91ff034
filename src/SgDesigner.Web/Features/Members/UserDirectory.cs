using Microsoft.EntityFrameworkCore;
using SgDesigner.Data;
using SgDesigner.Data.Paging;

namespace SgDesigner.Web.Features.Members;

/// <summary>A user as administrators see them.</summary>
/// <param name="Id">The user.</param>
/// <param name="DisplayName">The name others see.</param>
/// <param name="Email">The sign-in name.</param>
/// <param name="IsAdministrator">Whether they administer the tool.</param>
/// <param name="CreatedAt">When the account was created (UTC).</param>
/// <param name="LockedOutUntil">When a lockout after failed sign-ins ends, or null when the account is not locked now.</param>
public sealed record UserListing(Guid Id, string DisplayName, string Email, bool IsAdministrator, DateTime CreatedAt, DateTimeOffset? LockedOutUntil)
{
    /// <summary>Disabled by an administrator (a lockout without end): cannot sign in, sessions ended, tokens revoked.</summary>
    public bool Disabled => LockedOutUntil?.Year == DateTimeOffset.MaxValue.Year;
}

/// <summary>Reads the accounts for the administrators' list; Identity's <c>UserManager</c> does the writing.</summary>
public static class UserDirectory
{
    /// <summary>Every user, by name; a lockout that has ended shows as none.</summary>
    public static async Task<IReadOnlyList<UserListing>> ListAsync(
        IDbContextFactory<SgDbContext> contexts, TimeProvider clock, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.IsAdministrator, u.CreatedAt, u.LockoutEnd })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return [.. users
            .OrderBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .Select(u => new UserListing(u.Id, u.DisplayName, u.Email ?? "", u.IsAdministrator,
                DateTime.SpecifyKind(u.CreatedAt, DateTimeKind.Utc), u.LockoutEnd > now ? u.LockoutEnd : null))];
    }

    /// <summary>
    /// A page of the users, by name ignoring case (as the database upper-cases it), then by id. Key: Text = the upper-cased
    /// name, Id.
    /// </summary>
    public static async Task<KeysetPage<UserListing>> ListAsync(
        IDbContextFactory<SgDbContext> contexts, TimeProvider clock, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var users = db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.IsAdministrator, u.CreatedAt, u.LockoutEnd, Name = u.DisplayName.ToUpper() });
        if (page.After is { } after)
            users = users.Where(u => string.Compare(u.Name, after.Text) > 0 || (u.Name == after.Text && u.Id.CompareTo(after.Id) > 0));
        var read = await Keyset.ReadAsync(users.OrderBy(u => u.Name).ThenBy(u => u.Id), page.Limit, u => new PageKey(Text: u.Name, Id: u.Id), ct);
        var now = clock.GetUtcNow();
        return read.Select(u => new UserListing(u.Id, u.DisplayName, u.Email ?? "", u.IsAdministrator,
            DateTime.SpecifyKind(u.CreatedAt, DateTimeKind.Utc), u.LockoutEnd > now ? u.LockoutEnd : null));
    }
}
