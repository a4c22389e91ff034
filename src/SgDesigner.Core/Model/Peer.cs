namespace SgDesigner.Core.Model;

/// <summary>The other side a rule names: exactly one CIDR, security group or prefix list.</summary>
public abstract record Peer
{
    private protected Peer()
    {
    }
}

/// <summary>An IPv4 or IPv6 CIDR block.</summary>
/// <param name="Block">The block; rules match only traffic of its family.</param>
public sealed record CidrPeer(Cidr Block) : Peer
{
    /// <inheritdoc />
    public override string ToString() => Block.ToString();
}

/// <summary>A referenced security group (chaining): matches the private IPs of ENIs carrying it.</summary>
/// <param name="GroupId">The referenced group's id; a group that does not exist makes the rule stale.</param>
public sealed record GroupPeer(string GroupId) : Peer
{
    /// <inheritdoc />
    public override string ToString() => GroupId;
}

/// <summary>A managed prefix list: matches any address in one of its entries.</summary>
/// <param name="PrefixListId">The list's id (<c>pl-…</c>).</param>
public sealed record PrefixListPeer(string PrefixListId) : Peer
{
    /// <inheritdoc />
    public override string ToString() => PrefixListId;
}
