using System.Globalization;
using System.Text;
using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Output;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd matrix POLICY [--format json|csv]</c>: all-pairs reachability per class of ENIs.</summary>
internal static class MatrixCommand
{
    public static CommandDefinition Definition { get; } = new(
        "matrix",
        "all-pairs reachability between ENIs, per class of ENIs that the rules treat alike",
        """
        Usage: sgd matrix POLICY [--format json|csv] [-o FILE]

        What every ENI may open to every other ENI (both on their primary private IPs), as merged
        ranges per protocol. JSON is per class: ENIs that every rule treats alike share a class, and a
        cell says what any ENI of the "from" class may open to any other ENI of the "to" class:
          {"enis": [{"id", "instance", "name", "class"}, ...],
           "classes": [{"index", "vpc", "groups", "size"}, ...],
           "cells": [{"from": 0, "to": 2, "allowed": [{"protocol": "tcp", "ports": [[22, 22], [80, 443]]},
                                                      {"protocol": "icmp", "types": [[8, 0], [3, -1]]},
                                                      {"protocol": "50"}]}, ...]}
        Pairs with nothing allowed are left out; {"protocol": "all"} is then a cell's only entry;
        ICMP [type, code] use -1 for any. CSV has one row per ordered ENI pair and protocol
        (from,to,protocol,ranges), for small estates.

        Options:
          --format json|csv   output format (default json)
          -o, --output FILE   write the matrix to FILE instead of stdout

        """,
        [new("--format"), OptionSpec.Output],
        Run);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("POLICY");
        var format = args.Choice("--format", "json", "json", "csv");
        var estate = PolicyFile.Load(args.Positionals[0], context).Estate;
        var matrix = ReachabilityEngine.Build(estate).Matrix();
        context.WriteResult(format == "csv" ? Csv(matrix) : Json(estate, matrix), args.Value("--output"));
        return 0;
    }

    // One line per ENI, class and cell: readable, diffable, and as large as the classes, not the pairs.
    private static string Json(Estate estate, ReachabilityMatrix matrix)
    {
        var instanceNames = estate.Instances.ToDictionary(i => i.Id, i => i.Name);
        var descriptions = estate.NetworkInterfaces.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First().Description);
        var text = new StringBuilder("{\n");
        AppendArray(text, "enis", matrix.Enis, eni => JsonText.Line(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", eni.EniId);
            w.WriteString("instance", eni.InstanceId);
            var name = eni.InstanceId is { } i ? instanceNames.GetValueOrDefault(i) : null;
            w.WriteString("name", name ?? descriptions.GetValueOrDefault(eni.EniId));
            w.WriteNumber("class", eni.Class);
            w.WriteEndObject();
        }), last: false);
        AppendArray(text, "classes", matrix.Classes, c => JsonText.Line(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("index", c.Index);
            w.WriteString("vpc", c.VpcId);
            w.WriteStartArray("groups");
            foreach (var g in c.GroupIds)
                w.WriteStringValue(g);
            w.WriteEndArray();
            w.WriteNumber("size", c.EniIds.Length);
            w.WriteEndObject();
        }), last: false);
        // A class of one ENI has no *other* ENI to reach within itself, so its diagonal cell is no pair.
        var cells = matrix.Cells.Where(c => c.From != c.To || matrix.Classes[c.From].EniIds.Length > 1);
        AppendArray(text, "cells", cells, cell => JsonText.Line(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("from", cell.From);
            w.WriteNumber("to", cell.To);
            TrafficJson.WriteArray(w, "allowed", cell.Allowed);
            w.WriteEndObject();
        }), last: true);
        return text.Append("}\n").ToString();
    }

    private static void AppendArray<T>(StringBuilder text, string name, IEnumerable<T> items, Func<T, string> line, bool last)
    {
        text.Append("  \"").Append(name).Append("\": [");
        var first = true;
        foreach (var item in items)
        {
            text.Append(first ? "\n    " : ",\n    ").Append(line(item));
            first = false;
        }
        text.Append(first ? "]" : "\n  ]").Append(last ? "\n" : ",\n");
    }

    private static string Csv(ReachabilityMatrix matrix)
    {
        var text = new StringBuilder("from,to,protocol,ranges\n");
        foreach (var a in matrix.Enis)
        {
            foreach (var b in matrix.Enis)
            {
                if (ReferenceEquals(a, b))
                    continue;
                foreach (var entry in matrix.Allowed(a.Class, b.Class).Entries)
                    text.Append(a.EniId).Append(',').Append(b.EniId).Append(',').Append(TrafficJson.Name(entry.Protocol)).Append(',').Append(Ranges(entry)).Append('\n');
            }
        }
        return text.ToString();
    }

    private static string Ranges(TrafficSetEntry entry) => entry.Protocol switch
    {
        { HasPorts: true } => string.Join(' ', entry.Ports.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.From}-{r.To}"))),
        { IsIcmp: true } => string.Join(' ', entry.IcmpTypes.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Type}/{t.Code}"))),
        _ => "",
    };
}
