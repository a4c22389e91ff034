using System.Collections.Immutable;
using System.Text;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Editing;

/// <summary>A problem with pasted rules: the line (1-based; 0 for the text as a whole), the field and what is wrong.</summary>
/// <param name="Line">The line number, counting blank and comment lines; 0 when no one line is at fault.</param>
/// <param name="Field"><c>columns</c>, <c>protocol</c>, <c>port</c>, <c>peer</c>, <c>description</c>, <c>rule</c>, <c>quota</c> or <c>text</c>.</param>
/// <param name="Message">The problem.</param>
public sealed record RulePasteError(int Line, string Field, string Message)
{
    /// <summary>Where the problem is, as an API error key: <c>text.lines[3].port</c>, or <c>text</c>.</summary>
    public string Path => Line == 0 ? "text" : $"text.lines[{Line}].{Field}";

    /// <summary>"line 3, port: port 70000 is out of range 0..65535".</summary>
    public override string ToString() => Line == 0 ? $"{Field}: {Message}" : $"line {Line}, {Field}: {Message}";
}

/// <summary>A rule read from a pasted line.</summary>
/// <param name="Line">Its line number.</param>
/// <param name="Rule">The rule, with a new id.</param>
public sealed record PastedRule(int Line, Rule Rule);

/// <summary>The rules read from pasted text, or the problems of every bad line.</summary>
/// <param name="Rules">The rules of the good lines, in order.</param>
/// <param name="Errors">Every problem found; nothing may be stored while there is one.</param>
/// <param name="Warnings">Accepted-but-noteworthy input, e.g. host bits cleared, as "line 2, peer: …".</param>
public sealed record RulePasteResult(ImmutableArray<PastedRule> Rules, ImmutableArray<RulePasteError> Errors, ImmutableArray<string> Warnings)
{
    /// <summary>True when every line is good and there is at least one rule.</summary>
    public bool IsOk => Errors.IsEmpty;
}

/// <summary>
/// Rules pasted into a group as text, one per line: <c>protocol or type, port, peer[, description]</c>, e.g.
/// <c>tcp,443,10.0.0.0/8,web from corp</c>, <c>HTTPS,,10.0.0.0/8</c>, <c>icmp,8/0,web</c>, <c>udp,1000-2000,pl-…</c>.
/// <list type="bullet">
/// <item>Values are separated by commas, or by tabs when the line holds a tab (cells copied from a spreadsheet).
/// A value in double quotes may hold the separator; <c>""</c> inside it is one quote (CSV).</item>
/// <item>The first value is a protocol (tcp, udp, icmp, icmpv6, all/-1, a number) or a console type
/// (<see cref="RuleTypePresets"/>); a fixed type's port may be left empty, or must be its own.</item>
/// <item>The port is a port or range for tcp/udp, type/code for icmp (<c>8/0</c>, <c>3</c>, <c>any</c>, empty),
/// empty for other protocols (<see cref="RulePorts"/>).</item>
/// <item>The peer is a CIDR block, a group or prefix list by id or name, Anywhere-IPv4 or Anywhere-IPv6 (<see cref="PeerText"/>).</item>
/// <item>Blank lines and lines starting with <c>#</c> are skipped; line numbers count them.</item>
/// </list>
/// Every line is checked before anything is stored, against the group as it is: a bad value, a rule that duplicates
/// another (pasted or already there), and the rules-per-direction quota.
/// </summary>
public static class RulePaste
{
    /// <summary>The most lines one paste may have.</summary>
    public const int MaxLines = 1000;

    /// <summary>An example line, for hints and messages.</summary>
    public const string Example = "tcp,443,10.0.0.0/8,web from corp";

