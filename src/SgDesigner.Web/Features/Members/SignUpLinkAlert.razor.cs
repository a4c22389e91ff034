using Microsoft.AspNetCore.Components;

namespace SgDesigner.Web.Features.Members;

/// <summary>An invitation's sign-up link, shown once with a copy button.</summary>
public partial class SignUpLinkAlert
{
    /// <summary>The invitation just created; required.</summary>
    [Parameter, EditorRequired]
    public InvitationLink Link { get; set; } = default!;
}
