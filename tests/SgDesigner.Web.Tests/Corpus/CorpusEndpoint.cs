namespace SgDesigner.Web.Tests.Corpus;

/// <summary>Who sends a case's request.</summary>
public enum CorpusCaller
{
    /// <summary>The administrator, owner of the corpus policy.</summary>
    Owner,
    /// <summary>A reviewer of the corpus policy, who changed nothing in the open request.</summary>
    Reviewer,
    /// <summary>The editor who opened the request.</summary>
    Author,
}

/// <summary>How a case's body travels.</summary>
public enum CorpusBody
{
    /// <summary>A JSON body.</summary>
    Json,
    /// <summary>A multipart import with one file (the body) and form fields.</summary>
    ImportFile,
}

/// <summary>
/// A write endpoint of the API with a body it accepts. The URI may hold <c>{policy}</c>, <c>{draft}</c>, <c>{request}</c>,
/// <c>{review}</c> and <c>{member}</c>, filled from the <see cref="CorpusWorld"/>.
/// </summary>
/// <param name="Name">The endpoint's name in case names.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Uri">The URI template.</param>
/// <param name="Body">A body the endpoint accepts (JSON; for an import, the file).</param>
/// <param name="Caller">Who sends it.</param>
/// <param name="DraftVersion">Whether the draft's version is sent as If-Match (draft edits).</param>
/// <param name="Kind">How the body travels.</param>
/// <param name="VersionOf">A URI template whose ETag is sent as If-Match (policy-level writes, change request actions).</param>
public sealed record CorpusEndpoint(
    string Name, HttpMethod Method, string Uri, string Body, CorpusCaller Caller = CorpusCaller.Owner, bool DraftVersion = false,
    CorpusBody Kind = CorpusBody.Json, string? VersionOf = null);
