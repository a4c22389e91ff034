namespace SgDesigner.Web.Tests.Hosting;

/// <summary>The clone's top folder, found from the test binaries upwards, so that the tests run from any clone.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "SgDesigner.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"no SgDesigner.sln above {AppContext.BaseDirectory}");
    });

    /// <summary>A path inside the clone, e.g. <c>Path("tests", "data", "aws")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Folder.Value, .. parts]);
}
