using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// Answers "can A open a connection to B with this traffic?" over one estate snapshot, and computes the
/// all-pairs matrix per equivalence class. Immutable; <see cref="Update"/> makes the engine of a new
/// snapshot, reusing what did not change.
/// </summary>
public sealed class ReachabilityEngine
{
    private readonly EstateIndex _index;
    // The matrix of an earlier snapshot to update from (not the earlier engine: no chain of engines is kept).
    private ReachabilityMatrix? _baseMatrix;
    private readonly Lock _matrixLock = new();
    private ReachabilityMatrix? _matrix;
    private readonly NetworkAclLayer? _acls;

    private ReachabilityEngine(EstateIndex index, ReachabilityMatrix? baseMatrix, NetworkAclLayer? acls)
    {
        _index = index;
        _baseMatrix = baseMatrix;
        _acls = acls;
    }

    /// <summary>Indexes <paramref name="estate"/>.</summary>
    public static ReachabilityEngine Build(Estate estate)
    {
        ArgumentNullException.ThrowIfNull(estate);
        return new ReachabilityEngine(new EstateIndex(estate), null, NetworkAclLayer.Of(estate));
    }

    /// <summary>The snapshot this engine answers for.</summary>
    public Estate Estate => _index.Estate;

    internal EstateIndex Index => _index;

    /// <summary>
    /// The engine of <paramref name="next"/>, which usually differs from <see cref="Estate"/> by one edit.
    /// Groups and ENIs are compared by reference: compiled groups and ENI entries that did not change are
    /// reused. When only groups' rules changed, the matrix (when asked for) recompiles only the behaviours
    /// carrying an edited group and re-files only the ENIs inside blocks that started or stopped splitting
    /// classes; other edits (ENIs, prefix lists, VPC connections, groups added or removed) rebuild it.
    /// </summary>
    public ReachabilityEngine Update(Estate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (ReferenceEquals(next, Estate))
            return this;
        ReachabilityMatrix? basis;
        lock (_matrixLock)
        {
            basis = _matrix ?? _baseMatrix;
        }
        // The ACL layer is made of the ACLs, the subnets and the instances' client ports: an edit of groups or rules
        // keeps it (and what it worked out), instead of compiling every ACL again.
        var sameAcls = next.NetworkAcls == Estate.NetworkAcls && next.Subnets == Estate.Subnets && next.Instances == Estate.Instances;
        return new ReachabilityEngine(new EstateIndex(next, _index), basis, sameAcls ? _acls : NetworkAclLayer.Of(next));
    }

    /// <summary>
    /// The verdict for one connection, with the rules that decide it (no explanation strings): both layers, the
    /// security groups and the network ACLs on the path (semantics.md, "Network ACLs").
    /// </summary>
    public Verdict Query(Endpoint from, Endpoint to, Traffic traffic)
    {
        var a = PartyOf(from);
        var b = PartyOf(to);
        var blocked = Precondition(a, b);
        if (blocked is not null)
            return new Verdict(false, [], [], blocked, false);
        return Verdict(a, b, traffic, _acls?.Evaluate(a, b, traffic));
    }

    // Both layers' verdict, made once (not the groups' verdict and then a copy with the ACL's).
    private Verdict Verdict(Party a, Party b, Traffic traffic, AclVerdict? acl)
    {
        var aclAllows = acl is null || acl.Outcome == AclOutcome.Allowed;
        var egress = a.Eni is null ? [] : Matching(a, b, traffic, outbound: true);
        var ingress = b.Eni is null ? [] : Matching(b, a, traffic, outbound: false);
        var egressOk = a.Eni is null || egress.Length > 0;
        var ingressOk = b.Eni is null || ingress.Length > 0;
        if (egressOk && ingressOk)
        {
            var untracked = (a.Eni is null || RuleMatcher.IsUntrackedOn(a, egress, selfIsSource: true, traffic))
                && (b.Eni is null || RuleMatcher.IsUntrackedOn(b, ingress, selfIsSource: false, traffic));
            return new Verdict(aclAllows, [.. egress], [.. ingress], aclAllows ? null : DeniedSide.NetworkAcl, untracked && aclAllows) { NetworkAcl = acl };
        }
        var side = !egressOk && !ingressOk ? DeniedSide.Both : egressOk ? DeniedSide.DestinationIngress : DeniedSide.SourceEgress;
        return new Verdict(false, [.. egress], [.. ingress], side, false) { NetworkAcl = acl };
    }

    /// <summary>The verdict with reasons: which rules allow, or which side denies and the nearest miss.</summary>
    public Explanation Explain(Endpoint from, Endpoint to, Traffic traffic) =>
        Explainer.Explain(_index, PartyOf(from), PartyOf(to), traffic, Query(from, to, traffic));

    /// <summary>
    /// All-pairs reachability between ENIs, computed per equivalence class (cached), with both layers: a cell is what
    /// the security groups allow and the network ACLs on the path let through, request and replies
    /// (<see cref="AclMatrixLayer"/>), so that it agrees with <see cref="Query"/>.
    /// </summary>
    public ReachabilityMatrix Matrix()
    {
        lock (_matrixLock)
        {
            if (_matrix is null)
            {
                _matrix = MatrixBuilder.Build(_index, _baseMatrix);
                _baseMatrix = null; // no longer needed: let the earlier snapshot go
            }
            return _matrix;
        }
    }

    internal DeniedSide? Precondition(Party a, Party b)
    {
        if (a.Eni is null && b.Eni is null)
            return DeniedSide.NoEstateEndpoint;
        if (a.Ip.Family != b.Ip.Family)
            return DeniedSide.AddressFamilies;
        if (a.Eni is not null && b.Eni is not null && _index.Link(a.Eni.Eni.VpcId, b.Eni.Eni.VpcId) == VpcLink.None)
            return DeniedSide.VpcsNotConnected;
        return null;
    }

    private RuleRef[] Matching(Party self, Party other, Traffic traffic, bool outbound)
    {
        List<RuleRef>? found = null;
        foreach (var g in self.Eni!.Groups)
        {
            foreach (var r in outbound ? g.Outbound : g.Inbound)
            {
                if (RuleMatcher.Matches(_index, r.Rule, traffic, self, other))
                    (found ??= []).Add(r);
            }
        }
        return found is null ? [] : [.. found];
    }

    internal Party PartyOf(Endpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint switch
        {
            EniEndpoint e => _index.Enis.TryGetValue(e.EniId, out var eni)
                ? new Party(eni, e.Ip)
                : throw new ArgumentException($"network interface {e.EniId} is not in the estate", nameof(endpoint)),
            _ => new Party(null, endpoint.Ip),
        };
    }
}
