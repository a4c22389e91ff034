using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SgDesigner.Web.Features.Accounts;

namespace SgDesigner.Web.Hosting.OpenApi;

/// <summary>
/// The document-wide parts of the OpenAPI document: what the API is, where it is served, how a caller signs in
/// (the session cookie or a personal access token), and one described tag per feature.
/// </summary>
public static class ApiDocumentRules
{
    /// <summary>The security scheme of the browser session: the cookie set by signing in.</summary>
    public const string CookieScheme = "sessionCookie";

    /// <summary>The security scheme of scripts: a personal access token as a bearer token.</summary>
    public const string BearerScheme = "accessToken";

    /// <summary>
    /// What each feature's tag covers. A tag that is not here still appears (so that the document stays valid), without a
    /// description; the contract test names it so that it gets one.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> TagDescriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Policies"] = "Policies: a named, versioned design of security groups. List, create, rename and delete them.",
        ["Revisions"] = "The published, immutable history of a policy: revision 1 is empty, each publish or merge adds one.",
        ["Drafts"] = "Drafts: a working copy of a revision that is edited, then published or proposed in a change request. Edits carry the draft version they were made against.",
        ["Network ACLs"] = "The network ACLs of a draft (stateless, numbered rules applied where traffic crosses a subnet's boundary), their subnets, and the client port ranges of instances that ACL replies must allow.",
        ["Networks"] = "The VPCs and subnets of a draft, which groups, instances and network interfaces belong to.",
        ["Groups"] = "Security groups of a draft: name, description, VPC and tags.",
        ["Rules"] = "The inbound and outbound rules of a security group in a draft, as AWS takes them (protocol, ports, one peer).",
        ["Prefix lists"] = "Managed prefix lists of a draft: named sets of CIDR blocks that rules can use as a peer.",
        ["Instances"] = "EC2 instances of a draft, which network interfaces attach to.",
        ["Network interfaces"] = "Network interfaces (ENIs) of a draft and the security groups attached to them: what reachability is computed over.",
        ["Export"] = "A revision as a file: Terraform JSON or a policy document for `sgd`.",
        ["Import"] = "Creating a policy from AWS CLI `describe-*` output or a policy document.",
        ["Change requests"] = "Review: a draft proposed for merging, its reviewers, comments, reviews, impact and merge.",
        ["Members"] = "Who may do what on a policy: members and their roles (viewer, editor, reviewer, owner).",
        ["Users"] = "The accounts of this server and invitations to it; administrators only.",
        ["Access tokens"] = "Your personal access tokens, for scripts and pipelines calling the API with `Authorization: Bearer`.",
        ["Settings"] = "A policy's review settings and assertions, and a draft's AWS quotas.",
        ["Audit"] = "The audit trail: who changed what and when, filtered, as JSON or CSV.",
        ["Drift"] = "Snapshots of what is deployed (AWS CLI `describe-*` output or a Terraform state), kept with a policy; a revision's drift against one in flows and rules; a deployed-only rule adopted into a draft.",
        ["Findings"] = "Lint findings of a revision or draft, and the findings a team has accepted.",
        ["Search"] = "Finding the rules of a draft or revision by port, address, group, prefix list or description text.",
        ["Graph layout"] = "Where the designer's chaining graph places each group, saved per policy.",
        ["Engine"] = "Reachability, the all-pairs matrix, lint, assertion checks and diffs of a revision or draft, as `sgd` answers them.",
    };

    /// <summary>Sets the info, servers, security schemes and tags.</summary>
    public static Task ApplyAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "SgDesigner API";
        document.Info.Version = "1";
        document.Info.Description =
            "Design AWS security-group policy over HTTP: policies and their revisions, drafts and their content (VPCs, groups, rules, " +
            "prefix lists, instances, network interfaces), change requests and their review, members, access tokens, settings, findings, " +
            "export, import and the audit trail.\n\n" +
            "Sign in with the session cookie of a browser, or send a personal access token (created on the Access tokens page or with " +
            "`POST /api/account/tokens`) as `Authorization: Bearer sgd_pat_…`. Every error is an RFC 9457 problem document " +
            "(`application/problem+json`); invalid input names each field in `errors` and stores nothing.";
        // The address people reach the server at, never the request's Host header (which a client can forge).
        var baseUrl = context.ApplicationServices.GetRequiredService<PublicBaseUrl>().Value;
        document.Servers = [new OpenApiServer { Url = baseUrl, Description = "This SgDesigner server" }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = AccountServices.SessionCookieName,
            Description = "The session of a signed-in browser (set by the sign-in form). Writes from a browser also need its antiforgery token.",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "sgd_pat_…",
            Description = "A personal access token. Read-scoped tokens may only read; a token bound to one policy works on that policy only. " +
                $"Tokens are accepted under {AccessTokenAuthentication.ApiPath} only.",
        };

        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name,
            Description = TagDescriptions.TryGetValue(name, out var description) ? description : null,
        }));
        DropUnusedFormSchemas(document);
        DescribeEditedItems(document);
        return Task.CompletedTask;
    }

    // EditResponse<T>.Item: the source generator does not read comments of a generic record's properties, and its
    // schema is made per T (EditResponseOfRuleResponse, …) as a nullable reference that no schema transformer sees.
    private static void DescribeEditedItems(OpenApiDocument document)
    {
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (name.StartsWith("EditResponseOf", StringComparison.Ordinal) && schema.Properties is { } properties
                && properties.TryGetValue("item", out var property) && property is OpenApiSchema item
                && string.IsNullOrWhiteSpace(item.Description))
                item.Description = "What was stored, as the matching GET returns it.";
        }
    }

    // The framework registers IFormFile schemas for a form endpoint even when the endpoint's body is described field by
    // field (the import): drop them when no request body refers to them, so that the document has no dead components.
    private static void DropUnusedFormSchemas(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { } schemas)
            return;
        var bodies = document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()).Select(m => m.Schema).ToList();
        foreach (var name in new[] { "IFormFileCollection", "IFormFile" })
        {
            var used = bodies.Any(schema => schema is OpenApiSchemaReference reference && reference.Reference.Id == name
                || schema?.Properties?.Values.Any(p => p is OpenApiSchemaReference r && r.Reference.Id == name || p.Items is OpenApiSchemaReference i && i.Reference.Id == name) == true
                || schema?.Items is OpenApiSchemaReference items && items.Reference.Id == name);
            if (!used)
                schemas.Remove(name);
        }
    }
}
