using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Tests.Review;

/// <summary>
/// Random edits of the kinds an author makes in the designer: rules added, removed and changed; groups renamed,
/// re-described, re-tagged or deleted; ENIs given other groups or addresses; prefix list entries added; VPCs,
/// subnets and instances renamed or re-tagged. Edits can be
/// confined to some groups and ENIs, so that two sides edit disjoint parts of one estate.
/// </summary>
internal sealed class RandomEdits(Random random, string side, Func<string, bool>? mayEditGroup = null, Func<string, bool>? mayEditEni = null)
{
    private int _next;

    /// <summary>Applies 1 to <paramref name="maxEdits"/> edits; edits outside groups and ENIs only when nothing is confined.</summary>
    public Estate Apply(Estate estate, int maxEdits = 4)
    {
        for (var n = random.Next(1, maxEdits + 1); n > 0; n--)
            estate = Once(estate);
        return estate;
    }

    private Estate Once(Estate estate)
    {
        var groups = estate.Groups.Where(g => mayEditGroup?.Invoke(g.Id) ?? true).ToList();
        var enis = estate.NetworkInterfaces.Where(e => mayEditEni?.Invoke(e.Id) ?? true).ToList();
        var kind = random.Next(10);
        if (kind <= 5 && groups.Count > 0)
            return EditGroup(estate, groups[random.Next(groups.Count)], kind);
        if (kind <= 7 && enis.Count > 0)
            return EditEni(estate, enis[random.Next(enis.Count)]);
        if (kind == 8 && estate.PrefixLists.Length > 0)
        {
            var i = random.Next(estate.PrefixLists.Length);
            var list = estate.PrefixLists[i];
            return estate with { PrefixLists = estate.PrefixLists.SetItem(i, list with { Entries = list.Entries.Add(Block()) }) };
        }
        if (kind == 9 && mayEditGroup is null && mayEditEni is null)
            return EditNetwork(estate);
        return estate;
    }

    /// <summary>Edits outside groups and ENIs: a group deleted, or a VPC, subnet or instance renamed.</summary>
    private Estate EditNetwork(Estate estate)
    {
        var kind = random.Next(4);
        if (kind == 0 && estate.Groups.Length > 0)
        {
            var id = estate.Groups[random.Next(estate.Groups.Length)].Id;
            return estate with
            {
                Groups = estate.Groups.RemoveAll(g => g.Id == id),
                NetworkInterfaces = [.. estate.NetworkInterfaces.Select(e => e with { GroupIds = e.GroupIds.Remove(id) })],
            };
        }
        if (kind == 1)
        {
            var i = random.Next(estate.Vpcs.Length);
            return estate with { Vpcs = estate.Vpcs.SetItem(i, estate.Vpcs[i] with { Name = $"{side}{_next++}" }) };
        }
        if (kind == 2)
        {
            var i = random.Next(estate.Subnets.Length);
            return estate with { Subnets = estate.Subnets.SetItem(i, estate.Subnets[i] with { Name = $"{side}{_next++}" }) };
        }
        if (estate.Instances.Length > 0)
        {
            var i = random.Next(estate.Instances.Length);
            return estate with { Instances = estate.Instances.SetItem(i, estate.Instances[i] with { Tags = estate.Instances[i].Tags.SetItem("Owner", $"{side}{_next++}") }) };
        }
        return estate;
    }

    private Estate EditGroup(Estate estate, SecurityGroup group, int kind)
    {
        var rules = group.Rules;
        var edited = kind switch
        {
            0 or 1 => group with { Rules = rules.Add(NewRule($"sgr-{side}{_next++}")) },
            2 when rules.Length > 0 => group with { Rules = rules.RemoveAt(random.Next(rules.Length)) },
            3 when rules.Length > 0 => group with { Rules = ChangeOne(rules) },
            4 => group with { Name = $"{group.Name}-{side}{_next++}" },
            _ => random.Next(2) == 0
                ? group with { Description = $"{side} {_next++}" }
                : group with { Tags = group.Tags.SetItem(random.Next(2) == 0 ? "Owner" : $"k{side}", $"{side}{_next++}") },
        };
        return estate.WithGroup(edited);
    }

    private ImmutableArray<Rule> ChangeOne(ImmutableArray<Rule> rules)
    {
        var i = random.Next(rules.Length);
        var rule = rules[i];
        var port = random.Next(1, 65536);
        return rules.SetItem(i, random.Next(4) switch
        {
            0 => rule with { Description = $"{side} {_next++}" },
            3 => rule with { Metadata = RuleMetadata.Create($"{side}{_next++}", rule.Metadata.Justification, rule.Metadata.Ticket, new DateOnly(2027, 1, 1).AddDays(_next)) },
            1 => rule with { Protocol = IpProtocol.Tcp, FromPort = port, ToPort = port },
            _ => rule with { Peer = new CidrPeer(Block()) },
        });
    }

    private Estate EditEni(Estate estate, NetworkInterface eni)
    {
        var candidates = estate.Groups.Where(g => g.VpcId == eni.VpcId && !eni.GroupIds.Contains(g.Id)).Select(g => g.Id).ToList();
        var edited = random.Next(4) switch
        {
            0 when candidates.Count > 0 => eni with { GroupIds = eni.GroupIds.Add(candidates[random.Next(candidates.Count)]) },
            1 when eni.GroupIds.Length > 0 => eni with { GroupIds = eni.GroupIds.RemoveAt(random.Next(eni.GroupIds.Length)) },
            2 => eni with { PrivateIps = eni.PrivateIps.Add(new IpAddress(IpFamily.V4, eni.PrivateIps[0].Value + (UInt128)random.Next(100, 200))) },
            _ => eni with { Description = $"{side} {_next++}" },
        };
        return estate with { NetworkInterfaces = estate.NetworkInterfaces.Replace(eni, edited) };
    }

    private Rule NewRule(string id)
    {
        var port = random.Next(1, 65536);
        return new Rule(id, random.Next(2) == 0 ? Direction.Inbound : Direction.Outbound, IpProtocol.Tcp, port, port, new CidrPeer(Block()), $"added by {side}");
    }

    private Cidr Block() => new(new IpAddress(IpFamily.V4, (UInt128)(uint)random.Next()), random.Next(16, 33));
}
