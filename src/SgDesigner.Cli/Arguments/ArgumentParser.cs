namespace SgDesigner.Cli.Arguments;

/// <summary>
/// A small POSIX-style parser: <c>--name value</c>, <c>--name=value</c>, short aliases, switches,
/// options taking several values, and <c>--</c> to end options. Unknown options are usage errors.
/// </summary>
internal static class ArgumentParser
{
    public static ParsedArguments Parse(string command, IReadOnlyList<string> args, IReadOnlyList<OptionSpec> specs)
    {
        var positionals = new List<string>();
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var parsed = new ParsedArguments(command, positionals, options);
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }
            if (!IsOption(token))
            {
                positionals.Add(token);
                continue;
            }
            var eq = token.IndexOf('=');
            var name = eq > 0 ? token[..eq] : token;
            var spec = specs.FirstOrDefault(s => s.Name == name || s.Alias == name)
                ?? throw parsed.Usage($"unknown option '{name}'");
            if (options.ContainsKey(spec.Name))
                throw parsed.Usage($"{spec.Name} is given twice");
            var values = new List<string>();
            if (!spec.TakesValue)
            {
                if (eq > 0)
                    throw parsed.Usage($"{spec.Name} takes no value");
            }
            else if (eq > 0)
            {
                values.Add(token[(eq + 1)..]);
            }
            else if (spec.Many)
            {
                while (i + 1 < args.Count && !IsOption(args[i + 1]))
                    values.Add(args[++i]);
            }
            else if (i + 1 < args.Count)
            {
                // A single value may look like an option ("--icmp-type -1"), so take the next token as is.
                values.Add(args[++i]);
            }
            if (spec.TakesValue && values.Count == 0)
                throw parsed.Usage($"{spec.Name} needs a value");
            options[spec.Name] = values;
        }
        return parsed;
    }

    private static bool IsOption(string token) =>
        token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]);
}
