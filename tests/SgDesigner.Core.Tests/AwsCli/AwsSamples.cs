using SgDesigner.Core.AwsCli;

namespace SgDesigner.Core.Tests.AwsCli;

/// <summary>The real AWS CLI samples under <c>tests/data/aws</c>, found relative to the repository.</summary>
internal static class AwsSamples
{
    public static string Root { get; } = FindRoot();

    public static IReadOnlyList<string> Datasets { get; } =
    [
        "batfish-hybrid-cloud-aws-usw2", "batfish-sg-edge-cases", "batfish-test-nat-gateway", "batfish-test-subnet",
        "cloudmapper-demo", "pybatfish-hybrid-cloud/us-east-2", "pybatfish-hybrid-cloud/us-west-2",
    ];

    public static List<AwsCliFile> Load(string dataset) =>
        [.. Directory.GetFiles(Path.Combine(Root, dataset), "*.json").Order(StringComparer.Ordinal)
            .Select(path => new AwsCliFile(Path.GetFileName(path), File.ReadAllText(path)))];

    public static AwsImportResult Import(string dataset)
    {
        var result = AwsCliImporter.Import(Load(dataset));
        Assert.True(result.IsOk, result.Error?.ToString());
        return result;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SgDesigner.sln")))
                return Path.Combine(dir.FullName, "tests", "data", "aws");
        }
        throw new InvalidOperationException("SgDesigner.sln not found above " + AppContext.BaseDirectory);
    }
}
