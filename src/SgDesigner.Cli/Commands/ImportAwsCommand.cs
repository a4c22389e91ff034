using SgDesigner.Cli.Arguments;
using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Documents;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd import aws</c>: a policy document from the JSON that <c>aws ec2 describe-*</c> prints.</summary>
internal static class ImportAwsCommand
{
    private static readonly (string Flag, AwsCliFileKind Kind, string Description)[] FileFlags =
    [
        ("--security-groups", AwsCliFileKind.SecurityGroups, "describe-security-groups output (required without --dir)"),
        ("--instances", AwsCliFileKind.Instances, "describe-instances output"),
        ("--network-interfaces", AwsCliFileKind.NetworkInterfaces, "describe-network-interfaces output"),
        ("--subnets", AwsCliFileKind.Subnets, "describe-subnets output"),
        ("--vpcs", AwsCliFileKind.Vpcs, "describe-vpcs output"),
        ("--network-acls", AwsCliFileKind.NetworkAcls, "describe-network-acls output"),
    ];

    public static CommandDefinition Definition { get; } = new(
        "import aws",
        "a policy document from the JSON of aws ec2 describe-*",
        """
        Usage: sgd import aws --security-groups FILE [--instances FILE] [--network-interfaces FILE]
                              [--subnets FILE] [--vpcs FILE] [--network-acls FILE] [--prefix-lists FILE...]
                              [--name NAME] [-o POLICY]
               sgd import aws --dir DIR [--name NAME] [-o POLICY]

        Reads what these print: aws ec2 describe-security-groups, describe-instances,
        describe-network-interfaces, describe-subnets, describe-vpcs, describe-network-acls, and for prefix lists
        describe-prefix-lists (with their Cidrs) or describe-managed-prefix-lists together with
        get-managed-prefix-list-entries (name that file after its list: entries-pl-0123abcd.json).
        --dir reads every such file of a folder under its usual name (SecurityGroups.json,
        Reservations.json, ... or ec2-describe-security-groups.json, ...).
        Writes the policy document to POLICY, or to stdout. Warnings (masked CIDRs, stale references,
        duplicated ids kept apart) go to stderr.

        """,
        [
            .. FileFlags.Select(f => new OptionSpec(f.Flag, Description: f.Description, ValueName: "FILE")),
            new("--prefix-lists", Many: true, Description: "describe-prefix-lists / describe-managed-prefix-lists / get-managed-prefix-list-entries outputs", ValueName: "FILE"),
            new("--dir", Description: "a folder of such files"),
            new("--name", Description: "the policy's name (default: the folder's or file's name)"),
            OptionSpec.Writes("write the policy document to POLICY instead of stdout", "POLICY"),
        ],
        Run,
        Arguments: []);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals();
        var dir = args.Value("--dir");
        if (dir is null && !args.Has("--security-groups"))
            throw args.Usage("--security-groups (or --dir) is required");
        var files = new List<AwsCliFile>();
        if (dir is not null)
            files.AddRange(FilesOf(dir, context));
        foreach (var (flag, kind, _) in FileFlags)
        {
            if (args.Value(flag) is { } path)
                files.Add(Read(path, kind, context));
        }
        files.AddRange(args.Values("--prefix-lists").Select(path => Read(path, null, context)));

        context.Progress.Stage($"sgd import aws: importing {files.Count} file(s)");
        var result = AwsCliImporter.Import(files);
        context.Cancellation.ThrowIfCancellationRequested();
        if (result.Estate is null)
            throw new CliError(result.Error?.ToString() ?? "the import failed");
        foreach (var warning in result.Warnings)
            context.Stderr.WriteLine($"sgd: warning: {warning}");
        // What AWS never holds (a control character, a name over 255 characters…) is refused as the web import refuses it.
        if (!result.Errors.IsEmpty)
        {
            var errors = result.Errors.Select(e => e.ToString()).ToList();
            throw CliError.InFile(dir ?? args.Value("--security-groups")!, null, $"cannot import: {errors.Count} error(s): {string.Join("; ", errors)}");
        }
        var name = args.Value("--name") ?? DefaultName(dir, args.Value("--security-groups"));
        var document = new PolicyDocument(name, $"imported from the AWS CLI output in {dir ?? args.Value("--security-groups")}", result.Estate);
        context.WriteResult(PolicyDocumentJson.Write(document), args.Value("--output"));
        return 0;
    }

    internal static IEnumerable<AwsCliFile> FilesOf(string dir, CommandContext context)
    {
        if (!Directory.Exists(dir))
            throw CliError.InFile(dir, null, "folder not found");
        var known = Directory.EnumerateFiles(dir, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(path => (Path: path, Kind: AwsCliFileKinds.FromFileName(path)))
            .ToList();
        foreach (var skipped in known.Where(f => f.Kind is null))
            context.Stderr.WriteLine($"sgd: warning: {skipped.Path}: not an AWS CLI output name this import knows; skipped");
        var files = known.Where(f => f.Kind is not null).Select(f => Read(f.Path, f.Kind, context)).ToList();
        if (!files.Any(f => f.Kind == AwsCliFileKind.SecurityGroups))
            throw CliError.InFile(dir, null, "no security groups file (SecurityGroups.json or ec2-describe-security-groups.json) in the folder");
        return files;
    }

    internal static AwsCliFile Read(string path, AwsCliFileKind? kind, CommandContext context)
    {
        context.Cancellation.ThrowIfCancellationRequested();
        context.Progress.Stage($"sgd import aws: reading {path}");
        return new AwsCliFile(path, CommandContext.ReadFile(path), kind);
    }

    private static string DefaultName(string? dir, string? securityGroups)
    {
        var name = dir is not null
            ? new DirectoryInfo(Path.GetFullPath(dir)).Name
            : Path.GetFileNameWithoutExtension(securityGroups!);
        return string.IsNullOrWhiteSpace(name) ? "imported" : name;
    }
}
