using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>One end of a connection: an ENI of the estate, or an address outside it.</summary>
public abstract record Endpoint
{
    private protected Endpoint()
    {
    }

    /// <summary>The address the connection uses at this end.</summary>
    public abstract IpAddress Ip { get; }
}

/// <summary>An ENI of the estate, reached on (or sending from) <paramref name="Ip"/>.</summary>
/// <param name="EniId">The ENI's id.</param>
/// <param name="Ip">One of its private IPs (the primary by default). A group reference matches only private IPs.</param>
public sealed record EniEndpoint(string EniId, IpAddress Ip) : Endpoint
{
    /// <inheritdoc />
    public override IpAddress Ip { get; } = Ip;

    /// <inheritdoc />
    public override string ToString() => $"{EniId} ({Ip})";
}

/// <summary>An address outside the estate: only the estate side's rules apply to a connection with it.</summary>
/// <param name="Ip">The address.</param>
public sealed record ExternalEndpointIp(IpAddress Ip) : Endpoint
{
    /// <inheritdoc />
    public override IpAddress Ip { get; } = Ip;

    /// <inheritdoc />
    public override string ToString() => Ip.ToString();
}
