using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Remote;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Cli.Commands;

/// <summary><c>sgd matrix POLICY [--format json|csv]</c>: all-pairs reachability per class of ENIs.</summary>
internal static class MatrixCommand
{
    public static CommandDefinition Definition { get; } = new(
        "matrix",
        "all-pairs reachability between ENIs, per class of ENIs that the rules treat alike",
        """
        Usage: sgd matrix POLICY [--format json|csv] [-o FILE]

        What every ENI may open to every other ENI (both on their primary private IPs), as merged
        ranges per protocol. JSON is per class: ENIs that every rule treats alike share a class, and a
        cell says what any ENI of the "from" class may open to any other ENI of the "to" class:
          {"enis": [{"id", "instance", "name", "class"}, ...],
           "classes": [{"index", "vpc", "groups", "size"}, ...],
           "cells": [{"from": 0, "to": 2, "allowed": [{"protocol": "tcp", "ports": [[22, 22], [80, 443]]},
                                                      {"protocol": "icmp", "types": [[8, 0], [3, -1]]},
                                                      {"protocol": "50"}]}, ...]}
        Pairs with nothing allowed are left out; {"protocol": "all"} is then a cell's only entry;
        ICMP [type, code] use -1 for any. CSV has one row per ordered ENI pair and protocol
        (from,to,protocol,ranges), for small estates.

        """,
        [
            new("--format", Description: "output format: json or csv (default json)", ValueName: "json|csv", Completions: ["json", "csv"]),
            OptionSpec.Writes("write the matrix to FILE instead of stdout"),
            .. ServerConnection.Options,
        ],
        Run,
        Arguments: [ArgumentSpec.Policy]);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("POLICY");
        var format = args.Choice("--format", "json", "json", "csv");
        using var server = ServerConnection.From(args);
        if (server is not null)
            return RemoteCommands.Matrix(server, args, format, context);
        var estate = PolicyFile.Load(args.Positionals[0], context).Estate;
        context.Progress.Stage("sgd matrix: classifying the ENIs");
        var matrix = ReachabilityEngine.Build(estate).Matrix();
        // Streamed as the engine computes each row: a large estate's matrix is gigabytes of text, never held whole; the pieces
        // are where the time goes, and where Ctrl+C is checked.
        if (format == "csv")
            context.WriteResult(MatrixAnswer.Csv(matrix), args.Value("--output"), "sgd matrix: lines written");
        else
            context.WriteResult(MatrixAnswer.JsonUtf8(estate, matrix), args.Value("--output"), "sgd matrix: lines written");
        return 0;
    }
}
