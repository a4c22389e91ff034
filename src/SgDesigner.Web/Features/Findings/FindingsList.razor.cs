using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Lint;
using SgDesigner.Web.Features.Designer;

namespace SgDesigner.Web.Features.Findings;

/// <summary>The linter's findings for the draft, most severe first, refreshed after every edit.</summary>
public sealed partial class FindingsList : IDisposable
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    private IEnumerable<Finding> Ordered => Session.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Id, StringComparer.Ordinal);

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    private static MudBlazor.Severity SeverityOf(Finding finding) => finding.Severity switch
    {
        Severity.Error => MudBlazor.Severity.Error,
        Severity.Warning => MudBlazor.Severity.Warning,
        _ => MudBlazor.Severity.Info,
    };

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
