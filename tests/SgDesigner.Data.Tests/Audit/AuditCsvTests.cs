using SgDesigner.Data.Audit;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Tests.Audit;

public sealed class AuditCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    public void AFieldIsQuotedWhenItMustBeAndAFormulaIsDefused(string value, string expected) =>
        Assert.Equal(expected, AuditCsv.Field(value));

    [Fact]
    public void EveryLineHasAllColumnsAndParsesBackToTheSameValues()
    {
        var at = new DateTime(2026, 11, 25, 19, 0, 0, DateTimeKind.Utc);
        var entries = new[]
        {
            new AuditEntry(at, "alice", "policy.created", null),
            new AuditEntry(at.AddSeconds(1), "bob, jr.", "request.commented", "he said \"no\",\nthen yes", Guid.NewGuid(), Guid.NewGuid(), "change-request", "r1", "2001:db8::1"),
        };

        var rows = CsvReader.Parse(AuditCsv.Write(entries));

        Assert.All(rows, r => Assert.Equal(AuditCsv.Header.Count, r.Count));
        Assert.Equal(["2026-11-25T19:00:00.0000000Z", "alice", "", "policy.created", "", "", "", "", ""], rows[1]);
        Assert.Equal(["bob, jr.", "he said \"no\",\nthen yes", "2001:db8::1"], [rows[2][1], rows[2][8], rows[2][7]]);
    }
}

/// <summary>A strict RFC 4180 reader, to check what the writer produces.</summary>
internal static class CsvReader
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                for (i++; ; i++)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                        field.Append(text[++i]);
                    else if (text[i] == '"')
                        break;
                    else
                        field.Append(text[i]);
                }
                i++;
            }
            else if (text[i] == ',')
            {
                row.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r' && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i += 2;
            }
            else
            {
                field.Append(text[i++]);
            }
        }
        Assert.Empty(row);
        return rows;
    }
}
