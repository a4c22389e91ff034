using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using SgDesigner.Data;
using SgDesigner.Data.Accounts;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Features.Members;

/// <summary>For administrators: every account (with any lockout in force) and invitations to the application.</summary>
public partial class AdminUsersPage
{
    [Inject]
    private CircuitCaller Circuit { get; set; } = default!;

    [Inject]
    private IDbContextFactory<SgDbContext> Contexts { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private MemberAdmin Admin { get; set; } = default!;

    private Caller? Me { get; set; }

    private IReadOnlyList<UserListing>? Users { get; set; }

    private string? Problem { get; set; }

    private string? InviteEmail { get; set; }

    private InvitationLink? Link { get; set; }

    private string? InviteProblem { get; set; }

    private bool Busy { get; set; }

    private string? AccountProblem { get; set; }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        Me = await Circuit.RequireAsync();
        if (!Me.IsAdministrator)
        {
            Problem = "Only administrators see the users of the application.";
            return;
        }
        Users = await UserDirectory.ListAsync(Contexts, Clock);
    }

    private async Task InviteAsync()
    {
        Busy = true;
        (Link, InviteProblem) = (null, null);
        var invited = await Admin.InviteAsync(Me!, InviteEmail ?? "");
        if (invited.IsOk)
            (Link, InviteEmail) = (invited.Value, null);
        else
            InviteProblem = invited.Failure!.Message;
        Busy = false;
    }

    // Disabling ends the account's sessions and revokes its tokens (MemberAdmin.SetDisabledAsync).
    private async Task SetDisabledAsync(Guid userId, bool disabled)
    {
        Busy = true;
        AccountProblem = null;
        var changed = await Admin.SetDisabledAsync(Me!, userId, disabled);
        if (changed.IsOk)
            Users = await UserDirectory.ListAsync(Contexts, Clock);
        else
            AccountProblem = changed.Failure!.Message;
        Busy = false;
    }
}
