using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Output;
using SgDesigner.Core.Answers;
using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Drift;
using SgDesigner.Core.Model;
using SgDesigner.Core.Plans;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd drift POLICY --deployed DIR_OR_FILE</c>: the design against what is deployed; exit 1 on drift.</summary>
internal static class DriftCommand
{
    public static CommandDefinition Definition { get; } = new(
        "drift",
        "the design against what is deployed, in flows; exit 1 when they differ",
        """
        Usage: sgd drift POLICY --deployed DIR_OR_FILE [--json] [-o FILE]

        Compares the policy (the design) with a snapshot of what is deployed: a folder of AWS CLI
        describe-* output (as sgd import aws --dir reads), one describe-security-groups file, or a
        Terraform state as `terraform show -json` prints it. Prints the flows deployed but not designed
        (someone opened something), the flows designed but not deployed (not applied yet, or removed by
        hand), and the groups and rules behind them. Deployed groups the design knows under another id
        are matched by VPC and name; the same rule under another id is no difference. A snapshot without
        network interfaces is evaluated on the design's instances.
        Exit 0 when in sync, 1 when they differ, 2 on bad input. For a nightly job.

        """,
        [
            new("--deployed", Description: "the snapshot: an AWS CLI folder or file, or a Terraform state (required)", ValueName: "DIR_OR_FILE"),
            OptionSpec.Switch("--json", "one JSON object: inSync, the counts, and sgd diff's fields from designed to deployed"),
            OptionSpec.Writes("write the report to FILE instead of stdout"),
        ],
        Run,
        Arguments: [ArgumentSpec.Policy]);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("POLICY");
        var designed = PolicyFile.Load(args.Positionals[0], context).Estate;
        var deployed = Deployed(args.Required("--deployed"), context);
        var drift = DeploymentDrift.Between(designed, deployed);
        var json = DriftAnswer.Json(drift);
        context.WriteResult(args.Has("--json") ? json : DriftText.From(json), args.Value("--output"));
        return drift.InSync ? 0 : 1;
    }

    /// <summary>The snapshot: a folder of AWS CLI output, a Terraform state, or one AWS CLI file.</summary>
    /// <remarks>Read as the app's snapshot upload reads it, so a snapshot without any security group (a state of other
    /// resources, describe-instances alone) is bad input here too, not "everything designed is missing".</remarks>
    private static Estate Deployed(string path, CommandContext context)
    {
        var files = Directory.Exists(path)
            ? ImportAwsCommand.FilesOf(path, context).ToList()
            : [ImportAwsCommand.Read(path, null, context)];
        var read = DeployedSnapshotReader.Read(files, Directory.Exists(path) ? DeployedSource.AwsCli : null);
        foreach (var warning in read.Warnings)
            context.Stderr.WriteLine($"sgd: warning: {warning}");
        return read.IsOk ? read.Estate! : throw new CliError(read.Errors[0].ToString());
    }
}
