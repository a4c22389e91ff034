namespace SgDesigner.Data.Rows;

/// <summary>
/// Where a user dragged one node of a policy's chaining graph (a group, or an outside peer such as <c>cidr:…</c>). It
/// belongs to the policy, not to a revision: moving a node changes no rule, so it makes no revision and needs no review.
/// Nodes without a row get the automatic layout.
/// </summary>
public sealed class GraphNodePositionRow
{
    public Guid PolicyId { get; set; }
    /// <summary>The node's id as the graph names it: a group id, <c>cidr:…</c> or <c>pl:…</c>.</summary>
    public required string NodeId { get; set; }
    /// <summary>Left edge, in diagram units (CSS pixels at zoom 1).</summary>
    public double X { get; set; }
    /// <summary>Top edge, in diagram units.</summary>
    public double Y { get; set; }
    /// <summary>Who placed it last; null once that user is deleted.</summary>
    public Guid? UpdatedByUserId { get; set; }
    public DateTime UpdatedAt { get; set; }
}
