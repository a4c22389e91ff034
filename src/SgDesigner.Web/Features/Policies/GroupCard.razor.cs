using Microsoft.AspNetCore.Components;
using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Policies;

/// <summary>One security group, read-only: its identity and its inbound and outbound rules.</summary>
public partial class GroupCard
{
    private const string InboundTitle = "Inbound";
    private const string OutboundTitle = "Outbound";

    /// <summary>The group to show. Required.</summary>
    [Parameter, EditorRequired]
    public SecurityGroup Group { get; set; } = default!;

    /// <summary>Names of the estate's groups and prefix lists by id, so references read as names. Default: none (ids shown).</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string> NamesById { get; set; } = new Dictionary<string, string>();

    private IEnumerable<(string Title, IReadOnlyList<Rule> Rules)> Sections =>
    [
        (InboundTitle, Group.Inbound.ToList()),
        (OutboundTitle, Group.Outbound.ToList()),
    ];

    private string PeerText(Peer peer) => peer switch
    {
        GroupPeer g when g.GroupId == Group.Id => $"{Group.Name} (this group)",
        GroupPeer { AccountId: { } account } g => $"{g.LocalGroupId} (account {account})",
        GroupPeer g => NamesById.TryGetValue(g.GroupId, out var name) ? $"{name} ({g.GroupId})" : $"{g.GroupId} (missing group)",
        PrefixListPeer p => NamesById.TryGetValue(p.PrefixListId, out var name) ? $"{name} ({p.PrefixListId})" : p.PrefixListId,
        _ => peer.ToString(),
    };
}
