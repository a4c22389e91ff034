using System.Globalization;
using System.Text;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Answers;

/// <summary>
/// <c>sgd matrix</c>'s output (cli.md), as a sequence of text pieces so that a caller can write each one as it is
/// produced instead of holding the whole text: JSON per class of ENIs, or CSV per ordered ENI pair.
/// </summary>
public static class MatrixAnswer
{
    /// <summary>The media type of the CSV form.</summary>
    public const string CsvMediaType = "text/csv";

    /// <summary>The JSON document, one line per ENI, class and cell: readable, diffable, and as large as the classes, not the pairs.</summary>
    public static IEnumerable<string> Json(Estate estate, ReachabilityMatrix matrix)
    {
        var instanceNames = estate.Instances.ToDictionary(i => i.Id, i => i.Name);
        var descriptions = estate.NetworkInterfaces.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First().Description);
        yield return "{\n";
        foreach (var piece in Array("enis", matrix.Enis, eni => AnswerJson.Line(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", eni.EniId);
            w.WriteString("instance", eni.InstanceId);
            var name = eni.InstanceId is { } i ? instanceNames.GetValueOrDefault(i) : null;
            w.WriteString("name", name ?? descriptions.GetValueOrDefault(eni.EniId));
            w.WriteNumber("class", eni.Class);
            w.WriteEndObject();
        }), last: false))
            yield return piece;
        foreach (var piece in Array("classes", matrix.Classes, c => AnswerJson.Line(w =>
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
        }), last: false))
            yield return piece;
        // A class of one ENI has no *other* ENI to reach within itself, so its diagonal cell is no pair.
        var cells = matrix.Cells.Where(c => c.From != c.To || matrix.Classes[c.From].EniIds.Length > 1);
        foreach (var piece in Array("cells", cells, cell => AnswerJson.Line(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("from", cell.From);
            w.WriteNumber("to", cell.To);
            TrafficJson.WriteArray(w, "allowed", cell.Allowed);
            w.WriteEndObject();
        }), last: true))
            yield return piece;
        yield return "}\n";
    }

    private static IEnumerable<string> Array<T>(string name, IEnumerable<T> items, Func<T, string> line, bool last)
    {
        yield return $"  \"{name}\": [";
        var first = true;
        foreach (var item in items)
        {
            yield return (first ? "\n    " : ",\n    ") + line(item);
            first = false;
        }
        yield return (first ? "]" : "\n  ]") + (last ? "\n" : ",\n");
    }

    /// <summary>The CSV: a header, then one row per ordered ENI pair and protocol entry (<c>from,to,protocol,ranges</c>).</summary>
    public static IEnumerable<string> Csv(ReachabilityMatrix matrix)
    {
        yield return "from,to,protocol,ranges\n";
        var row = new StringBuilder();
        foreach (var a in matrix.Enis)
        {
            foreach (var b in matrix.Enis)
            {
                if (ReferenceEquals(a, b))
                    continue;
                row.Clear();
                foreach (var entry in matrix.Allowed(a.Class, b.Class).Entries)
                    row.Append(a.EniId).Append(',').Append(b.EniId).Append(',').Append(TrafficJson.Name(entry.Protocol)).Append(',').Append(Ranges(entry)).Append('\n');
                if (row.Length > 0)
                    yield return row.ToString();
            }
        }
    }

    private static string Ranges(TrafficSetEntry entry) => entry.Protocol switch
    {
        { HasPorts: true } => string.Join(' ', entry.Ports.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.From}-{r.To}"))),
        { IsIcmp: true } => string.Join(' ', entry.IcmpTypes.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Type}/{t.Code}"))),
        _ => "",
    };
}
