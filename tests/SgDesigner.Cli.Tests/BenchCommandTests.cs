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
    public void A_size_that_is_not_a_number_is_a_usage_error()
    {
        var run = SgdRun.Of("bench", "--instances", "lots");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--instances: 'lots' is not a whole number", run.ErrorLine);
    }
}
