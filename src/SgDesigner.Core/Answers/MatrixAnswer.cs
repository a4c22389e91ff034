using System.Collections.Concurrent;
using System.Collections.Immutable;
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
    public static IEnumerable<string> Json(Estate estate, ReachabilityMatrix matrix) =>
        JsonUtf8(estate, matrix).Select(chunk => Encoding.UTF8.GetString(chunk.Span));

    /// <summary>
    /// The JSON document of <see cref="Json"/> as UTF-8 chunks of whole lines, for writing straight to a file or a
    /// response: a large estate has tens of millions of cells. Each chunk is valid until the next one is asked for.
    /// </summary>
    /// <remarks>
    /// Cells come row by row from walkers (<see cref="MatrixCellWalker"/>), chunks of rows on every core and put back
    /// in row order (<see cref="MatrixRowChunks"/>), so the bytes are those of one walker. Equal cells share a set
    /// number, so each distinct set is written once per walker and its bytes are copied into every cell that holds it.
    /// </remarks>
    public static IEnumerable<ReadOnlyMemory<byte>> JsonUtf8(Estate estate, ReachabilityMatrix matrix)
    {
        var instanceNames = estate.Instances.ToDictionary(i => i.Id, i => i.Name);
        var descriptions = estate.NetworkInterfaces.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First().Description);
        var output = new Utf8Chunks();
        using var json = new JsonLineWriter();
        output.Append("{\n");
        output.Append("  \"enis\": [");
        var first = true;
        foreach (var eni in matrix.Enis)
        {
            var name = eni.InstanceId is { } i ? instanceNames.GetValueOrDefault(i) : null;
            output.Append(first ? "\n    " : ",\n    ").Append(json.Line((eni, name ?? descriptions.GetValueOrDefault(eni.EniId)), static (w, e) =>
            {
                w.WriteStartObject();
                w.WriteString("id", e.eni.EniId);
                w.WriteString("instance", e.eni.InstanceId);
                w.WriteString("name", e.Item2);
                w.WriteNumber("class", e.eni.Class);
                w.WriteEndObject();
            }));
            first = false;
            if (output.Full)
                yield return output.Take();
        }
        output.Append(first ? "]" : "\n  ]").Append(",\n");
        output.Append("  \"classes\": [");
        first = true;
        foreach (var c in matrix.Classes)
        {
            output.Append(first ? "\n    " : ",\n    ").Append(json.Line(c, static (w, c) =>
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
            }));
            first = false;
            if (output.Full)
                yield return output.Take();
        }
        output.Append(first ? "]" : "\n  ]").Append(",\n");
        output.Append("  \"cells\": [");
        yield return output.Take();
        // Each chunk of rows is written on a core of its own; its lines start with ",\n    ", but for the first line.
        // A cell is some 70 bytes: smaller chunks than the engine's keep the waiting text to a few megabytes.
        var spares = new ConcurrentBag<Utf8Chunks>();
        var chunks = MatrixRowChunks.InOrder(matrix, walker => new CellLines(walker, matrix.Classes),
            (lines, rows) => lines.Write(rows, spares.TryTake(out var spare) ? spare : new Utf8Chunks()), cellsPerChunk: 32 * 1024);
        first = true;
        foreach (var chunk in chunks)
        {
            var bytes = chunk.Take();
            if (bytes.Length > 0)
            {
                yield return first ? bytes[1..] : bytes;
                first = false;
            }
            spares.Add(chunk);
        }
        output.Append(first ? "]" : "\n  ]").Append("\n");
        output.Append("}\n");
        yield return output.Take();
    }

    // One thread's writer of cell lines: its walker, and the bytes of ',"allowed":[...]}' per set number of that walker,
    // written on first use (equal cells share a set number, so each distinct set is serialised once).
    private sealed class CellLines(MatrixCellWalker walker, ImmutableArray<MatrixClass> classes)
    {
        private readonly int[] _row = new int[classes.Length];
        private readonly List<byte[]?> _allowed = [];

        public Utf8Chunks Write(RowRange rows, Utf8Chunks output)
        {
            for (var from = rows.Start; from < rows.End; from++)
            {
                if (!walker.FillRow(from, _row))
                    continue;
                for (var to = 0; to < _row.Length; to++)
                {
                    var set = _row[to];
                    // A class of one ENI has no *other* ENI to reach within itself, so its diagonal cell is no pair.
                    if (set == MatrixCellWalker.EmptyId || from == to && classes[from].EniIds.Length <= 1)
                        continue;
                    while (_allowed.Count <= set)
                        _allowed.Add(null);
                    var tail = _allowed[set] ??= AllowedTail(walker.Set(set));
                    output.Append(",\n    {\"from\":"u8).Append(from).Append(",\"to\":"u8).Append(to).Append(tail);
                }
            }
            return output;
        }
    }

    // ',"allowed":[...]}': the end of a cell's compact line, as AnswerJson.Line writes it.
    private static byte[] AllowedTail(TrafficSet set)
    {
        var line = AnswerJson.Line(w =>
        {
            w.WriteStartObject();
            TrafficJson.WriteArray(w, "allowed", set);
            w.WriteEndObject();
        });
        return Encoding.UTF8.GetBytes("," + line[1..]);
    }

    /// <summary>The CSV: a header, then one row per ordered ENI pair and protocol entry (<c>from,to,protocol,ranges</c>).</summary>
    public static IEnumerable<string> Csv(ReachabilityMatrix matrix)
    {
        yield return "from,to,protocol,ranges\n";
        var walker = new MatrixCellWalker(matrix);
        var row = new int[matrix.ClassCount];
        var rowOf = -1;
        // ",protocol,ranges\n" per entry, per set number: the same few sets fill every pair.
        var entries = new List<string[]?>();
        var text = new StringBuilder();
        foreach (var a in matrix.Enis)
        {
            if (a.Class != rowOf)
            {
                walker.FillRow(a.Class, row);
                rowOf = a.Class;
            }
            text.Clear();
            foreach (var b in matrix.Enis)
            {
                var set = row[b.Class];
                if (set == MatrixCellWalker.EmptyId || ReferenceEquals(a, b))
                    continue;
                while (entries.Count <= set)
                    entries.Add(null);
                foreach (var entry in entries[set] ??= [.. walker.Set(set).Entries.Select(e => $",{TrafficJson.Name(e.Protocol)},{Ranges(e)}\n")])
                    text.Append(a.EniId).Append(',').Append(b.EniId).Append(entry);
                if (text.Length >= 64 * 1024)
                {
                    yield return text.ToString();
                    text.Clear();
                }
            }
            if (text.Length > 0)
                yield return text.ToString();
        }
    }

    private static string Ranges(TrafficSetEntry entry) => entry.Protocol switch
    {
        { HasPorts: true } => string.Join(' ', entry.Ports.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.From}-{r.To}"))),
        { IsIcmp: true } => string.Join(' ', entry.IcmpTypes.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Type}/{t.Code}"))),
        _ => "",
    };
}
