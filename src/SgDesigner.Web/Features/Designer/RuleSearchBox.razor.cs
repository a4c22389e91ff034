using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Search;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The designer's search over all rules of the draft (by port, address or CIDR, group, prefix list or description text; see
/// <see cref="RuleQuery"/>). The search runs when the text is committed (Enter or leaving the field) and again after every
/// edit of the draft; each result names its group, direction, traffic, peer and description, and why it matched, and opens
/// its rule when clicked.
/// </summary>
public sealed partial class RuleSearchBox : IDisposable
{
    // A page holds this many results; the count says how many matched.
    private const int MaxShown = 50;

    [Inject]
    private DesignSession Session { get; set; } = default!;

    /// <summary>Opens a rule: selects its group and highlights and scrolls to its row.</summary>
    [Parameter, EditorRequired]
    public EventCallback<RuleLink> OpenRule { get; set; }

    private string? Text { get; set; }

    private RuleQuery? Query { get; set; }

    private string? Warning { get; set; }

    private RuleSearchResults? Results { get; set; }

    private string? Problem { get; set; }

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    private void Search(string? text)
    {
        Text = text;
        if (string.IsNullOrWhiteSpace(text))
        {
            Clear();
            return;
        }
        var query = RuleQuery.Parse(text);
        Query = query.IsOk ? query.Value : null;
        Warning = query.Warning;
        Problem = query.Error;
        Run();
    }

    private void Clear() => (Text, Query, Warning, Results, Problem) = (null, null, null, null, null);

    private void Run() => Results = Query is null ? null : RuleSearchResults.Of(Session.Estate, Query, Warning);

    // An edit can add, remove or change what matches.
    private void OnChanged()
    {
        if (Query is null)
            return;
        _ = InvokeAsync(() =>
        {
            Run();
            StateHasChanged();
        });
    }

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
