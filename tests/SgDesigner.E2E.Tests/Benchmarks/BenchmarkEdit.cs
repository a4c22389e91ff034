using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Web.Features.Preview;

namespace SgDesigner.E2E.Tests.Benchmarks;

/// <summary>
/// A port change in one inbound rule that visibly changes both the preview and the findings: the flow
/// <see cref="Source"/> → <see cref="Destination"/> on the rule's port is allowed before and denied after,
/// and the number of findings differs. Chosen by the engine and the linter, so the benchmark knows what to wait for.
/// </summary>
/// <param name="Group">The group holding the rule.</param>
/// <param name="Rule">The rule as stored.</param>
/// <param name="NewPort">The port typed over the rule's port.</param>
/// <param name="Source">The preview's source as its picker lists it.</param>
/// <param name="Destination">The preview's destination as its picker lists it.</param>
/// <param name="FindingsBefore">Findings of the estate as generated.</param>
/// <param name="FindingsAfter">Findings once the port is changed.</param>
internal sealed record BenchmarkEdit(SecurityGroup Group, Rule Rule, int NewPort, string Source, string Destination, int FindingsBefore, int FindingsAfter)
{
    private const string Internet = "internet (0.0.0.0)";

    /// <summary>The estate with the port changed.</summary>
    public Estate Apply(Estate estate) => estate.WithGroup(Group with { Rules = Group.Rules.Replace(Rule, Rule with { FromPort = NewPort, ToPort = NewPort }) });

    /// <summary>The first suitable edit, trying groups by name (the designer lists them so).</summary>
    public static BenchmarkEdit Choose(Estate estate)
    {
        var engine = ReachabilityEngine.Build(estate);
        var before = Linter.Lint(estate).Length;
        // Each picker choice with the groups of the ENI the preview takes for it (an instance's primary ENI).
        var choices = PreviewQuery.Choices(estate, null).Where(c => c != Internet).Select(c => (Choice: c, Groups: GroupsOf(estate, c))).ToList();
        foreach (var group in estate.Groups.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase))
        {
            var destination = choices.FirstOrDefault(c => c.Groups.Contains(group.Id)).Choice;
            if (destination is null)
                continue;
            foreach (var rule in group.Inbound.Where(r => r.Protocol == IpProtocol.Tcp && r.FromPort == r.ToPort))
            {
                var source = rule.Peer switch
                {
                    CidrPeer { Block: var block } when block == Cidr.AnyV4 => Internet,
                    GroupPeer { GroupId: var peer } => choices.FirstOrDefault(c => c.Choice != destination && c.Groups.Contains(peer)).Choice,
                    _ => null,
                };
                if (source is null || !Allowed(engine, estate, source, destination, rule.FromPort))
                    continue;
                var ports = new[] { 22, 3389 }.Concat(group.Inbound.Where(r => r.Protocol == IpProtocol.Tcp).Select(r => r.FromPort)).Where(p => p != rule.FromPort).Distinct();
                foreach (var port in ports.Take(6))
                {
                    var edit = new BenchmarkEdit(group, rule, port, source, destination, before, 0);
                    var edited = edit.Apply(estate);
                    var after = Linter.Lint(edited).Length;
                    if (after != before && !Allowed(engine.Update(edited), edited, source, destination, rule.FromPort))
                        return edit with { FindingsAfter = after };
                }
            }
        }
        throw new InvalidOperationException("no rule of the estate gives an edit that changes both the preview and the findings");
    }

    private static string[] GroupsOf(Estate estate, string choice)
    {
        var query = new PreviewQuery { Source = choice, Destination = choice };
        return query.Resolve(estate, out _) is { From: EniEndpoint eni }
            ? [.. estate.NetworkInterfaces.First(e => e.Id == eni.EniId).GroupIds]
            : [];
    }

    private static bool Allowed(ReachabilityEngine engine, Estate estate, string source, string destination, int port)
    {
        var query = new PreviewQuery { Source = source, Destination = destination, Protocol = "tcp", Port = port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var flow = query.Resolve(estate, out var error) ?? throw new InvalidOperationException(error);
        return engine.Query(flow.From, flow.To, flow.Traffic).Allowed;
    }
}
