using System.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Core.Model;
using SgDesigner.Data.Audit;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Accounts;

/// <summary>What someone signing up gives.</summary>
/// <param name="Email">E-mail, also the sign-in name.</param>
/// <param name="Password">Checked against the password rules.</param>
/// <param name="DisplayName">The name others see.</param>
/// <param name="InvitationToken">The invitation's token; not needed by the very first user.</param>
public sealed record SignUpRequest(string Email, string Password, string DisplayName, string? InvitationToken);

/// <summary>An invitation just created: <see cref="Token"/> goes into the link and is stored nowhere.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Email">Who is invited.</param>
/// <param name="PolicyId">The policy they join, or null.</param>
/// <param name="Role">Their role there, or null.</param>
/// <param name="Token">The secret for the sign-up link.</param>
/// <param name="ExpiresAt">When it stops working (UTC).</param>
public sealed record CreatedInvitation(Guid Id, string Email, Guid? PolicyId, PolicyRole? Role, string Token, DateTime ExpiresAt);

/// <summary>The outcome of a password check; on success the web layer issues the cookie.</summary>
/// <param name="User">The user, when the e-mail is known.</param>
/// <param name="Result">Identity's verdict (succeeded, failed, locked out…).</param>
public sealed record PasswordCheck(SgUser? User, SignInResult Result);

/// <summary>
/// Accounts: sign-up (the first user becomes administrator; everyone after needs an invitation), invitations,
/// and the audited password check behind sign-in (lockout counted by Identity). Scoped: it shares the request's
/// <see cref="SgDbContext"/> with Identity's user store, so a sign-up and its invitation commit together.
/// </summary>
public sealed partial class AccountStore(SgDbContext db, UserManager<SgUser> users, SignInManager<SgUser> signIns, TimeProvider clock)
{
    /// <summary>How long an invitation works unless told otherwise.</summary>
    public static readonly TimeSpan DefaultInvitationValidity = TimeSpan.FromDays(7);

    /// <summary>True once anyone has signed up (before that, sign-up makes the administrator).</summary>
    public Task<bool> HasUsersAsync(CancellationToken ct = default) => db.Users.AnyAsync(ct);

