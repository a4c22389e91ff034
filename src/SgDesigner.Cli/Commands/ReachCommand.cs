using System.Text;
using SgDesigner.Cli.Arguments;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd reach</c>: can one endpoint open a connection to another, and why (single or batch).</summary>
internal static class ReachCommand
{
    private static readonly string[] SingleQueryOptions = ["--from", "--to", "--protocol", "--port", "--icmp-type", "--icmp-code", "--json"];

    public static CommandDefinition Definition { get; } = new(
        "reach",
        "can SRC open a connection to DST with that traffic, and which rules decide it",
        """
        Usage: sgd reach POLICY --from SRC --to DST --protocol P [--port N] [--icmp-type T [--icmp-code C]] [--json]
               sgd reach POLICY --batch FILE [-o FILE]

        SRC and DST: an instance id (its primary ENI), an ENI id, an instance's Name tag, a private IP
        of an ENI in the policy, or any other IP address (outside the estate: only the estate side's
        rules apply). P: tcp, udp, icmp, icmpv6 or a protocol number (50, 47, ...). tcp and udp need
        --port; icmp and icmpv6 need --icmp-type (the code defaults to 0).

        Prints the verdict and why: the source's outbound and the destination's inbound rules that
        allow it, or which side denies it and the nearest rule that almost matched. The return traffic
        of an allowed connection is allowed too: security groups are stateful.

        Options:
          --json              one JSON object with from, to, protocol, allowed, egress, ingress, explanation
          --batch FILE        one JSON query per line ({"from":..., "to":..., "protocol":..., "port":...} or
                              with "icmpType"/"icmpCode"); prints one JSON answer per line, in order; a line
                              that cannot be answered prints {"error": "..."} and the exit code is then 2
          -o, --output FILE   write the answer to FILE instead of stdout

        """,
        [new("--from"), new("--to"), new("--protocol"), new("--port"), new("--icmp-type"), new("--icmp-code"),
         new("--batch"), OptionSpec.Switch("--json"), OptionSpec.Output],
        Run);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("POLICY");
        if (args.Value("--batch") is { } batch)
        {
            var single = SingleQueryOptions.FirstOrDefault(args.Has);
            if (single is not null)
                throw args.Usage($"{single} cannot be combined with --batch (each line of the batch file is a query)");
            var batchText = CommandContext.ReadFile(batch);
            var policy = PolicyFile.Load(args.Positionals[0], context);
            return RunBatch(ReachabilityEngine.Build(policy.Estate), batch, batchText, args.Value("--output"), context);
        }
        var query = new ReachQuery(
            args.Required("--from"), args.Required("--to"), args.Required("--protocol"),
            args.Int("--port", int.MinValue, int.MaxValue), args.Int("--icmp-type", int.MinValue, int.MaxValue), args.Int("--icmp-code", int.MinValue, int.MaxValue));
        var traffic = query.ToTraffic(ReachFieldNames.Flags, out var error) ?? throw args.Usage(error!);
        var estate = PolicyFile.Load(args.Positionals[0], context).Estate;
        var endpoints = query.ResolveEndpoints(estate, ReachFieldNames.Flags, out error)
            ?? throw CliError.InFile(args.Positionals[0], null, error!);
        var engine = ReachabilityEngine.Build(estate);
        var explanation = engine.Explain(endpoints.From, endpoints.To, traffic);
        var text = args.Has("--json")
            ? ReachBatch.OneQuery(query, explanation)
            : Text(query, traffic, explanation);
        context.WriteResult(text, args.Value("--output"));
        return 0;
    }

    private static int RunBatch(ReachabilityEngine engine, string file, string text, string? output, CommandContext context)
    {
        var errors = new List<string>();
        // Streamed as the answers come: 100,000 answers are tens of megabytes, never held whole.
        context.WriteStreamed(Answers(), output);
        if (errors.Count == 0)
            return 0;
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more line(s) with errors)" : "";
        context.Stderr.WriteLine($"sgd: {file}: {errors[0]}{more}");
        return Sgd.ExitUsage;

        IEnumerable<string> Answers()
        {
            foreach (var answer in ReachBatch.Answer(engine, ReachBatch.Lines(text)))
            {
                if (answer.Error is { } error)
                    errors.Add(error);
                yield return answer.Json + "\n";
            }
        }
    }

    private static string Text(ReachQuery query, Traffic traffic, Explanation explanation)
    {
        var verdict = explanation.Verdict;
        var text = new StringBuilder();
        text.AppendLine($"{(verdict.Allowed ? "ALLOWED" : "DENIED")}: {query.From} -> {query.To} {traffic}");
        text.AppendLine(explanation.Summary);
        if (verdict.Egress.Length > 0)
        {
            text.AppendLine("source egress (outbound rules that allow it):");
            foreach (var r in verdict.Egress)
                text.AppendLine($"  {r.GroupId} {r.Rule.Id}: {r.Rule}");
        }
        if (verdict.Ingress.Length > 0)
        {
            text.AppendLine("destination ingress (inbound rules that allow it):");
            foreach (var r in verdict.Ingress)
                text.AppendLine($"  {r.GroupId} {r.Rule.Id}: {r.Rule}");
        }
        if (verdict.Allowed)
            text.AppendLine("The return traffic of this connection is allowed too: security groups are stateful.");
        return text.ToString();
    }
}
