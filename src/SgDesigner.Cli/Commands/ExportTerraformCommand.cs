using SgDesigner.Cli.Arguments;
using SgDesigner.Core.Terraform;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd export terraform POLICY [-o main.tf.json] [--style rules|inline] [--provider-block]</c>.</summary>
internal static class ExportTerraformCommand
{
    public static CommandDefinition Definition { get; } = new(
        "export terraform",
        "Terraform JSON (.tf.json) for the policy's groups and rules",
        """
        Usage: sgd export terraform POLICY [--style rules|inline] [--provider-block] [-o main.tf.json]

        Writes Terraform's JSON syntax for the AWS provider (hashicorp/aws >= 5.100, < 6.0, named in a
        terraform block). Style "rules" (default): one aws_security_group per group and one
        aws_vpc_security_group_ingress_rule / egress_rule per rule and peer; "inline": the groups' own
        ingress/egress blocks, except for groups that reference each other in a cycle, which are written in
        rules style (a note on stderr names them). A VPC's default group becomes aws_default_security_group.
        Group references are interpolations such as ${aws_security_group.web.id}; another account's group is
        111122223333/sg-...; CIDRs are masked; re-importing the export yields the same rules.
        The groups are validated first, as an edit would be: an invalid policy is refused (exit 2) and
        nothing is written.

        """,
        [
            new("--style", Description: "resource layout: rules or inline (default rules)", ValueName: "rules|inline", Completions: ["rules", "inline"]),
            OptionSpec.Switch("--provider-block", "also write provider \"aws\" with a \"region\" variable (default: none, so the file drops into a root module that configures its provider)"),
            OptionSpec.Writes("write to FILE (e.g. main.tf.json) instead of stdout"),
        ],
        Run,
        Arguments: [ArgumentSpec.Policy]);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("POLICY");
        var style = args.Choice("--style", "rules", "rules", "inline") == "inline" ? TerraformStyle.Inline : TerraformStyle.Rules;
        var file = args.Positionals[0];
        var estate = PolicyFile.Load(file, context).Estate;
        var export = TerraformExporter.TryExport(estate, new TerraformExportOptions(style, args.Has("--provider-block")));
        if (!export.IsOk)
        {
            var errors = export.Errors.Select(e => e.ToString()).ToList();
            throw CliError.InFile(file, null, $"cannot export: {errors.Count} error(s): {string.Join("; ", errors)}");
        }
        foreach (var note in export.Notes)
            context.Stderr.WriteLine($"sgd: note: {note}");
        context.WriteResult(export.Content!, args.Value("--output"));
        return 0;
    }
}