    /// <summary>
    /// Creates an account: the first one is an administrator; later ones must bring a valid invitation for their e-mail.
    /// Of several sign-ups racing on an empty installation exactly one becomes administrator; the others are tried again
    /// as ordinary sign-ups and so are refused for want of an invitation, with a message that says why.
    /// </summary>
    public async Task<StoreResult<SgUser>> SignUpAsync(SignUpRequest request, string? remoteAddress = null, CancellationToken ct = default)
    {
        var email = request.Email?.Trim() ?? "";
        var name = request.DisplayName?.Trim() ?? "";
        if (CheckEmail(email) is { } badEmail)
            return badEmail;
        if (name.Length is 0 or > 200)
            return StoreFailure.Invalid("displayName", "a display name of 1 to 200 characters is needed");
        // Before the save's own check of every text (StoredText), which would stop the sign-up with an exception.
        if (StoredText.Problem(name, null) is { } nameProblem)
            return StoreFailure.Invalid("displayName", $"the display name {nameProblem}");
        var lostRace = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await TrySignUpAsync(request, email, name, remoteAddress, ct);
                // Without an invitation, losing a race can only mean losing the first-user race.
                return lostRace && string.IsNullOrWhiteSpace(request.InvitationToken) && result is { IsOk: false, Failure.Kind: StoreFailureKind.Forbidden }
                    ? StoreFailure.Forbidden("someone else created the administrator account a moment ago; from now on, sign-up needs an invitation from an administrator or a policy owner")
                    : result;
            }
            catch (Exception e) when (SignUpRace.IsLostRace(e))
            {
                // The database refused this transaction because another committed first (serialization failure,
                // unique violation, busy SQLite file): forget what this one added and decide again on fresh data.
                db.ChangeTracker.Clear();
                if (attempt == SignUpRace.MaxAttempts)
                    return StoreFailure.Conflict("several accounts were being created at the same moment; try again");
                lostRace = true;
            }
        }
    }

    private async Task<StoreResult<SgUser>> TrySignUpAsync(SignUpRequest request, string email, string name, string? remoteAddress, CancellationToken ct)
    {
        // Serializable: of two "first" sign-ups at once, only one commits as administrator.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        var first = !await db.Users.AnyAsync(ct);
        InvitationRow? invitation = null;
        if (!first)
        {
            var checkedInvitation = await FindInvitationAsync(request.InvitationToken, email, ct);
            if (!checkedInvitation.IsOk)
                return checkedInvitation.Failure!;
            invitation = checkedInvitation.Value;
        }
        var now = Now;
        var user = new SgUser { UserName = email, Email = email, DisplayName = name, IsAdministrator = first, CreatedAt = now };
        var created = await users.CreateAsync(user, request.Password ?? "");
        if (!created.Succeeded)
            return StoreFailure.Invalid(created.Errors.Select(e => new ValidationError(ErrorPath(e.Code), e.Description)));
        var actor = new AuditActor(user.Id, $"{name} <{email}>", remoteAddress);
        db.AuditEntries.Add(AuditLog.Row(invitation?.PolicyId, now, actor, "user.signed-up", "user", user.Id.ToString(),
            first ? "first user: administrator" : $"invited to {(invitation!.PolicyId is null ? "the application" : $"the policy as {invitation.Role.ToString()!.ToLowerInvariant()}")}"));
        if (first)
            await AdoptOwnerlessPoliciesAsync(user, actor, now, ct);
        if (invitation is not null)
        {
            invitation.AcceptedAt = now;
            invitation.AcceptedByUserId = user.Id;
            if (invitation is { PolicyId: { } policyId, Role: { } role })
            {
                db.PolicyMemberships.Add(new PolicyMembershipRow
                {
                    Id = Guid.CreateVersion7(), PolicyId = policyId, UserId = user.Id, Role = role, CreatedAt = now, UpdatedAt = now,
                });
                db.AuditEntries.Add(AuditLog.Row(policyId, now, actor, "membership.added", "membership", user.Id.ToString(),
                    $"{name} <{email}> as {role.ToString().ToLowerInvariant()} (invitation)"));
            }
        }
        // Not PolicyStore.SaveAsync: a unique violation here is a lost race, retried by the caller, not bad input.
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return user;
    }

    /// <summary>The longest e-mail an account or an invitation takes (Identity's column for it).</summary>
    public const int MaxEmailLength = 256;

    /// <summary>
    /// Why <paramref name="email"/> (trimmed) cannot be an account's e-mail, or null: checked before any lookup, since
    /// PostgreSQL refuses a NUL even as a query parameter.
    /// </summary>
    public static StoreFailure? CheckEmail(string email) =>
        email.Length > MaxEmailLength ? StoreFailure.Invalid("email", $"an e-mail address has at most {MaxEmailLength} characters (this one has {email.Length})")
        : email.Length == 0 || !email.Contains('@', StringComparison.Ordinal) ? StoreFailure.Invalid("email", "an e-mail address is needed")
        : email.Any(StoredText.IsRefused) ? StoreFailure.Invalid("email", "an e-mail address cannot contain control characters")
        : null;

    /// <summary>
    /// Invites someone: to a policy with a role (its owners and administrators may), or to the application only
    /// (administrators may). The token is returned once.
    /// </summary>
    public async Task<StoreResult<CreatedInvitation>> InviteAsync(
        AuditActor actor, string email, Guid? policyId = null, PolicyRole? role = null, TimeSpan? validFor = null, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return MembershipStore.SignInFirst;
        email = email?.Trim() ?? "";
        if (CheckEmail(email) is { } badEmail)
            return badEmail;
        if (policyId is null != role is null)
            return StoreFailure.Invalid("role", "an invitation to a policy names the role; one to the application names neither");
        if (policyId is { } policy)
        {
            if (await PolicyAccess.CheckAsync(db, userId, PolicyAction.ManageMembers, policy, null, ct) is { } refused)
                return refused;
        }
        else if (!await db.Users.AnyAsync(u => u.Id == userId && u.IsAdministrator, ct))
        {
            return StoreFailure.Forbidden("only administrators invite people to the application without a policy");
        }
        var now = Now;
        var token = SecretTokens.New("inv");
        var row = new InvitationRow
        {
            Id = Guid.CreateVersion7(), Email = email, NormalizedEmail = users.NormalizeEmail(email), PolicyId = policyId, Role = role,
            TokenHash = SecretTokens.Hash(token), InvitedByUserId = userId, CreatedAt = now, ExpiresAt = now + (validFor ?? DefaultInvitationValidity),
        };
        db.Invitations.Add(row);
        db.AuditEntries.Add(AuditLog.Row(policyId, now, actor, "user.invited", "invitation", row.Id.ToString(),
            role is { } r ? $"{email} as {r.ToString().ToLowerInvariant()}" : email));
        if (await PolicyStore.SaveAsync(db, ct) is { } failure)
            return failure;
        return new CreatedInvitation(row.Id, email, policyId, role, token, row.ExpiresAt);
    }

    /// <summary>
    /// Checks an e-mail and password with Identity's lockout counting (5 failures lock the account for 15 minutes) and
    /// audits the attempt, failed ones included. It does not issue the cookie: on success the web layer calls
    /// <see cref="SignInManager{TUser}.SignInAsync(TUser, bool, string?)"/>.
    /// </summary>
    /// <remarks>
    /// Nothing in the outcome tells an unknown e-mail from a wrong password: an unknown e-mail costs the same password
    /// hash as a known one (<see cref="SignInChecks"/>), and <see cref="SignInResult.LockedOut"/> is returned only to
    /// someone who gave the right password, so a stranger cannot learn that an account exists by locking it.
    /// </remarks>
    public async Task<PasswordCheck> CheckPasswordAsync(string email, string password, string? remoteAddress = null, CancellationToken ct = default)
    {
        // No account's e-mail holds a control character, and PostgreSQL refuses a NUL even as a parameter: no lookup.
        var user = (email ?? "").Any(StoredText.IsRefused) ? null : await users.FindByEmailAsync(email?.Trim() ?? "");
        var (result, audited) = await SignInChecks.CheckAsync(users, signIns, user, password ?? "");
        var action = audited.Succeeded ? "user.signed-in" : audited.IsLockedOut ? "user.sign-in-locked-out" : "user.sign-in-failed";
        var actor = new AuditActor(user?.Id, user is null ? email ?? "" : $"{user.DisplayName} <{user.Email}>", remoteAddress);
        db.AuditEntries.Add(AuditLog.Row(null, Now, actor, action, "user", user?.Id.ToString(), user is null ? "unknown e-mail" : null));
        await db.SaveChangesAsync(ct);
        return new PasswordCheck(user, result);
    }

    // Policies from before the first account (the seeded demo, anything created while nobody could sign in) would
    // otherwise have no member who may edit or review them; the first administrator owns them.
    private async Task AdoptOwnerlessPoliciesAsync(SgUser user, AuditActor actor, DateTime now, CancellationToken ct)
    {
        var ownerless = await db.Policies.Where(p => !db.PolicyMemberships.Any(m => m.PolicyId == p.Id)).Select(p => p.Id).ToListAsync(ct);
        foreach (var policyId in ownerless)
        {
            db.PolicyMemberships.Add(new PolicyMembershipRow
            {
                Id = Guid.CreateVersion7(), PolicyId = policyId, UserId = user.Id, Role = PolicyRole.Owner, CreatedAt = now, UpdatedAt = now,
            });
            db.AuditEntries.Add(AuditLog.Row(policyId, now, actor, "membership.added", "membership", user.Id.ToString(),
                $"{user.DisplayName} <{user.Email}> as owner (first administrator; the policy had no members)"));
        }
    }

    private async Task<StoreResult<InvitationRow>> FindInvitationAsync(string? token, string email, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token))
            return StoreFailure.Forbidden("sign-up needs an invitation; ask an administrator or a policy owner");
        var usable = await UsableInvitationAsync(token, tracked: true, ct);
        if (!usable.IsOk)
            return usable.Failure!;
        if (usable.Value.NormalizedEmail != users.NormalizeEmail(email))
            return StoreFailure.Forbidden("the invitation is for another e-mail address");
        return usable.Value;
    }

    // The invitation with this token when it can still be used, or why not (in the words sign-up uses); tracked when
    // sign-up is about to mark it accepted, read-only when it is only described.
    private async Task<StoreResult<InvitationRow>> UsableInvitationAsync(string token, bool tracked, CancellationToken ct)
    {
        var hash = SecretTokens.Hash(token.Trim());
        var invitations = tracked ? db.Invitations : db.Invitations.AsNoTracking();
        var invitation = await invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null)
            return StoreFailure.Forbidden("the invitation is not valid");
        if (invitation.AcceptedAt is not null)
            return StoreFailure.Forbidden("the invitation has been used already");
        if (invitation.ExpiresAt <= Now)
            return StoreFailure.Forbidden("the invitation has expired; ask for a new one");
        return invitation;
    }

    private static string ErrorPath(string code) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? "password"
        : code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) ? "email"
        : "account";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
