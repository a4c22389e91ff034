namespace SgDesigner.Core.Terraform;

/// <summary>How rules are written in a Terraform export (cli.md, <c>sgd export terraform --style</c>).</summary>
public enum TerraformStyle
{
    /// <summary>One <c>aws_vpc_security_group_ingress_rule</c>/<c>_egress_rule</c> resource per rule (the default).</summary>
    Rules,
    /// <summary>The group's own <c>ingress</c>/<c>egress</c> blocks.</summary>
    Inline,
}
