using System.Globalization;
using System.Net;
using System.Text;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Web.Features.Matrix;

/// <summary>
/// One row of the aggregated matrix's cells as HTML: a <c>td</c> per column with the extent and, when something is
/// allowed, the ports. As elements, a 53 × 53 table was 40,000 render frames and 2.2 MB sent to the browser on every
/// level or search change; as one string per row, the browser parses it natively and an unchanged row costs a string
/// comparison. Every text and attribute value from the estate (keys, labels, ports) is HTML-encoded.
/// </summary>
internal static class AggregateCellsMarkup
{
    /// <summary>The row's cells, for the first <paramref name="count"/> of <paramref name="columns"/>.</summary>
    public static string Of(AggregatedMatrix matrix, int row, IReadOnlyList<int> columns, int count, Func<TrafficSet, string> ports)
    {
        var from = matrix.Rows[row];
        var what = matrix.Filter is { } traffic ? $"allow {traffic}" : "allow some traffic";
        var html = new StringBuilder(count * 200);
        for (var c = 0; c < count; c++)
        {
            var to = matrix.Columns[columns[c]];
            var cell = matrix.Cell(row, columns[c]);
            var extent = Extent(cell.Extent);
            html.Append("<td class=\"ag-cell ag-").Append(extent).Append("\" data-testid=\"aggregate-cell\" data-from=\"")
                .Append(Encoded(from.Key)).Append("\" data-to=\"").Append(Encoded(to.Key))
                .Append("\" data-extent=\"").Append(extent).Append("\" title=\"")
                .Append(Encoded(from.Label)).Append(" to ").Append(Encoded(to.Label)).Append(": ")
                .Append(cell.AllowedPairs.ToString("N0", CultureInfo.InvariantCulture)).Append(" of ")
                .Append(cell.Pairs.ToString("N0", CultureInfo.InvariantCulture)).Append(" ordered pairs of distinct instances ")
                .Append(Encoded(what)).Append("\"><span class=\"ag-extent\">").Append(Encoded(cell.ExtentText)).Append("</span>");
            if (!cell.Allowed.IsEmpty)
                html.Append("<span class=\"ag-ports\" data-testid=\"aggregate-ports\">").Append(Encoded(ports(cell.Allowed))).Append("</span>");
            html.Append("</td>");
        }
        return html.ToString();
    }

    private static string Extent(AggregateExtent extent) => extent switch
    {
        AggregateExtent.All => "all",
        AggregateExtent.Some => "some",
        _ => "none",
    };

    // Quotes, angle brackets and ampersands: safe in text and in a double-quoted attribute.
    private static string Encoded(string text) => WebUtility.HtmlEncode(text);
}
