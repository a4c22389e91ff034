namespace SgDesigner.Web.Features.Review;

/// <summary>What happened to a change request (or to the draft it proposes).</summary>
public enum ReviewEventKind
{
    /// <summary>A request was opened for a draft.</summary>
    Opened,
    /// <summary>Someone commented.</summary>
    CommentAdded,
    /// <summary>A reviewer approved or asked for changes.</summary>
    ReviewAdded,
    /// <summary>The draft behind a request was edited (which may dismiss approvals).</summary>
    DraftEdited,
    /// <summary>The request was merged, closed or rebased.</summary>
    StatusChanged,
    /// <summary>An owner dismissed someone's review.</summary>
    ReviewDismissed,
    /// <summary>The policy's name, settings (the approvals a request needs) or members changed: what every request shows.</summary>
    PolicyChanged,
    /// <summary>The author or an owner changed who is asked to review the request.</summary>
    ReviewersChanged,
}

/// <summary>One notification: what happened and to what; a listener keeps the ones about what it shows.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="PolicyId">The policy, when known (a draft edit from the designer knows it).</param>
/// <param name="RequestId">The request, when known (a draft edit does not know whether it has one).</param>
/// <param name="DraftId">The draft, when known.</param>
public sealed record ReviewEvent(ReviewEventKind Kind, Guid? PolicyId, Guid? RequestId, Guid? DraftId)
{
    /// <summary>
    /// True when the event concerns the request <paramref name="requestId"/> of draft <paramref name="draftId"/> on
    /// <paramref name="policyId"/>: about that request or draft, or about the whole policy.
    /// </summary>
    public bool Concerns(Guid policyId, Guid requestId, Guid draftId) =>
        RequestId == requestId || DraftId == draftId || (Kind == ReviewEventKind.PolicyChanged && PolicyId == policyId);
}

/// <summary>
/// Live updates between circuits: a reviewer's open request page re-loads when another user comments, reviews,
/// edits the draft or merges. One instance per app (singleton); handlers run on the raiser's thread, so a component
/// must marshal with <c>InvokeAsync</c> and unsubscribe when disposed. With more than one app node on PostgreSQL,
/// <see cref="ReviewEventRelay"/> carries what is raised here to the other nodes and delivers theirs here.
/// </summary>
public sealed class ReviewEvents
{
    /// <summary>Raised after every stored change to a request or to a draft, on this node or (relayed) another.</summary>
    public event Action<ReviewEvent>? Raised;

    /// <summary>Raised for the changes made on this node only: what the relay sends to the others.</summary>
    public event Action<ReviewEvent>? RaisedHere;

    /// <summary>Tells every listener on this node and the relay; a failing listener does not stop the others or the caller's own work.</summary>
    public void Raise(ReviewEvent change)
    {
        Deliver(change);
        RaisedHere?.Invoke(change);
    }

    /// <summary>Tells this node's listeners only: a change another node made, received through the relay.</summary>
    public void Deliver(ReviewEvent change)
    {
        foreach (var handler in Raised?.GetInvocationList().Cast<Action<ReviewEvent>>() ?? [])
        {
            try
            {
                handler(change);
            }
            catch (ObjectDisposedException)
            {
                // A circuit that went away between its last render and its Dispose: nothing to update.
            }
        }
    }

    /// <summary>A request changed: <paramref name="kind"/> names how; its policy and draft when the caller knows them.</summary>
    public void RequestChanged(ReviewEventKind kind, Guid requestId, Guid? policyId = null, Guid? draftId = null) =>
        Raise(new ReviewEvent(kind, policyId, requestId, draftId));

    /// <summary>The policy's name, settings or members changed (open request pages re-check what the caller may do).</summary>
    public void PolicyChanged(Guid policyId) => Raise(new ReviewEvent(ReviewEventKind.PolicyChanged, policyId, null, null));

    /// <summary>A draft's content was stored at a new version (by the designer or the API).</summary>
    public void DraftEdited(Guid policyId, Guid draftId) => Raise(new ReviewEvent(ReviewEventKind.DraftEdited, policyId, null, draftId));
}
