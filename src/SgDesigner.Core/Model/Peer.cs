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
/// <param name="GroupId">
/// The referenced group's id; a group that does not exist makes the rule stale. A group of another account is
/// written as AWS and Terraform write it, <c>111122223333/sg-…</c> (see <see cref="AccountId"/>); it is never in
/// the estate, so it matches none of the estate's ENIs.
/// </param>
public sealed record GroupPeer(string GroupId) : Peer
{
    /// <summary>A reference to group <paramref name="groupId"/> owned by account <paramref name="accountId"/>.</summary>
    public static GroupPeer InAccount(string accountId, string groupId) => new($"{accountId}/{groupId}");

    /// <summary>The owner account of a group in another account (the part before <c>/</c>), or null.</summary>
    public string? AccountId => GroupId.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? GroupId[..slash] : null;

    /// <summary>The group id without its owner account.</summary>
    public string LocalGroupId => GroupId[(GroupId.IndexOf('/', StringComparison.Ordinal) + 1)..];

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
