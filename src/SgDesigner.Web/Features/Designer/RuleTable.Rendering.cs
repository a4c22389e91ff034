using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Web.Features.Designer;

// What makes the table render. An edit anywhere in the draft raises the session's Changed; the table renders only when its
// group's rules, the right to edit, the quotas or the names its peers show changed, and then each row's cells render again
// only when that row changed (KeyedRender over RowShown): a port edit renders one row, not the group's hundreds.
public sealed partial class RuleTable
{
    // Everything a row's cells read from the table; two equal values render the same cells.
    private readonly record struct RowShown(string Id, string Type, string Protocol, string Ports, string Peer, string PeerLabel,
        string Description, bool Locked, string Problems, bool Enabled, bool Stored, bool Highlighted, bool HasMetadata);

    private Dictionary<string, RowShown> RowsShown()
    {
        var rules = (Session.Estate.FindGroup(GroupId)?.Rules ?? []).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var shown = new Dictionary<string, RowShown>(StringComparer.Ordinal);
        foreach (var id in _order)
            shown[id] = Row(_forms[id], rules);
        return shown;
    }

    private RowShown ShownOf(Dictionary<string, RowShown> shown, RuleForm form) =>
        shown.TryGetValue(form.Id, out var row) ? row
            : Row(form, (Session.Estate.FindGroup(GroupId)?.Rules ?? []).ToDictionary(r => r.Id, StringComparer.Ordinal));

    private RowShown Row(RuleForm form, Dictionary<string, Rule> stored)
    {
        var rule = stored.GetValueOrDefault(form.Id);
        var problems = form.Errors.Count == 0 && form.Warnings.Count == 0 ? ""
            : string.Join('\n', form.Errors.OrderBy(e => e.Key).Select(e => $"E{e.Key}:{e.Value}")
                .Concat(form.Warnings.OrderBy(w => w.Key).Select(w => $"W{w.Key}:{w.Value}")));
        return new RowShown(form.Id, form.Type.Name, form.Protocol, form.Ports, form.Peer, PeerLabel(form.Peer), form.Description,
            form.Locked, problems, Enabled(form), rule is not null, IsHighlighted(form), rule is { Metadata.IsEmpty: false });
    }

    // The peer as PeerPicker shows it ("name (id)"), from the names the table last saw.
    private string PeerLabel(string peer) =>
        Names.TryGetValue(peer, out var name) ? name : peer;

    // Group and prefix list names by id, made again only when the draft's groups or prefix lists are other objects.
    private (ImmutableArray<SecurityGroup> Groups, ImmutableArray<PrefixList> Lists, Dictionary<string, string> Names) _names = ([], [], []);

    private Dictionary<string, string> Names
    {
        get
        {
            var estate = Session.Estate;
            if (_names.Groups == estate.Groups && _names.Lists == estate.PrefixLists)
                return _names.Names;
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in estate.Groups)
                names.TryAdd(group.Id, group.Name);
            foreach (var list in estate.PrefixLists)
                names.TryAdd(list.Id, list.Name);
            _names = (estate.Groups, estate.PrefixLists, names);
            return names;
        }
    }

    // What the table shows from the session, as of its last change. A rule edit in another group keeps this group's object;
    // a renamed group changes the names (a peer's label); the quotas and prefix lists change the counter.
    private (SecurityGroup? Group, bool CanEdit, Quotas Quotas, ImmutableArray<PrefixList> Lists, Dictionary<string, string> Names)? _seen;

    private bool SessionShowsOther()
    {
        var names = Names;
        var now = (Session.Estate.FindGroup(GroupId), Session.CanEdit, Session.Estate.Quotas, Session.Estate.PrefixLists, names);
        var same = _seen is { } seen && ReferenceEquals(seen.Group, now.Item1) && seen.CanEdit == now.CanEdit && seen.Quotas == now.Quotas
            && seen.Lists == now.PrefixLists && (ReferenceEquals(seen.Names, names) || SameNames(seen.Names, names));
        _seen = now;
        return !same;
    }

    private static bool SameNames(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var name) && name == p.Value);
}
