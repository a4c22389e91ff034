using System.Text;
using SgDesigner.Cli.Remote.Client.Api.Policies.Item.Revisions.Item;
using SgDesigner.Cli.Remote.Client.Models;
using SgDesigner.Core.Answers;

namespace SgDesigner.Cli.Remote;

/// <summary>
/// The engine's answers from the server (<c>/api/policies/{id}/revisions/{n}/…</c>), as the text the server wrote: the
/// same JSON that sgd writes on files (the server writes it with the same code), so commands print it as is or render it
/// with the file mode's text renderers.
/// </summary>
internal static class RemoteAnswers
{
    /// <summary><c>sgd reach --json</c> for one flow.</summary>
    public static string Reach(ServerConnection server, PolicyAt policy, ReachQuery query) =>
        server.Text(Revision(server, policy).Reach.ToGetRequestInformation(c =>
        {
            c.QueryParameters.From = query.From;
            c.QueryParameters.To = query.To;
            c.QueryParameters.Protocol = query.Protocol;
            c.QueryParameters.Port = query.Port;
            c.QueryParameters.IcmpType = query.IcmpType;
            c.QueryParameters.IcmpCode = query.IcmpCode;
        }));

    /// <summary><c>sgd reach --batch</c>: the batch file's lines in, one JSON answer per line out.</summary>
    public static string ReachBatch(ServerConnection server, PolicyAt policy, string lines)
    {
        var request = Revision(server, policy).Reach.Batch.ToPostRequestInformation([], c => c.QueryParameters.Format = "ndjson");
        request.SetStreamContent(new MemoryStream(Encoding.UTF8.GetBytes(lines)), AnswerJson.JsonLinesMediaType);
        return server.Text(request);
    }

    /// <summary><c>sgd matrix --format json|csv</c>.</summary>
    public static string Matrix(ServerConnection server, PolicyAt policy, string format) =>
        server.Text(Revision(server, policy).Matrix.ToGetRequestInformation(c => c.QueryParameters.Format = format));

    /// <summary><c>sgd lint --json --fail-on LEVEL</c>, with the policy's accepted findings.</summary>
    public static string Lint(ServerConnection server, PolicyAt policy, string failOn) =>
        server.Text(Revision(server, policy).Lint.ToGetRequestInformation(c => c.QueryParameters.FailOn = failOn));

    /// <summary><c>sgd check --json</c> with <paramref name="assertions"/> (a check file's text), or the policy's own when null.</summary>
    public static string Check(ServerConnection server, PolicyAt policy, string? assertions) =>
        server.Text(Revision(server, policy).Check.ToPostRequestInformation(new CheckRequest { Assertions = assertions }));

    /// <summary><c>sgd diff --json</c> from <paramref name="before"/> to revision <paramref name="after"/> of the same policy.</summary>
    public static string Diff(ServerConnection server, PolicyAt before, string after) =>
        server.Text(Revision(server, before).Diff[after].ToGetRequestInformation());

    private static WithRevisionItemRequestBuilder Revision(ServerConnection server, PolicyAt policy) =>
        server.Client.Api.Policies[policy.PolicyId].Revisions[policy.Revision];
}
