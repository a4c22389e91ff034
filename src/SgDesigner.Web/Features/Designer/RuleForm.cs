using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Web.Features.Designer;

/// <summary>The fields of a rule row as the user typed them.</summary>
public enum RuleField
{
    /// <summary>The protocol: tcp, udp, icmp, icmpv6, all or a number.</summary>
    Protocol,
    /// <summary>A port or port range for tcp/udp, a type/code for icmp.</summary>
    Ports,
    /// <summary>A CIDR, a group or a prefix list.</summary>
    Peer,
    /// <summary>Free text.</summary>
    Description,
    /// <summary>The row as a whole (a duplicate, the quota).</summary>
    Row,
}

/// <summary>
/// One rule being edited as text, checked field by field with Core's parsers and <see cref="RuleValidator"/>,
/// so that each problem is shown at the field it concerns.
/// </summary>
public sealed class RuleForm
{
    /// <summary>The rule's id (kept across edits so that revisions diff rule by rule).</summary>
    public required string Id { get; init; }

    /// <summary>Inbound or outbound.</summary>
    public required Direction Direction { get; init; }

    /// <summary>Protocol text.</summary>
    public string Protocol { get; set; } = "tcp";

    /// <summary>"443", "8000-8100"; for icmp "8/0" or "any"; ignored for other protocols.</summary>
    public string Ports { get; set; } = "";

    /// <summary>A CIDR block, or a group or prefix list picked from the list (its id).</summary>
    public string Peer { get; set; } = "";

    /// <summary>Free text.</summary>
    public string Description { get; set; } = "";

    /// <summary>The console type the user chose for this row, or null: the row then shows the type its fields match.</summary>
    public RuleTypePreset? ChosenType { get; set; }

    /// <summary>
    /// The type the row shows: the chosen one while the fields still are that type (a custom type chosen for tcp 443
    /// stays Custom TCP), otherwise the one the fields match (tcp 443 is HTTPS, tcp 8443 Custom TCP).
    /// </summary>
    public RuleTypePreset Type
    {
        get
        {
            var protocol = IpProtocol.Parse(Protocol);
            if (!protocol.IsOk)
                return ChosenType ?? RuleTypePresets.CustomProtocol;
            var ports = RulePorts.Parse(protocol.Value, Ports);
            var chosenStillHolds = ChosenType is { IsFixed: true } chosen
                ? ports.IsOk && chosen.Matches(protocol.Value, ports.Value.From, ports.Value.To)
                : ChosenType == RuleTypePresets.CustomFor(protocol.Value);
            if (chosenStillHolds)
                return ChosenType!;
            return ports.IsOk ? RuleTypePresets.Match(protocol.Value, ports.Value.From, ports.Value.To) : RuleTypePresets.CustomFor(protocol.Value);
        }
    }

    /// <summary>
    /// True while a fixed type chosen from the list (SSH, HTTPS…) holds: protocol and ports are then read-only, as in
    /// the console. A stored rule that merely matches a fixed type stays editable field by field.
    /// </summary>
    public bool Locked => ChosenType is { IsFixed: true } && Type == ChosenType;

    /// <summary>
    /// Applies type <paramref name="type"/>: a fixed one sets protocol and ports; a custom one sets the protocol and
    /// keeps the ports while the protocol stays (Custom TCP on tcp 22), otherwise empties them for the user to fill.
    /// </summary>
    public void Choose(RuleTypePreset type)
    {
        ChosenType = type;
        var current = IpProtocol.Parse(Protocol);
        if (type.IsFixed)
        {
            Protocol = type.Protocol!.Value.ToString();
            Ports = type.PortsText;
        }
        else if (type.Protocol is { } protocol && !(current.IsOk && current.Value == protocol))
        {
            Protocol = protocol.ToString();
            Ports = "";
        }
        else if (type.Protocol is null && current.IsOk && RuleTypePresets.CustomFor(current.Value) != RuleTypePresets.CustomProtocol)
        {
            // "Custom protocol": the user types the number.
            Protocol = "";
            Ports = "";
        }
    }

