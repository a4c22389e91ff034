namespace SgDesigner.Core.Model;

/// <summary>Whether a rule admits traffic into the ENI or lets it out.</summary>
public enum Direction
{
    /// <summary>Ingress: the peer is the source.</summary>
    Inbound,
    /// <summary>Egress: the peer is the destination.</summary>
    Outbound,
}

/// <summary>
/// One security-group rule with exactly one peer, as AWS's rule API and Terraform's
/// <c>aws_vpc_security_group_*_rule</c> model it.
/// </summary>
/// <param name="Id">Stable identity across revisions (<c>sgr-…</c>), so revisions diff rule by rule.</param>
/// <param name="Direction">Inbound or outbound.</param>
/// <param name="Protocol">The protocol; <c>-1</c> is all traffic.</param>
/// <param name="FromPort">tcp/udp: first port 0..65535. icmp/icmpv6: ICMP type, -1 for any. Otherwise -1.</param>
/// <param name="ToPort">tcp/udp: last port (inclusive). icmp/icmpv6: ICMP code, -1 for any. Otherwise -1.</param>
/// <param name="Peer">The other side of the connection.</param>
/// <param name="Description">Free text up to 255 characters, or null.</param>
/// <param name="Metadata">Owner, justification, ticket and review-by date; none by default. Not part of AWS's rule: it travels as tags.</param>
public sealed record Rule(
    string Id,
    Direction Direction,
    IpProtocol Protocol,
    int FromPort,
    int ToPort,
    Peer Peer,
    string? Description = null,
    RuleMetadata Metadata = default)
{
    /// <summary>True when the protocol has no port numbers: all traffic or a protocol other than tcp/udp/icmp.</summary>
    public bool PortsIgnored => !Protocol.HasPorts && !Protocol.IsIcmp;

    /// <summary>The rule's traffic in AWS console notation, e.g. "tcp 80-443", "icmp 8/0", "all".</summary>
    public string TrafficText => Protocol switch
    {
        { IsAll: true } => "all",
        { HasPorts: true } => FromPort == ToPort ? $"{Protocol} {FromPort}" : $"{Protocol} {FromPort}-{ToPort}",
        { IsIcmp: true } => $"{Protocol} {(FromPort == -1 ? "any" : FromPort)}/{(ToPort == -1 ? "any" : ToPort)}",
        _ => $"protocol {Protocol.Number}",
    };

    /// <summary>The same rule with no metadata: what AWS holds of it.</summary>
    public Rule WithoutMetadata() => Metadata.IsEmpty ? this : this with { Metadata = default };

    /// <inheritdoc />
    public override string ToString() =>
        $"{DirectionText.Of(Direction)} {TrafficText} {(Direction == Direction.Inbound ? "from" : "to")} {Peer}";
}
