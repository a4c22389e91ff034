using System.Globalization;
using SgDesigner.Cli.Remote.Client.Models;
using SgDesigner.Core.Validation;

namespace SgDesigner.Cli.Remote;

/// <summary>A revision of a stored policy, as a command line names it on a server: <c>NAME</c>, <c>NAME@3</c>, <c>NAME@latest</c>.</summary>
/// <param name="PolicyId">The policy's id.</param>
/// <param name="Name">The name as given (for messages).</param>
/// <param name="Revision">A revision number or <c>latest</c>, as the engine routes take it.</param>
internal sealed record PolicyAt(Guid PolicyId, string Name, string Revision)
{
    /// <summary>How messages name it: <c>NAME@REVISION</c>.</summary>
    public override string ToString() => $"{Name}@{Revision}";
}

/// <summary>Finds the policy a command line names on a server, by its name (or id) through the policies list.</summary>
internal static class PolicyLocator
{
    public const string Latest = "latest";

    /// <summary>The policy and revision <paramref name="argument"/> names; unknown or ambiguous names are errors listing what there is.</summary>
    public static PolicyAt Locate(ServerConnection server, string argument)
    {
        var (name, revision) = Split(argument);
        if (Guid.TryParse(name, out var id))
            return new PolicyAt(id, name, revision);
        var policies = ListPolicies(server);
        var exact = policies.Where(p => p.Name == name).ToList();
        var matches = exact.Count > 0 ? exact : [.. policies.Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))];
        return matches.Count switch
        {
            1 => new PolicyAt(matches[0].Id!.Value, name, revision),
            0 => throw new CliError($"no policy named {QuotedValue.Of(name)} on {server.Name}"),
            _ => throw new CliError($"{QuotedValue.Of(name)} names {matches.Count} policies on {server.Name}: give one of their ids instead: " +
                string.Join(", ", matches.Select(p => $"{p.Id} ({p.Name})"))),
        };
    }

    /// <summary>Splits <c>NAME@REVISION</c>; the revision defaults to <c>latest</c>. A name may contain '@' when no revision follows.</summary>
    public static (string Name, string Revision) Split(string argument)
    {
        var at = argument.LastIndexOf('@');
        if (at > 0)
        {
            var revision = argument[(at + 1)..];
            if (string.Equals(revision, Latest, StringComparison.OrdinalIgnoreCase))
                return (argument[..at], Latest);
            if (int.TryParse(revision, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
                return (argument[..at], n.ToString(CultureInfo.InvariantCulture));
        }
        return (argument, Latest);
    }

    // Every page of the policies the token may see (500 a request, the most the server gives), following `next`.
    private static List<PolicySummary> ListPolicies(ServerConnection server)
    {
        var all = new List<PolicySummary>();
        string? cursor = null;
        do
        {
            var page = server.Call(ct => server.Client.Api.Policies.GetAsync(c =>
            {
                c.QueryParameters.Limit = 500;
                c.QueryParameters.Cursor = cursor;
            }, ct));
            all.AddRange(page?.Items ?? []);
            cursor = page?.Next;
        }
        while (!string.IsNullOrEmpty(cursor));
        return all;
    }
}
