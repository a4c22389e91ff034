using Microsoft.AspNetCore.Components;
using System.Collections.Immutable;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Shared;

namespace SgDesigner.Web.Features.Preview;

/// <summary>
/// "Can A open a connection to B?" over the draft as it is now: the verdict with the rules that decide it, or
/// the denying side and the nearest miss. Recomputed whenever the draft changes.
/// </summary>
public sealed partial class PreviewPanel : IDisposable
{
    [Inject]
    private DesignSession Session { get; set; } = default!;

    /// <summary>Told the new explanation (or null) whenever the verdict is recomputed.</summary>
    [Parameter]
    public EventCallback<Explanation?> ResultChanged { get; set; }

    /// <summary>Called with a deciding rule or a near miss when the user clicks it, to open its row.</summary>
    [Parameter]
    public EventCallback<RuleLink> OpenRule { get; set; }

    private PreviewQuery Query { get; set; } = new();

    private Explanation? Result { get; set; }

    private string? Error { get; set; }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        Session.Changed += OnChanged;
        Recompute();
    }

    private Task<IEnumerable<string>> SearchAsync(string text, CancellationToken ct) =>
        Task.FromResult(PreviewQuery.Choices(Session.Estate, text));

    /// <summary>Asks about <paramref name="query"/> as if the user had typed it (a matrix cell, a graph edge).</summary>
    public Task AskAsync(PreviewQuery query)
    {
        Query = query;
        return InvokeAsync(async () =>
        {
            await RecomputeAndTellAsync();
            StateHasChanged();
        });
    }

    private Task SetAsync(Action set)
    {
        set();
        return RecomputeAndTellAsync();
    }

    // The session tells of every change, also of an edit stored after it was shown: the content is then the one the
    // verdict was computed on, and recomputing it (and re-rendering the page that listens) would only delay the next edit.
    private void OnChanged() => _ = InvokeAsync(async () =>
    {
        if (ReferenceEquals(_computedFor, Session.Estate))
            return;
        await RecomputeAndTellAsync();
        StateHasChanged();
    });

    // The content the shown verdict was computed on.
    private Estate? _computedFor;

    private Task RecomputeAndTellAsync()
    {
        Recompute();
        return ResultChanged.InvokeAsync(Result);
    }

    private void Recompute()
    {
        _computedFor = Session.Estate;
        Result = null;
        Parts = [];
        if (string.IsNullOrWhiteSpace(Query.Source) || string.IsNullOrWhiteSpace(Query.Destination))
        {
            Error = "Choose a source and a destination.";
            return;
        }
        var question = Query.Resolve(Session.Estate, out var error);
        Error = error;
        if (question is { } q)
        {
            Names = IdNames.Of(Session.Estate);
            if (Query.AskedRange() is { } asked)
            {
                // The whole range: one part per verdict; the explanation below is the first part's.
                Parts = RangeVerdicts.Split(Session.Engine, asked.Range, asked.IsSource ? q.To : q.From, q.Traffic, asked.IsSource);
                Range = asked.Range;
                Result = Parts[0].Explanation;
                return;
            }
            Result = Session.Engine.Explain(q.From, q.To, q.Traffic);
        }
    }

    // The parts of an asked range with their verdicts; more than one when the verdict differs inside the range.
    private ImmutableArray<RangePart> Parts { get; set; } = [];

    private Cidr Range { get; set; }

    private bool Split => Parts.Length > 1;

    // "allowed by demo-web inbound tcp 443 from 10.0.0.0/24" or "denied", for one part of a split range.
    private static string VerdictOf(RangePart part) => part.Explanation.Verdict is { Allowed: true } v
        ? "allowed by " + string.Join(" and ", v.Egress.Concat(v.Ingress).Select(r => r.ToString()))
        : "denied";

    // Names of the groups, instances and prefix lists the texts mention, as of the draft the verdict was computed on.
    private IdNames Names { get; set; } = IdNames.None;

    private static string LegName(ConversationLeg leg) => leg == ConversationLeg.Request ? "request" : "reply";

    // "Reply: acl-1 (subnet-b) outbound rule #200 denies: dropped here".
    private static string CrossingText(AclDecision crossing, bool dropped) =>
        $"{(crossing.Leg == ConversationLeg.Request ? "Request" : "Reply")}: network ACL {crossing}{(dropped ? ": dropped here" : "")}";

    /// <inheritdoc />
    public void Dispose() => Session.Changed -= OnChanged;
}
