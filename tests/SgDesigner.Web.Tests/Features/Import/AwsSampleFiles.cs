using SgDesigner.Web.Tests.Hosting;
using SgDesigner.Web.Features.Import;

namespace SgDesigner.Web.Tests.Features.Import;

/// <summary>The real AWS CLI sample sets under <c>tests/data/aws</c>, as files a user would upload.</summary>
public static class AwsSampleFiles
{
    /// <summary>Every sample set, by folder under <c>tests/data/aws</c>.</summary>
    public static TheoryData<string> Sets { get; } =
    [
        "batfish-hybrid-cloud-aws-usw2", "batfish-sg-edge-cases", "batfish-test-nat-gateway", "batfish-test-subnet",
        "cloudmapper-demo", "pybatfish-hybrid-cloud/us-east-2", "pybatfish-hybrid-cloud/us-west-2",
    ];

    /// <summary>The JSON files of one set, by path.</summary>
    public static IReadOnlyList<string> Paths(string set) =>
        [.. Directory.GetFiles(Path.Combine(DataFolder.Value, set), "*.json").Order(StringComparer.Ordinal)];

    /// <summary>The JSON files of one set, read as the import page reads an upload.</summary>
    public static IReadOnlyList<UploadedFile> Read(string set) =>
        [.. Paths(set).Select(path => new UploadedFile(Path.GetFileName(path), File.ReadAllText(path)))];

    private static readonly Lazy<string> DataFolder = new(() => RepositoryRoot.Path("tests", "data", "aws"));
}
