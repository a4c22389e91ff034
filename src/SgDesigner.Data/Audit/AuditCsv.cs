using System.Globalization;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Audit;

/// <summary>
/// The audit trail as CSV (RFC 4180): a header line, CRLF line ends, a field quoted when it holds a comma, a
/// quote, CR or LF, and quotes inside doubled. A field that a spreadsheet would run as a formula (starting with
/// =, +, -, @, tab or CR) gets a leading apostrophe: names and details are user-controlled text.
/// </summary>
public static class AuditCsv
{
    /// <summary>The columns, in order.</summary>
    public static readonly IReadOnlyList<string> Header =
        ["at", "actor", "actor_user_id", "action", "target_kind", "target_id", "policy_id", "remote_address", "details"];

    /// <summary>The whole document as a string.</summary>
    public static string Write(IEnumerable<AuditEntry> entries)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteAsync(entries, writer, CancellationToken.None).GetAwaiter().GetResult();
        return writer.ToString();
    }

    /// <summary>Writes the header and one line per entry.</summary>
    public static async Task WriteAsync(IEnumerable<AuditEntry> entries, TextWriter writer, CancellationToken ct)
    {
        await writer.WriteAsync(Line(Header));
        foreach (var e in entries)
        {
            ct.ThrowIfCancellationRequested();
            await writer.WriteAsync(Line([
                e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), e.Actor,
                e.ActorUserId?.ToString(), e.Action, e.TargetKind, e.TargetId, e.PolicyId?.ToString(), e.RemoteAddress, e.Details,
            ]));
        }
    }

    /// <summary>One field, quoted and neutralised as needed.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
            return value;
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";
}
