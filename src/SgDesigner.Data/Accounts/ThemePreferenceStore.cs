using Microsoft.EntityFrameworkCore;

namespace SgDesigner.Data.Accounts;

/// <summary>A user's choice of the light or dark theme, kept with the user so that it follows them to every browser.</summary>
public sealed class ThemePreferenceStore(IDbContextFactory<SgDbContext> contexts)
{
    /// <summary>Whether <paramref name="userId"/> chose the dark theme; false for an unknown user.</summary>
    public async Task<bool> PrefersDarkAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.PrefersDarkTheme).FirstOrDefaultAsync(ct);
    }

    /// <summary>Remembers the choice; a preference, not an audited change.</summary>
    public async Task SetAsync(Guid userId, bool dark, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(r => r.PrefersDarkTheme, dark), ct);
    }
}
