using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Output;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Assertions;
using SgDesigner.Core.Model;
using SgDesigner.Core.Plans;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd impact --plan PLAN [--state STATE | --policy POLICY]</c>: a Terraform plan in reachability terms.</summary>
internal static class ImpactCommand
{
    public static CommandDefinition Definition { get; } = new(
        "impact",
        "the flows a Terraform plan opens and closes, with the resources responsible",
        """
        Usage: sgd impact --plan PLAN_JSON [--state STATE_JSON | --policy POLICY] [--assertions FILE]
                          [--json] [-o FILE]

        Reads a Terraform plan as `terraform show -json tfplan` prints it, applies its creates, updates
        and deletes of aws_security_group, aws_default_security_group, aws_security_group_rule,
        aws_vpc_security_group_ingress_rule/_egress_rule, aws_network_acl, aws_default_network_acl,
        aws_network_acl_rule and aws_network_acl_association to what is deployed, and prints the flows
        it opens and closes (as sgd diff does), naming the resource behind each rule: a rule resource's
        id is its address; a flow a network ACL change decides says "by network ACL" and the resources.
        What is deployed: the instances, groups and ACLs of --state (`terraform show -json` of a state),
        or of the policy --policy (whose groups and ACLs a plan's new ones deploy when VPC and name
        match), or else the plan's own prior state. Groups, ACLs and rules the plan does not hold stay
        as they are.
        --assertions FILE: expected flows as for sgd check; one that held before the plan and fails
        after it blocks the plan, as does an error finding of sgd lint that the plan adds.
        Exit 0 when the plan opens nothing, 1 when it opens flows, 3 when it is blocked, 2 on bad input.

        """,
        [
            new("--plan", Description: "the plan: terraform show -json tfplan (required)", ValueName: "PLAN_JSON"),
            new("--state", Description: "what is deployed: terraform show -json of the state", ValueName: "STATE_JSON"),
            new("--policy", Description: "what is deployed or designed: a policy document", ValueName: "POLICY"),
            new("--assertions", Description: "expected flows (sgd check's format) that gate the plan", ValueName: "FILE"),
            OptionSpec.Switch("--json", "one JSON object: the plan's resources, sgd diff's fields, the gates and the verdict"),
            OptionSpec.Writes("write the report to FILE instead of stdout"),
        ],
        Run);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals();
        var planFile = args.Required("--plan");
        if (args.Value("--state") is not null && args.Value("--policy") is not null)
            throw new CliError("impact: give --state or --policy, not both");
        var plan = TerraformPlanReader.Read(CommandContext.ReadFile(planFile), planFile);
        if (!plan.IsOk)
            throw new CliError(plan.Error!);
        var warnings = new List<string>();
        Estate? deployed = null;
        if (args.Value("--state") is { } stateFile)
        {
            var state = StateEstate.Read(CommandContext.ReadFile(stateFile), stateFile, warnings);
            deployed = state.IsOk ? state.Value : throw new CliError(state.Error!);
        }
        else if (args.Value("--policy") is { } policy)
        {
            deployed = PolicyFile.Load(policy, context).Estate;
        }
        var assertions = new List<FlowAssertion>();
        if (args.Value("--assertions") is { } assertionFile)
        {
            var parsed = AssertionParser.Parse(CommandContext.ReadFile(assertionFile));
            if (!parsed.IsOk)
                throw CliError.InFile(assertionFile, parsed.Errors[0].Path, parsed.Errors[0].Message);
            assertions.AddRange(parsed.Assertions);
        }
        var impact = PlanImpact.Of(plan.Value, deployed, assertions);
        if (!impact.IsOk)
            throw CliError.InFile(planFile, null, impact.Error!);
        if (impact.Value.AssertionError is { } error)
            throw CliError.InFile(args.Value("--assertions")!, error.Place, error.Message);
        foreach (var warning in warnings.Concat(impact.Value.Warnings).Distinct())
            context.Stderr.WriteLine($"sgd: warning: {warning}");
        var json = PlanImpactAnswer.Json(impact.Value);
        context.WriteResult(args.Has("--json") ? json : ImpactText.From(json), args.Value("--output"));
        return PlanImpactAnswer.ExitCode(impact.Value);
    }
}
