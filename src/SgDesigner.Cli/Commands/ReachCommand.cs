using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Output;
using SgDesigner.Cli.Remote;
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

        """,
        [
            new("--from", Description: "the source: instance id, ENI id, Name tag, private IP or any other IP", ValueName: "SRC"),
            new("--to", Description: "the destination, in the same forms", ValueName: "DST"),
            new("--protocol", Description: "tcp, udp, icmp, icmpv6 or a protocol number", ValueName: "P", Completions: ["tcp", "udp", "icmp", "icmpv6"]),
            new("--port", Description: "the destination port (tcp, udp)", ValueName: "N"),
            new("--icmp-type", Description: "the ICMP type (icmp, icmpv6)", ValueName: "T"),
            new("--icmp-code", Description: "the ICMP code (default 0)", ValueName: "C"),
            new("--batch", Description: "one JSON query per line ({\"from\":..., \"to\":..., \"protocol\":..., \"port\":...} or with \"icmpType\"/\"icmpCode\"); prints one JSON answer per line, in order; a line that cannot be answered prints {\"error\": \"...\"} and the exit code is then 2", ValueName: "FILE"),
            OptionSpec.Switch("--json", "one JSON object with from, to, protocol, allowed, egress, ingress, explanation"),
            OptionSpec.Writes("write the answer to FILE instead of stdout"),
            .. ServerConnection.Options,
        ],
        Run,
        Arguments: [ArgumentSpec.Policy]);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("POLICY");
        using var server = ServerConnection.From(args);
        if (args.Value("--batch") is { } batch)
        {
            var single = SingleQueryOptions.FirstOrDefault(args.Has);
            if (single is not null)
                throw args.Usage($"{single} cannot be combined with --batch (each line of the batch file is a query)");
            var batchText = CommandContext.ReadFile(batch);
            if (server is not null)
                return RemoteCommands.ReachBatch(server, args, batch, batchText, context);
            var policy = PolicyFile.Load(args.Positionals[0], context);
            return RunBatch(ReachabilityEngine.Build(policy.Estate), batch, batchText, args.Value("--output"), context);
        }
        var query = new ReachQuery(
            args.Required("--from"), args.Required("--to"), args.Required("--protocol"),
            args.Int("--port", int.MinValue, int.MaxValue), args.Int("--icmp-type", int.MinValue, int.MaxValue), args.Int("--icmp-code", int.MinValue, int.MaxValue));
        var traffic = query.ToTraffic(ReachFieldNames.Flags, out var error) ?? throw args.Usage(error!);
        if (server is not null)
            return RemoteCommands.Reach(server, args, query, traffic, context);
        var estate = PolicyFile.Load(args.Positionals[0], context).Estate;
        var endpoints = query.ResolveEndpoints(estate, ReachFieldNames.Flags, out error)
            ?? throw CliError.InFile(args.Positionals[0], null, error!);
        var engine = ReachabilityEngine.Build(estate);
        var explanation = engine.Explain(endpoints.From, endpoints.To, traffic);
        var json = ReachBatch.OneQuery(query, explanation);
        var text = args.Has("--json") ? json : ReachText.From(json, traffic);
        context.WriteResult(text, args.Value("--output"));
        return 0;
    }

    private static int RunBatch(ReachabilityEngine engine, string file, string text, string? output, CommandContext context)
    {
        var errors = new List<string>();
        var queries = ReachBatch.Lines(text).ToList();
        var answers = ReachBatch.Answer(engine, queries).Select(answer =>
        {
            if (answer.Error is { } error)
                errors.Add(error);
            return answer.Json + "\n";
        });
        context.WriteResult(answers, output, $"sgd reach: queries of {queries.Count:N0} answered");
        return ReportBatchErrors(file, errors, context);
    }

    /// <summary>Exit 0 when every line was answered; otherwise the first error on stderr and exit 2.</summary>
    internal static int ReportBatchErrors(string file, IReadOnlyList<string> errors, CommandContext context)
    {
        if (errors.Count == 0)
            return 0;
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more line(s) with errors)" : "";
        context.Stderr.WriteLine($"sgd: {file}: {errors[0]}{more}");
        return Sgd.ExitUsage;
    }
}
