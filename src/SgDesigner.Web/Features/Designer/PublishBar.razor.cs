using Microsoft.AspNetCore.Components;

namespace SgDesigner.Web.Features.Designer;

/// <summary>Publishes the draft as the policy's next revision, with a message saying what changed.</summary>
public partial class PublishBar
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    private string? Message { get; set; }

    private string? Error { get; set; }

    private async Task PublishAsync()
    {
        var result = await Session.PublishAsync(Message ?? "");
        Error = result.IsOk ? null : result.Failure!.Message;
    }
}
