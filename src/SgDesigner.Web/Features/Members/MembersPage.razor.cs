using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Members;

/// <summary>
/// A policy's members: everyone who may view the policy sees the list; owners and administrators change roles,
/// remove members (the store keeps the last owner) and add people by e-mail, which invites those without an account.
/// </summary>
public partial class MembersPage
{
    internal static readonly IReadOnlyList<PolicyRole> Roles = Enum.GetValues<PolicyRole>();

    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private PolicyAccess Access { get; set; } = default!;

    [Inject]
    private PolicyStore Policies { get; set; } = default!;

    [Inject]
    private MembershipStore Memberships { get; set; } = default!;

    [Inject]
    private MemberAdmin Admin { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The policy, from the route.</summary>
    [Parameter]
    public Guid PolicyId { get; set; }

    private Caller? Me { get; set; }

    private PolicySummary? Summary { get; set; }

    private IReadOnlyList<PolicyMember>? Members { get; set; }

    private bool CanManage { get; set; }

    private bool Busy { get; set; }

    private string? Problem { get; set; }

    private string? ActionProblem { get; set; }

    private string? InviteEmail { get; set; }

    private PolicyRole InviteRole { get; set; } = PolicyRole.Viewer;

    private InvitationLink? Link { get; set; }

    private List<BreadcrumbItem> Breadcrumbs =>
        [new("Policies", "/"), new(Summary?.Name ?? "", $"/policies/{PolicyId}"), new("Members", null, disabled: true)];

    /// <summary>A role as the page writes it.</summary>
    internal static string RoleName(PolicyRole role) => role.ToString().ToLowerInvariant();

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        Me = await Circuit.RequireAsync();
        var summary = await Me.ViewPolicyAsync(Access, Policies, PolicyId);
        if (!summary.IsOk)
        {
            Problem = summary.Failure!.Message;
            return;
        }
        Summary = summary.Value;
        CanManage = await Me.MayAsync(Access, PolicyAction.ManageMembers, PolicyId);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var members = await Memberships.ListAsync(PolicyId);
        if (members.IsOk)
            Members = members.Value;
        else
            Problem = members.Failure!.Message;
    }

    private async Task ChangeRoleAsync(PolicyMember member, PolicyRole role) =>
        await RunAsync(async () => await Admin.ChangeRoleAsync(Me!, PolicyId, member.UserId, role) is { IsOk: false } failed
            ? failed.Failure!.Message
            : Done($"{member.DisplayName} is now {RoleName(role)}."));

    private async Task RemoveAsync(PolicyMember member)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Remove member", $"Remove {member.DisplayName} ({RoleName(member.Role)}) from “{Summary!.Name}”?",
            yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true)
            return;
        await RunAsync(async () => await Admin.RemoveAsync(Me!, PolicyId, member.UserId) is { IsOk: false } failed
            ? failed.Failure!.Message
            : Done($"Removed {member.DisplayName}."));
    }

    private async Task AddAsync()
    {
        Link = null;
        await RunAsync(async () =>
        {
            var added = await Admin.AddAsync(Me!, PolicyId, null, InviteEmail, InviteRole);
            if (!added.IsOk)
                return added.Failure!.Message;
            InviteEmail = null;
            if (added.Value.Invitation is { } invitation)
            {
                Link = invitation;
                return null;
            }
            return Done($"Added {added.Value.Member!.DisplayName} as {RoleName(added.Value.Member.Role)}.");
        });
    }

    // Runs a change; it returns the store's refusal, shown on the page, or null. The list is read afresh either way.
    private async Task RunAsync(Func<Task<string?>> change)
    {
        Busy = true;
        ActionProblem = await change();
        await LoadAsync();
        Busy = false;
    }

    private string? Done(string message)
    {
        Snackbar.Add(message, Severity.Success);
        return null;
    }
}
