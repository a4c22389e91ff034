using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Web.Features.Instances;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The draft's managed prefix lists, each editable in place (<see cref="PrefixListCard"/>), and a form to add one with
/// its name, address family and maximum entries. Every edit is stored at once.
/// </summary>
public sealed partial class PrefixListsView : IDisposable
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    private List<PrefixList> Lists => [.. Session.Estate.PrefixLists.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal)];

    private string? NewName { get; set; }

    private string? NewNameError { get; set; }

    private IpFamily NewFamily { get; set; } = IpFamily.V4;

    private string? NewMaxEntries { get; set; } = "10";

    private string? NewMaxError { get; set; }

    /// <inheritdoc />
    protected override void OnInitialized() => Session.Changed += OnChanged;

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    private async Task AddAsync()
    {
        var name = NewName?.Trim() ?? "";
        NewNameError = name.Length == 0 ? "a prefix list needs a name"
            : Session.Estate.PrefixLists.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) ? $"a prefix list named {name} exists already"
            : null;
        var max = ParseMaxEntries(NewMaxEntries);
        NewMaxError = max.Error;
        if (NewNameError is not null || !max.IsOk)
            return;
        var list = new PrefixList(Session.Ids.Next(AwsLimits.IdPrefix.PrefixList), name, NewFamily, [], max.Value);
        var failure = InstancesView.MessageOf(await Session.EditAsync(NetworkEdits.PutPrefixList(list), $"add prefix list {name}"));
        NewNameError = failure;
        if (failure is null)
            (NewName, NewMaxEntries) = (null, "10");
    }

    /// <summary>Parses a prefix list's maximum entries: a whole number from 1 to AWS's limit.</summary>
    public static ParseResult<int> ParseMaxEntries(string? text) =>
        int.TryParse(text?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var max)
            && max is >= 1 and <= AwsLimits.MaxPrefixListEntries
            ? ParseResult<int>.Ok(max)
            : ParseResult<int>.Fail($"max entries must be a whole number from 1 to {AwsLimits.MaxPrefixListEntries}, not '{text?.Trim()}'");

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
