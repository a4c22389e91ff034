using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// The all-pairs matrix was asked of an estate whose network ACLs can deny traffic between its ENIs. The matrix's
/// equivalence classes do not separate ENIs by subnet yet, so it refuses rather than answer as if the ACLs allowed
/// everything; single connections (<see cref="ReachabilityEngine.Query"/>, <c>sgd reach</c>) do model them.
/// </summary>
public sealed class NetworkAclsNotInMatrixException : InvalidOperationException
{
    /// <summary>The refusal naming the first restrictive ACL and subnet.</summary>
    public NetworkAclsNotInMatrixException(string message)
        : base(message)
    {
    }

    /// <summary>The refusal with a generic message.</summary>
    public NetworkAclsNotInMatrixException()
    {
    }

    /// <summary>The refusal wrapping another exception.</summary>
    public NetworkAclsNotInMatrixException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static void ThrowIfRestrictive(NetworkAclLayer? acls, Estate estate)
    {
        if (acls is null)
            return;
        var families = estate.NetworkInterfaces.Where(n => n.PrimaryIp is not null).Select(n => n.PrimaryIp!.Value.Family).ToHashSet();
        var subnets = estate.NetworkInterfaces.Select(n => n.SubnetId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var restrictive = acls.Restrictive(subnets, families).OrderBy(r => r.SubnetId, StringComparer.Ordinal).ToList();
        if (restrictive.Count == 0)
            return;
        var (subnet, acl) = restrictive[0];
        var count = restrictive.Select(r => r.AclId).Distinct(StringComparer.Ordinal).Count();
        throw new NetworkAclsNotInMatrixException(
            $"the reachability matrix does not model network ACLs yet, and {count} ACL(s) of this policy can deny traffic " +
            $"(first: {acl} on {subnet}); ask about single connections with 'sgd reach', which does, or remove the ACLs from the policy");
    }
}