    /// <summary>Problems by field after <see cref="Check"/>.</summary>
    public Dictionary<RuleField, string> Errors { get; } = [];

    /// <summary>Accepted-but-noteworthy input by field (host bits cleared).</summary>
    public Dictionary<RuleField, string> Warnings { get; } = [];

    /// <summary>The form of a stored rule.</summary>
    public static RuleForm From(Rule rule) => new()
    {
        Id = rule.Id,
        Direction = rule.Direction,
        Protocol = rule.Protocol.ToString(),
        Ports = PortsText(rule),
        Peer = rule.Peer.ToString() ?? "",
        Description = rule.Description ?? "",
    };

    /// <summary>The text of a rule's ports: "443", "80-443", "8/0", "any", or empty.</summary>
    public static string PortsText(Rule rule) => RulePorts.Text(rule.Protocol, rule.FromPort, rule.ToPort);

    /// <summary>
    /// Parses the fields and checks the rule as it would be in <paramref name="groupId"/> of
    /// <paramref name="estate"/>; returns the rule when nothing is wrong (warnings allowed).
    /// </summary>
    public Rule? Check(Estate estate, string groupId)
    {
        Errors.Clear();
        Warnings.Clear();
        var protocol = IpProtocol.Parse(Protocol);
        if (!protocol.IsOk)
            Errors[RuleField.Protocol] = protocol.Error!;
        var ports = protocol.IsOk ? RulePorts.Parse(protocol.Value, Ports) : ParseResult<(int From, int To)>.Ok((-1, -1));
        if (!ports.IsOk)
            Errors[RuleField.Ports] = ports.Error!;
        var peer = ParsePeer(estate);
        if (Errors.Count > 0 || peer is null)
            return null;
        var rule = new Rule(Id, Direction, protocol.Value, ports.Value.From, ports.Value.To, peer, string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            // The grid edits the rule's AWS part; its metadata (the side panel's) is kept as stored.
            estate.FindGroup(groupId)?.Rules.FirstOrDefault(r => r.Id == Id)?.Metadata ?? default);
        var result = RuleValidator.CheckInGroup(estate, groupId, rule);
        foreach (var e in result.Errors)
            Errors.TryAdd(FieldOf(e.Path), e.Message);
        foreach (var w in result.Warnings)
            Warnings.TryAdd(FieldOf(w.Path), w.Message);
        return Errors.Count == 0 ? rule : null;
    }

    /// <summary>Records store-side problems (paths like <c>groups[sg-1].rules[sgr-2].peer</c>) at their fields.</summary>
    public void AddErrors(IEnumerable<ValidationError> errors)
    {
        foreach (var e in errors)
            Errors.TryAdd(FieldOf(e.Path), e.Message);
    }

    private Peer? ParsePeer(Estate estate)
    {
        var text = PeerPicker.IdOf(estate, Peer);
        if (estate.FindGroup(text) is not null || text.StartsWith("sg-", StringComparison.Ordinal))
            return new GroupPeer(text);
        if (text.StartsWith("pl-", StringComparison.Ordinal))
            return new PrefixListPeer(text);
        var cidr = Cidr.Parse(text);
        if (!cidr.IsOk)
        {
            Errors[RuleField.Peer] = cidr.Error!;
            return null;
        }
        // Never stored silently: the note names what was typed and what is stored, side by side.
        if (cidr.Warning is not null)
            Warnings[RuleField.Peer] = HostBitsNote(text, cidr.Value);
        return new CidrPeer(cidr.Value);
    }

    /// <summary>The note shown when a CIDR's host bits were cleared: "host bits cleared: 10.30.0.5/16 → 10.30.0.0/16".</summary>
    public static string HostBitsNote(string typed, Cidr stored) => $"host bits cleared: {typed.Trim()} → {stored}";

    private static RuleField FieldOf(string path) => path[(path.LastIndexOf(']') + 1)..] switch
    {
        ".protocol" => RuleField.Protocol,
        ".fromPort" or ".toPort" => RuleField.Ports,
        ".peer" => RuleField.Peer,
        ".description" => RuleField.Description,
        _ => RuleField.Row,
    };
}