    /// <summary>Reads <paramref name="text"/> as rules of <paramref name="direction"/> for group <paramref name="groupId"/> of <paramref name="estate"/>.</summary>
    public static RulePasteResult Parse(Estate estate, string groupId, Direction direction, string? text, IdSource ids)
    {
        var errors = new List<RulePasteError>();
        var warnings = new List<string>();
        var rules = new List<PastedRule>();
        var group = estate.FindGroup(groupId);
        var lines = (text ?? "").ReplaceLineEndings("\n").Split('\n');
        if (group is null || lines.Length > MaxLines)
        {
            errors.Add(group is null
                ? new RulePasteError(0, "group", $"group {groupId} is not in the draft")
                : new RulePasteError(0, "text", $"{lines.Length} lines: paste at most {MaxLines} at a time"));
            return new RulePasteResult([], [.. errors], []);
        }
        var quota = estate.Quotas.RulesPerDirection;
        var count = RuleQuota.Count(group.Rules, direction, estate.PrefixLists);
        var overQuota = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]) || lines[i].TrimStart().StartsWith('#'))
                continue;
            if (ParseLine(estate, direction, lines[i], number, ids, errors, warnings) is not { } rule)
                continue;
            if (group.Rules.FirstOrDefault(r => GroupValidator.SameTraffic(r, rule)) is { } twin)
                errors.Add(new RulePasteError(number, "rule", $"duplicates the group's rule {twin.Id} ({twin})"));
            else if (rules.FirstOrDefault(p => GroupValidator.SameTraffic(p.Rule, rule)) is { } earlier)
                errors.Add(new RulePasteError(number, "rule", $"duplicates line {earlier.Line}"));
            count += RuleQuota.Weight(rule, estate.PrefixLists);
            if (count > quota && !overQuota)
            {
                overQuota = true;
                errors.Add(new RulePasteError(number, "quota",
                    $"this rule makes {count} {DirectionText.Of(direction)} rules in {group.Name}, over the quota of {quota} rules per direction"));
            }
            rules.Add(new PastedRule(number, rule));
        }
        if (errors.Count == 0 && rules.Count == 0)
            errors.Add(new RulePasteError(0, "text", $"nothing to paste: give one rule per line, such as {Example}"));
        return new RulePasteResult([.. rules], [.. errors], [.. warnings]);
    }

    /// <summary>
    /// The paste as one edit (one version, one undo step): the text is read against the content the edit applies to,
    /// and refused with every line's problem at <see cref="RulePasteError.Path"/>; <paramref name="parsed"/> sees
    /// what was read.
    /// </summary>
    public static EstateEdit Edit(string groupId, Direction direction, string? text, IdSource ids, Action<RulePasteResult>? parsed = null) => estate =>
    {
        if (estate.FindGroup(groupId) is null)
            return GroupEdits.GroupNotFound(groupId);
        var result = Parse(estate, groupId, direction, text, ids);
        parsed?.Invoke(result);
        return result.IsOk
            ? GroupEdits.AddRules(groupId, [.. result.Rules.Select(r => r.Rule)])(estate)
            : EditResult.Invalid(result.Errors.Select(e => new ValidationError(e.Path, e.ToString())));
    };

    private static Rule? ParseLine(Estate estate, Direction direction, string line, int number, IdSource ids, List<RulePasteError> errors, List<string> warnings)
    {
        var before = errors.Count;
        void Fail(string field, string message) => errors.Add(new RulePasteError(number, field, message));
        var cells = Cells(line, out var quoteError);
        if (quoteError is not null || cells.Count is < 3 or > 4)
        {
            Fail("columns", quoteError ?? (cells.Count < 3
                ? $"expected protocol or type, port, peer and an optional description, separated by commas (such as {Example}): found {cells.Count} value{(cells.Count == 1 ? "" : "s")}"
                : $"{cells.Count} values, at most 4: put a description that holds commas in double quotes"));
            return null;
        }
        var protocol = Protocol(cells[0], out var preset, out var protocolError);
        if (protocolError is not null)
            Fail("protocol", protocolError);
        var ports = ParseResult<(int From, int To)>.Ok((-1, -1));
        if (protocol is { } p)
        {
            ports = preset is { IsFixed: true } && string.IsNullOrWhiteSpace(cells[1]) ? ParseResult<(int, int)>.Ok((preset.FromPort, preset.ToPort)) : RulePorts.Parse(p, cells[1]);
            if (!ports.IsOk)
                Fail("port", ports.Error!);
            else if (preset is { IsFixed: true } && !preset.Matches(p, ports.Value.From, ports.Value.To))
                Fail("port", $"{preset.Name} is {p} {preset.PortsText}: leave the port empty, or write {p},{cells[1].Trim()}");
        }
        var peer = PeerText.Parse(estate, cells[2]);
        if (!peer.IsOk)
            Fail("peer", peer.Error!);
        else if (peer.Warning is { } hostBits)
            warnings.Add($"line {number}, peer: {hostBits}");
        if (errors.Count > before)
            return null;
        var description = cells.Count == 4 && !string.IsNullOrWhiteSpace(cells[3]) ? cells[3].Trim() : null;
        var rule = new Rule(ids.Next("sgr-"), direction, protocol!.Value, ports.Value.From, ports.Value.To, peer.Value, description);
        // What the designer's row would refuse: ICMP type/code range, description characters, a missing group or list.
        var checkedRule = RuleValidator.Check(rule, estate);
        foreach (var e in checkedRule.Errors)
            Fail(FieldOf(e.Path), e.Message);
        foreach (var w in checkedRule.Warnings)
            warnings.Add($"line {number}, {FieldOf(w.Path)}: {w.Message}");
        return errors.Count > before ? null : rule;
    }

    // A console type (HTTPS, Custom TCP…) or a protocol.
    private static IpProtocol? Protocol(string text, out RuleTypePreset? preset, out string? error)
    {
        error = null;
        preset = RuleTypePresets.Find(text);
        if (preset is { Protocol: { } fromPreset })
            return fromPreset;
        if (preset is not null)
        {
            error = $"{preset.Name} needs its protocol number: write the number instead, such as 47";
            return null;
        }
        var parsed = IpProtocol.Parse(text);
        if (parsed.IsOk)
            return parsed.Value;
        error = string.IsNullOrWhiteSpace(text)
            ? "a protocol or type is required, such as tcp or HTTPS"
            : $"unknown protocol or type {QuotedValue.Of(text.Trim())}: use tcp, udp, icmp, icmpv6, all (-1), a number 0..255 or a type such as HTTPS";
        return null;
    }

    // CSV with one separator: a tab when the line holds one, otherwise a comma.
    private static List<string> Cells(string line, out string? error)
    {
        error = null;
        var separator = line.Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var quoteColumn = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"' && (quoted || string.IsNullOrWhiteSpace(cell.ToString())))
            {
                if (!quoted)
                {
                    cell.Clear();
                    quoteColumn = cells.Count + 1;
                }
                quoted = !quoted;
            }
            else if (c == separator && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        if (quoted)
            error = $"the double quote that opens value {quoteColumn} is not closed";
        return cells;
    }

    private static string FieldOf(string path) => path[(path.LastIndexOf('.') + 1)..] switch
    {
        "protocol" => "protocol",
        "fromPort" or "toPort" => "port",
        "peer" => "peer",
        "description" => "description",
        _ => "rule",
    };
}
