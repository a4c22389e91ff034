using Microsoft.AspNetCore.Components;
using SgDesigner.Data.Accounts;
using SgDesigner.Data.Rows;

namespace SgDesigner.Web.Features.Review;

/// <summary>
/// A check box per member of the policy who may review (the reviewer and owner roles), the author left out: who the
/// author asks to review a change request.
/// </summary>
public partial class ReviewerPicker
{
    [Inject]
    private MembershipStore Members { get; set; } = default!;

    /// <summary>The policy whose members are offered.</summary>
    [Parameter, EditorRequired]
    public Guid PolicyId { get; set; }

    /// <summary>The request's author, who cannot review it (left out of the list).</summary>
    [Parameter]
    public Guid? AuthorUserId { get; set; }

    /// <summary>The user ids ticked.</summary>
    [Parameter]
    public IReadOnlyCollection<Guid> Selected { get; set; } = [];

    /// <summary>Called with the new set when a box is ticked or cleared.</summary>
    [Parameter]
    public EventCallback<IReadOnlyCollection<Guid>> SelectedChanged { get; set; }

    private IReadOnlyList<PolicyMember>? Candidates { get; set; }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (Candidates is not null)
            return;
        var members = await Members.ListAsync(PolicyId);
        Candidates = members.IsOk
            ? [.. members.Value.Where(m => m.Role is PolicyRole.Reviewer or PolicyRole.Owner && m.UserId != AuthorUserId)
                .OrderBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase)]
            : [];
    }

    private Task ToggleAsync(Guid userId, bool on)
    {
        var next = Selected.Where(id => id != userId).ToList();
        if (on)
            next.Add(userId);
        Selected = next;
        return SelectedChanged.InvokeAsync(next);
    }
}
