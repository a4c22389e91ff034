using SgDesigner.Cli.Arguments;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Insight;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Validation;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd explain-rule POLICY RULE_ID [--json]</c>: the flows only the rule allows, and those other rules allow too.</summary>
internal static class ExplainRuleCommand
{
    public static CommandDefinition Definition { get; } = new(
        "explain-rule",
        "what a rule is for: the flows only it allows, and those other rules allow too",
        """
        Usage: sgd explain-rule POLICY RULE_ID [--json] [--limit N] [-o FILE]

        A flow is a connection the policy allows (the other side's rules included) that the rule matches.
        Lists the flows only this rule allows, which removing it would close, and the flows other rules
        allow too, with those rules. A rule that allows nothing says why: no ENI carries its group, its
        peer matches nothing, or the other side never lets the connection through. Flows read like
        'sgd diff': ENIs by their groups, outside endpoints by their blocks.

        """,
        [
            OptionSpec.Switch("--json", "one JSON object: {\"rule\", \"summary\", \"allowsNothing\", \"redundant\", \"nothingBecause\", \"onlyThis\": {\"total\", \"flows\"}, \"alsoAllowed\": {\"total\", \"flows\"}}"),
            new("--limit", Description: "show at most N flows per list (default 50); the total is always given", ValueName: "N"),
            OptionSpec.Writes("write the answer to FILE instead of stdout"),
        ],
        Run,
        Arguments: [ArgumentSpec.Policy, new("RULE_ID", "the rule's id (sgr-…), as 'sgd lint' and the designer show it")]);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("POLICY", "RULE_ID");
        var limit = args.Int("--limit", 1, 100_000) ?? RuleInsightAnswer.DefaultLimit;
        var policy = PolicyFile.Load(args.Positionals[0], context);
        var ruleId = args.Positionals[1];
        if (RuleInsight.Find(policy.Estate, ruleId) is null)
        {
            var close = RuleInsight.Closest(policy.Estate, ruleId);
            var hint = close.IsEmpty ? "" : $"; did you mean {string.Join(", ", close)}?";
            throw args.Usage($"RULE_ID: no group of {args.Positionals[0]} has a rule {QuotedValue.Of(ruleId)}{hint}");
        }
        var insight = RuleInsight.Of(ReachabilityEngine.Build(policy.Estate), ruleId, context.Cancellation);
        context.WriteResult(args.Has("--json") ? RuleInsightAnswer.Json(insight, limit) : RuleInsightAnswer.Text(insight, limit), args.Value("--output"));
        return 0;
    }
}
