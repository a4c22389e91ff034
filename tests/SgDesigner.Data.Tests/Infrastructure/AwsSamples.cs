using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Model;

namespace SgDesigner.Data.Tests.Infrastructure;

/// <summary>The real AWS CLI samples under <c>tests/data/aws</c>, imported with Core's importer.</summary>
internal static class AwsSamples
{
    public static TheoryData<string> Datasets { get; } =
    [
        "batfish-hybrid-cloud-aws-usw2", "batfish-sg-edge-cases", "batfish-test-nat-gateway", "batfish-test-subnet",
        "cloudmapper-demo", "pybatfish-hybrid-cloud/us-east-2", "pybatfish-hybrid-cloud/us-west-2",
    ];

    public static Estate Import(string dataset)
    {
        var folder = Path.Combine(RepoRoot(), "tests", "data", "aws", dataset);
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(path => new AwsCliFile(Path.GetFileName(path), File.ReadAllText(path)));
        var result = AwsCliImporter.Import(files);
        Assert.True(result.IsOk, result.Error?.ToString());
        return result.Estate!;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SgDesigner.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("SgDesigner.sln not found above " + AppContext.BaseDirectory);
    }
}
