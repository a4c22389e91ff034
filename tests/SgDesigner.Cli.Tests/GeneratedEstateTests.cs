using System.Globalization;
using System.Text;
using System.Text.Json;
using SgDesigner.Cli.Tests.Support;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Synthetic;

namespace SgDesigner.Cli.Tests;

/// <summary>
/// Every command on a synthetic estate. Expected answers follow from how the generator builds estates:
/// load-balancer groups admit tcp/443 from 0.0.0.0/0, and no tcp rule of any other group admits 8.8.8.8
/// (its CIDR rules are RFC 1918 ranges and partner blocks from 20.0.0.0 up).
/// </summary>
public sealed class GeneratedEstateTests : IDisposable
{
    private static readonly Estate Generated = EstateGenerator.Generate(new EstateGeneratorOptions(300, 40, 700, Seed: 9));
    private readonly TempFolder _folder = new();
    private readonly string _policy;

    public GeneratedEstateTests() =>
        _policy = _folder.Write("generated.json", PolicyDocumentJson.Write(new PolicyDocument("generated", null, Generated)));

    [Fact]
    public void The_internet_reaches_load_balancers_on_443_but_not_databases_on_5432()
    {
        var lb = EniOfTier("lb");
        var db = EniOfTier("db");
        var assertions = _folder.Write("flows.jsonl", string.Join('\n',
            $$"""{"from": "8.8.8.8", "to": "{{lb.Id}}", "protocol": "tcp", "port": 443, "expect": "allow"}""",
            $$"""{"from": "8.8.8.8", "to": "{{db.Id}}", "protocol": "tcp", "port": 5432, "expect": "deny"}"""));
        var run = SgdRun.Of("check", _policy, "--assertions", assertions);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 passed, 0 failed", run.Stdout);
    }

    [Fact]
    public void Batch_answers_agree_with_the_matrix_cells()
    {
        var matrixRun = SgdRun.Of("matrix", _policy);
        Assert.Equal(0, matrixRun.ExitCode);
        using var matrix = JsonDocument.Parse(matrixRun.Stdout);
        var enis = matrix.RootElement.GetProperty("enis").EnumerateArray().ToList();
        Assert.Equal(Generated.NetworkInterfaces.Length, enis.Count);
        var classOf = enis.ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("class").GetInt32());
        var tcpCells = matrix.RootElement.GetProperty("cells").EnumerateArray().ToDictionary(
            c => (c.GetProperty("from").GetInt32(), c.GetProperty("to").GetInt32()),
            c => c.GetProperty("allowed").EnumerateArray().ToList());

        // For random pairs and ports, the batch verdict is "allowed" exactly when the cell holds the port.
        var random = new Random(5);
        var ids = classOf.Keys.ToArray();
        var queries = new StringBuilder();
        var expected = new List<bool>();
        for (var i = 0; i < 200; i++)
        {
            var (a, b) = (ids[random.Next(ids.Length)], ids[random.Next(ids.Length)]);
            if (a == b)
                continue;
            var port = random.Next(3) == 0 ? 443 : random.Next(1, 65536);
            var entries = tcpCells.GetValueOrDefault((classOf[a], classOf[b])) ?? [];
            expected.Add(entries.Any(e => e.GetProperty("protocol").GetString() == "all"
                || e.GetProperty("protocol").GetString() == "tcp" && e.GetProperty("ports").EnumerateArray().Any(r => r[0].GetInt32() <= port && port <= r[1].GetInt32())));
            queries.Append(CultureInfo.InvariantCulture, $$"""{"from": "{{a}}", "to": "{{b}}", "protocol": "tcp", "port": {{port}}}""").Append('\n');
        }
        var run = SgdRun.Of("reach", _policy, "--batch", _folder.Write("pairs.jsonl", queries.ToString()));

        Assert.Equal(0, run.ExitCode);
        var answers = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("allowed").GetBoolean()).ToList();
        Assert.Equal(expected, answers);
        Assert.Contains(true, answers);
    }

    [Fact]
    public void Removing_a_rule_shows_in_the_diff_and_lint_reports_in_json()
    {
        var group = Generated.Groups.First(g => g.Rules.Length > 2);
        var removed = group.Rules[1];
        var edited = _folder.Write("edited.json", PolicyDocumentJson.Write(new PolicyDocument("edited", null,
            Generated.WithGroup(group with { Rules = group.Rules.RemoveAt(1) }))));

        var diff = SgdRun.Of("diff", _policy, edited, "--json");
        Assert.Equal(0, diff.ExitCode);
        using var doc = JsonDocument.Parse(diff.Stdout);
        var changed = Assert.Single(doc.RootElement.GetProperty("rules").EnumerateArray());
        Assert.Equal(group.Id, changed.GetProperty("group").GetString());
        Assert.Equal(removed.Id, Assert.Single(changed.GetProperty("removed").EnumerateArray()).GetProperty("id").GetString());

        var lint = SgdRun.Of("lint", _policy, "--json", "--fail-on", "error");
        Assert.InRange(lint.ExitCode, 0, 1);
        using var findings = JsonDocument.Parse(lint.Stdout);
        Assert.Equal(lint.ExitCode == 1, findings.RootElement.GetProperty("failed").GetBoolean());
    }

    [Fact]
    public void The_terraform_export_imports_back_to_the_same_rules()
    {
        var tf = _folder.File("main.tf.json");
        var back = _folder.File("back.json");
        Assert.Equal(0, SgdRun.Of("export", "terraform", _policy, "-o", tf).ExitCode);
        Assert.Equal(0, SgdRun.Of("import", "terraform", tf, "-o", back).ExitCode);
        using var diff = JsonDocument.Parse(SgdRun.Of("diff", _policy, back, "--json").Stdout);
        Assert.Empty(diff.RootElement.GetProperty("rules").EnumerateArray());
    }

    private static NetworkInterface EniOfTier(string tier)
    {
        var groups = Generated.Groups.Where(g => g.Tags["tier"] == tier).Select(g => g.Id).ToHashSet();
        return Generated.NetworkInterfaces.First(e => groups.Contains(e.GroupIds[0]));
    }

    public void Dispose() => _folder.Dispose();
}
