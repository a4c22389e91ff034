using SgDesigner.Cli.Arguments;
using SgDesigner.Core.Terraform;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd export terraform POLICY [-o main.tf.json] [--style rules|inline]</c>.</summary>
internal static class ExportTerraformCommand
{
    public static CommandDefinition Definition { get; } = new(
        "export terraform",
        "Terraform JSON (.tf.json) for the policy's groups and rules",
        """
        Usage: sgd export terraform POLICY [--style rules|inline] [-o main.tf.json]

        Writes Terraform's JSON syntax for the AWS provider. Style "rules" (default): one
        aws_security_group per group and one aws_vpc_security_group_ingress_rule / egress_rule per rule
        and peer; "inline": the groups' own ingress/egress blocks. Group references are interpolations
        such as ${aws_security_group.web.id}; CIDRs are masked; re-importing the export yields the same rules.

        Options:
          --style rules|inline   resource layout (default rules)
          -o, --output FILE      write to FILE (e.g. main.tf.json) instead of stdout

        """,
        [new("--style"), OptionSpec.Output],
        Run);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("POLICY");
        var style = args.Choice("--style", "rules", "rules", "inline") == "inline" ? TerraformStyle.Inline : TerraformStyle.Rules;
        var estate = PolicyFile.Load(args.Positionals[0], context).Estate;
        context.WriteResult(TerraformExporter.Export(estate, style), args.Value("--output"));
        return 0;
    }
}
