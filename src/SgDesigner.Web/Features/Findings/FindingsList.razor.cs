using Microsoft.AspNetCore.Components;
using MudBlazor;
using SgDesigner.Core.Lint;
using SgDesigner.Web.Features.Designer;
using Severity = SgDesigner.Core.Lint.Severity;

namespace SgDesigner.Web.Features.Findings;

/// <summary>
/// The linter's findings for the draft, most severe first, refreshed after every edit; each opens its rule.
/// A large estate has hundreds: they are filtered by severity and text and shown a page at a time.
/// </summary>
public sealed partial class FindingsList : IDisposable
{
    private const int Page = 50;
    private const int SearchFrom = 10;

    [Inject]
    private DesignSession Session { get; set; } = default!;

    /// <summary>Called with the finding's group and rule when the user asks to see them.</summary>
    [Parameter]
    public EventCallback<RuleLink> OpenRule { get; set; }

    private IReadOnlyCollection<Severity> Shown { get; set; } = Enum.GetValues<Severity>();

    private string? Search { get; set; }

    private int Limit { get; set; } = Page;

    private IEnumerable<(Severity Severity, int Count)> Counts =>
        Session.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => (g.Key, g.Count()));

    private IEnumerable<Finding> Visible => Session.Findings
        .Where(f => Shown.Contains(f.Severity))
        .Where(f => string.IsNullOrWhiteSpace(Search) || f.Message.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)
            || f.Id.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)
            || f.Checkov.Any(c => c.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)))
        .OrderByDescending(f => f.Severity).ThenBy(f => f.Id, StringComparer.Ordinal);

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    private void ShowSeverities(IReadOnlyCollection<Severity>? severities)
    {
        Shown = severities ?? [];
        Limit = Page;
    }

    private static MudBlazor.Severity SeverityOf(Finding finding) => finding.Severity switch
    {
        Severity.Error => MudBlazor.Severity.Error,
        Severity.Warning => MudBlazor.Severity.Warning,
        _ => MudBlazor.Severity.Info,
    };

    private static Color ColorOf(Severity severity) => severity switch
    {
        Severity.Error => Color.Error,
        Severity.Warning => Color.Warning,
        _ => Color.Info,
    };

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
