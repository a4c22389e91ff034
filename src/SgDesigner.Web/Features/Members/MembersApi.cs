using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Web.Features.Accounts;
using SgDesigner.Web.Features.Shared;
using SgDesigner.Web.Features.Tokens;
using SgDesigner.Web.Features.Idempotency;

namespace SgDesigner.Web.Features.Members;

/// <summary>
/// <c>/api/policies/{policyId}/members</c>: who may do what on a policy; <c>/api/invitations</c> and
/// <c>/api/users</c>: the application's accounts, for administrators.
/// </summary>
public static class MembersApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/policies/{policyId:guid}/members").WithTags("Members").ProducesStoreProblems();
        members.MapGet("/", ListMembers).WithName("ListMembers").WithSummary("The policy's members with their roles, owners first; the ETag covers who holds which role")
            .Paged("by role (owners, reviewers, editors, viewers), then by name ignoring case, then by user id")
            .RequirePolicyAccess(PolicyAction.View).ConditionalGet();
        members.MapPost("/", AddMember).WithName("AddMember")
            .WithSummary("Add a user by id or e-mail; an unknown e-mail gets an invitation whose sign-up link is returned once")
            .Produces<MemberAddition>(StatusCodes.Status201Created).Produces<MemberAddition>(StatusCodes.Status202Accepted)
            .RequirePolicyAccess(PolicyAction.ManageMembers).WithIdempotency();
        members.MapPut("/{userId:guid}", ChangeRole).WithName("ChangeMemberRole").WithSummary("Change a member's role")
            .RequirePolicyAccess(PolicyAction.ManageMembers).RequiresIfMatch($"the ETag of {Source}");
        members.MapDelete("/{userId:guid}", RemoveMember).WithName("RemoveMember").WithSummary("Remove a member (never the last owner)")
            .RequirePolicyAccess(PolicyAction.ManageMembers);

        var accounts = app.MapGroup("/api").WithTags("Users").ProducesStoreProblems();
        accounts.MapPost("/invitations", InviteToApplication).WithName("InviteToApplication")
            .WithSummary("Invite someone to the application (administrators); the sign-up link is returned once").RequireSignedIn()
            .WithIdempotency();
        accounts.MapGet("/users", ListUsers).WithName("ListUsers").WithSummary("Every user (administrators)")
            .Paged("by name ignoring case, then by id").RequireSignedIn();
        accounts.MapPost("/users/{userId:guid}/disable", DisableUser)
            .WithName("DisableUser").WithSummary("Disable an account (administrators): it cannot sign in, its sessions end, its tokens are revoked")
            .RequireSignedIn();
        accounts.MapPost("/users/{userId:guid}/enable", EnableUser)
            .WithName("EnableUser").WithSummary("Enable a disabled account again (administrators)").RequireSignedIn();
        return app;
    }

    private const string Source = "GET /api/policies/{policyId}/members";

    // The ETag covers the whole membership (what a role change is checked against), whichever page is read.
    private static async Task<Results<Ok<Page<PolicyMember>>, ProblemHttpResult, ValidationProblem>> ListMembers(
        Guid policyId, string? limit, string? cursor, HttpContext http, MembershipStore store, CancellationToken ct)
    {
        var list = new PagedList("members", policyId.ToString());
        var (page, invalid) = list.Read(limit, cursor);
        if (invalid is not null)
            return invalid;
        var all = await store.ListAsync(policyId, ct);
        if (!all.IsOk)
            return all.ToHttp(_ => TypedResults.Ok(new Page<PolicyMember>([], null)));
        Preconditions.Send(http.Response, MembersTag(all.Value));
        return (await store.ListAsync(policyId, page!, ct)).ToHttp(p => list.Ok(http, p));
    }

    private static string MembersTag(IEnumerable<PolicyMember> members) => MembershipStore.MembersTag(members.Select(m => (m.UserId, m.Role)));

    // Two successes with different statuses: 201 with the member, 202 with the invitation (declared at the mapping).
    private static async Task<IResult> AddMember(
        Guid policyId, MemberRequest request, Caller caller, MemberAdmin admin, CancellationToken ct)
    {
        var result = await admin.AddAsync(caller, policyId, request.UserId, request.Email, request.Role, ct);
        if (!result.IsOk)
            return result.ToHttp(TypedResults.Ok);
        return result.Value.Member is { } member
            ? TypedResults.Created($"/api/policies/{policyId}/members/{member.UserId}", result.Value)
            : TypedResults.Accepted((string?)null, result.Value);
    }

    private static async Task<Results<Ok<PolicyMember>, ProblemHttpResult, ValidationProblem>> ChangeRole(
        Guid policyId, Guid userId, RoleRequest request, Caller caller, HttpContext http, MemberAdmin admin, MembershipStore store, CancellationToken ct)
    {
        var errors = new RequestErrors();
        if (request.Role is null)
            errors.Add("role", "a role is needed: viewer, editor, reviewer or owner");
        var expected = Preconditions.ReadTag(http.Request, request.Version, errors, Source);
        if (errors.Any)
            return ApiResults.Invalid(errors);
        if (expected is null)
            return Preconditions.Required($"the ETag of {Source}");
        var changed = await admin.ChangeRoleAsync(caller, policyId, userId, request.Role!.Value, expected, ct);
        if (changed.IsOk && (await store.ListAsync(policyId, ct)) is { IsOk: true } members)
            Preconditions.Send(http.Response, MembersTag(members.Value));
        return changed.ToHttp(TypedResults.Ok);
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> RemoveMember(
        Guid policyId, Guid userId, Caller caller, MemberAdmin admin, CancellationToken ct) =>
        (await admin.RemoveAsync(caller, policyId, userId, ct)).ToHttp(_ => TypedResults.NoContent());

    private static async Task<Results<Created<InvitationLink>, ProblemHttpResult, ValidationProblem>> InviteToApplication(
        InvitationRequest request, Caller caller, MemberAdmin admin, CancellationToken ct) =>
        (await admin.InviteAsync(caller, request.Email ?? "", ct)).ToHttp(link => TypedResults.Created((string?)null, link));

    private static Task<Results<Ok<UserListing>, ProblemHttpResult, ValidationProblem>> DisableUser(
        Guid userId, Caller caller, MemberAdmin admin, IDbContextFactory<SgDbContext> contexts, TimeProvider clock, CancellationToken ct) =>
        SetDisabled(userId, true, caller, admin, contexts, clock, ct);

    private static Task<Results<Ok<UserListing>, ProblemHttpResult, ValidationProblem>> EnableUser(
        Guid userId, Caller caller, MemberAdmin admin, IDbContextFactory<SgDbContext> contexts, TimeProvider clock, CancellationToken ct) =>
        SetDisabled(userId, false, caller, admin, contexts, clock, ct);

    private static async Task<Results<Ok<UserListing>, ProblemHttpResult, ValidationProblem>> SetDisabled(
        Guid userId, bool disabled, Caller caller, MemberAdmin admin, IDbContextFactory<SgDbContext> contexts, TimeProvider clock, CancellationToken ct)
    {
        var changed = await admin.SetDisabledAsync(caller, userId, disabled, ct);
        if (!changed.IsOk)
            return changed.ToHttp(_ => TypedResults.Ok<UserListing>(null!));
        var listing = (await UserDirectory.ListAsync(contexts, clock, ct)).Single(u => u.Id == userId);
        return TypedResults.Ok(listing);
    }

    private static async Task<Results<Ok<Page<UserListing>>, ProblemHttpResult, ValidationProblem>> ListUsers(
        string? limit, string? cursor, Caller caller, HttpContext http, IDbContextFactory<SgDbContext> contexts, TimeProvider clock, CancellationToken ct)
    {
        if (CallerLimits.AdministratorsOnly(caller, "listing users", writes: false) is { } refused)
            return refused;
        var list = new PagedList("users");
        var (page, invalid) = list.Read(limit, cursor);
        if (invalid is not null)
            return invalid;
        return list.Ok(http, await UserDirectory.ListAsync(contexts, clock, page!, ct));
    }
}

/// <summary>Whom to add to a policy and as what.</summary>
/// <param name="UserId">An existing user, by id.</param>
/// <param name="Email">Or by e-mail; an unknown one is invited.</param>
/// <param name="Role">viewer, editor, reviewer or owner.</param>
public sealed record MemberRequest(Guid? UserId, string? Email, PolicyRole? Role);

/// <summary>A member's new role.</summary>
/// <param name="Role">viewer, editor, reviewer or owner.</param>
/// <param name="Version">The member list's ETag (from GET /api/policies/{policyId}/members) this change is based on; or send it as If-Match.</param>
public sealed record RoleRequest(PolicyRole? Role, string? Version = null);

/// <summary>Whom to invite to the application.</summary>
/// <param name="Email">Their e-mail, the sign-in name they will use.</param>
public sealed record InvitationRequest(string? Email);
