namespace SgDesigner.Core.Terraform;

/// <summary>How a Terraform export is written (cli.md, <c>sgd export terraform</c>).</summary>
/// <param name="Style">Rule resources (default) or the groups' own blocks.</param>
/// <param name="ProviderBlock">
/// Also write <c>provider "aws"</c> with the region as a variable. Off by default, so the file drops into a root
/// module that configures its own provider.
/// </param>
public sealed record TerraformExportOptions(TerraformStyle Style = TerraformStyle.Rules, bool ProviderBlock = false);
