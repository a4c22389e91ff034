using System.Text;
using System.Text.Json;
using Microsoft.Kiota.Serialization.Json;
using SgDesigner.Cli.Arguments;
using SgDesigner.Cli.Remote;
using SgDesigner.Cli.Remote.Client.Api.Drafts.Item.Content;
using SgDesigner.Cli.Remote.Client.Models;
using SgDesigner.Core.Validation;

namespace SgDesigner.Cli.Commands;

/// <summary>
/// <c>sgd propose NAME FILE --title T</c>: FILE becomes a change request on the server (a draft from the latest revision,
/// its content replaced by FILE in one edit, a request opened); prints the impact and the request's address, and exits 1
/// when the change breaks an assertion or adds an error finding.
/// </summary>
internal static class ProposeCommand
{
    public static CommandDefinition Definition { get; } = new(
        "propose",
        "open a change request on a server from a changed policy file; exit 1 when it breaks an assertion or adds an error",
        """
        Usage: sgd propose POLICY FILE --title TITLE [--description TEXT] [--json] --server URL [--token TOKEN]

        Opens a draft of POLICY (its name or id; NAME@N starts from revision N instead of the latest),
        replaces its content with the policy document FILE in one edit, and opens a change request. Prints
        the request's impact (flows opened and closed, new lint findings, the policy's assertions that the
        change breaks, repairs or leaves failing) and the request's address; --json prints one JSON object
        with the request, whether it is ready to merge and why not, and the impact as the server gives it.
        Exit 0: the request is open and clean; 1: it is open, but it breaks an assertion or adds an
        error-severity finding; 2: bad usage, a bad FILE (nothing is created) or a server error (a draft
        made before the error is abandoned).

        """,
        [
            new("--title", Description: "the change request's title (required)", ValueName: "TITLE"),
            new("--description", Description: "its description", ValueName: "TEXT"),
            OptionSpec.Switch("--json", "one JSON object: request (id, number, title, url, policy), ready, blocking, impact"),
            .. ServerConnection.Options,
        ],
        Run,
        Arguments: [new("POLICY", "the policy's name or id (NAME@N starts from revision N)"), new("FILE", "the changed policy document")]);

    private static int Run(ParsedArguments args, CommandContext context)
    {
        args.ExpectPositionals("POLICY", "FILE");
        var title = args.Required("--title");
        using var server = ServerConnection.From(args) ?? throw args.Usage($"needs --server URL (or {ServerConnection.ServerVariable})");
        var file = args.Positionals[1];
        var text = CommandContext.ReadFile(file);
        // Everything that can be wrong with the file is found before anything is created.
        var document = PolicyFile.Parse(file, text, context);
        var check = EstateValidator.Check(document.Estate, EstateValidationMode.Import);
        if (check.Errors.Length > 0)
        {
            var more = check.Errors.Length > 1 ? $" (and {check.Errors.Length - 1} more problem(s))" : "";
            throw CliError.InFile(file, check.Errors[0].Path, check.Errors[0].Message + more);
        }
        var policy = PolicyLocator.Locate(server, args.Positionals[0]);
        var baseRevision = policy.Revision == PolicyLocator.Latest ? (int?)null : int.Parse(policy.Revision, System.Globalization.CultureInfo.InvariantCulture);
        var draft = server.Call(ct => server.Client.Api.Policies[policy.PolicyId].Drafts.PostAsync(
            new CreateDraftRequest { BaseRevision = baseRevision, Title = title }, cancellationToken: ct))!;
        var draftId = draft.Id!.Value;
        var version = draft.Version!.Value;
        ChangeRequestInfo opened;
        try
        {
            version = ReplaceContent(server, draftId, version, text);
            opened = server.Call(ct => server.Client.Api.Drafts[draftId].Request.PostAsync(
                new OpenRequestBody { Title = title, Description = args.Value("--description") }, cancellationToken: ct))!;
        }
        catch (CliError e)
        {
            throw new CliError($"{e.Message}{Abandon(server, draftId, version)}");
        }
        var url = server.PageUrl($"/requests/{opened.Id}");
        var impactJson = server.Text(server.Client.Api.Requests[opened.Id!.Value].Impact.ToGetRequestInformation());
        using var impactDocument = JsonDocument.Parse(impactJson);
        var impact = new JsonParseNode(impactDocument.RootElement).GetObjectValue(ImpactView.CreateFromDiscriminatorValue)!;
        var blocking = ImpactText.Blocking(impact);
        if (args.Has("--json"))
            context.Stdout.Write(Json(opened, url, policy, blocking, impactDocument.RootElement));
        else
        {
            context.Stdout.WriteLine($"Opened change request #{opened.Number} \"{opened.Title}\" on {policy.Name}: {url}");
            context.Stdout.Write(ImpactText.From(impact));
            if (blocking is not null)
                context.Stdout.WriteLine($"Not ready to merge: {blocking}.");
        }
        return blocking is null ? 0 : 1;
    }

    private static string Json(ChangeRequestInfo opened, string url, PolicyAt policy, string? blocking, JsonElement impact)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("request");
            json.WriteString("id", opened.Id!.Value);
            json.WriteNumber("number", opened.Number ?? 0);
            json.WriteString("title", opened.Title);
            json.WriteString("url", url);
            json.WriteString("policy", policy.Name);
            json.WriteString("policyId", policy.PolicyId);
            json.WriteEndObject();
            json.WriteBoolean("ready", blocking is null);
            json.WriteString("blocking", blocking);
            json.WritePropertyName("impact");
            impact.WriteTo(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    // One edit with the file's text as the body; the draft's new version.
    private static long ReplaceContent(ServerConnection server, Guid draftId, long version, string text)
    {
        var request = server.Client.Api.Drafts[draftId].Content.ToPutRequestInformation(new ContentPutRequestBody(), c => c.QueryParameters.Version = version);
        request.SetStreamContent(new MemoryStream(Encoding.UTF8.GetBytes(text)), "application/json");
        using var info = JsonDocument.Parse(server.Text(request));
        return info.RootElement.GetProperty("version").GetInt64();
    }

    // Nothing half-done: the draft goes; what is said when even that fails.
    private static string Abandon(ServerConnection server, Guid draftId, long version)
    {
        try
        {
            server.Call(ct => server.Client.Api.Drafts[draftId].DeleteAsync(c => c.QueryParameters.Version = version, ct));
            return " (the draft it had opened was abandoned)";
        }
        catch (CliError e)
        {
            return $" (and the draft {draftId} it had opened could not be abandoned: {e.Message})";
        }
    }
}
