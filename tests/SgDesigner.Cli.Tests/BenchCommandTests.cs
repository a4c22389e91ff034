using System.Text.Json;
using SgDesigner.Cli.Tests.Support;

namespace SgDesigner.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public void Json_has_every_field_of_the_contract_for_the_requested_size()
    {
        var run = SgdRun.Of("bench", "--instances", "150", "--groups", "20", "--rules", "300", "--seed", "4", "--naive-ms", "100", "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.Equal(150, root.GetProperty("instances").GetInt32());
        Assert.Equal(20, root.GetProperty("groups").GetInt32());
        Assert.Equal(300, root.GetProperty("rules").GetInt32());
        foreach (var field in new[] { "indexMs", "matrixMs", "naiveMatrixMs", "pointQueryUs", "batchMs", "naiveBatchMs", "incrementalMs", "peakMemoryMb" })
            Assert.True(root.GetProperty(field).GetDouble() >= 0, field);
        Assert.True(root.GetProperty("peakMemoryMb").GetDouble() > 0);
        Assert.InRange(root.GetProperty("classes").GetInt32(), 1, root.GetProperty("enis").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("naiveNote").GetString()));
        Assert.Equal(100_000, root.GetProperty("batchQueries").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("naiveBatchNote").GetString()));
    }

    [Fact]
    public void Text_output_names_each_measurement()
    {
        var run = SgdRun.Of("bench", "--instances", "60", "--groups", "10", "--rules", "100", "--naive-ms", "50");
        Assert.Equal(0, run.ExitCode);
        foreach (var label in new[] { "index build", "all-pairs matrix", "naive matrix", "point query", "batch reach", "naive batch", "incremental update", "peak memory" })
            Assert.Contains(label, run.Stdout);
    }

    [Fact]
    public void With_network_acls_the_same_estate_is_timed_without_them_alongside()
    {
        var run = SgdRun.Of("bench", "--instances", "120", "--groups", "15", "--rules", "200", "--seed", "3", "--naive-ms", "50", "--network-acls", "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var overhead = doc.RootElement.GetProperty("networkAclOverhead");
        Assert.Equal(5, overhead.GetProperty("rounds").GetInt32());
        foreach (var field in new[] { "matrixCpuRatio", "pointQueryRatio", "batchRatio", "pointQueryUsWith", "pointQueryUsWithout", "batchMsWith", "batchMsWithout" })
            Assert.True(overhead.GetProperty(field).GetDouble() > 0, field);
        Assert.True(overhead.GetProperty("matrixCpuMsWith").GetDouble() >= 0);

        var text = SgdRun.Of("bench", "--instances", "60", "--groups", "10", "--rules", "100", "--naive-ms", "50", "--network-acls");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("network ACLs cost", text.Stdout);
        Assert.Contains("batch reach", text.Stdout);

        // Without the option nothing is timed twice.
        var plain = SgdRun.Of("bench", "--instances", "60", "--groups", "10", "--rules", "100", "--naive-ms", "50", "--json");
        using var plainDoc = JsonDocument.Parse(plain.Stdout);
        Assert.False(plainDoc.RootElement.TryGetProperty("networkAclOverhead", out _));
    }

    [Fact]
    public void A_size_that_is_not_a_number_is_a_usage_error()
    {
        var run = SgdRun.Of("bench", "--instances", "lots");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--instances: 'lots' is not a whole number", run.ErrorLine);
    }
}
