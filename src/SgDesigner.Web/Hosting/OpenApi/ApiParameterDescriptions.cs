using Microsoft.OpenApi;

namespace SgDesigner.Web.Hosting.OpenApi;

/// <summary>
/// Descriptions of the parameters the API uses across features, by where they are and their name: the ids in paths,
/// the optimistic-concurrency <c>version</c>, the filters, and the <c>Idempotency-Key</c> header. An endpoint's own XML <c>&lt;param&gt;</c> comment or
/// metadata wins over these.
/// </summary>
public static class ApiParameterDescriptions
{
    private static readonly Dictionary<string, string> InPath = new(StringComparer.Ordinal)
    {
        ["policyId"] = "The policy's id (a GUID), as `GET /api/policies` lists it.",
        ["number"] = "The revision's number: 1 for the first, counting up with each publish or merge.",
        ["revision"] = "The revision's number, or `latest` for the newest.",
        ["draftId"] = "The draft's id (a GUID), as returned when it was opened.",
        ["requestId"] = "The change request's id (a GUID).",
        ["reviewId"] = "The review's id (a GUID), as listed with the change request.",
        ["userId"] = "The user's id (a GUID), as `GET /api/users` or the policy's members list it.",
        ["tokenId"] = "The access token's id (a GUID), as `GET /api/account/tokens` lists it; not the token itself.",
        ["acceptanceId"] = "The finding acceptance's id (a GUID), as the findings report lists it.",
        ["vpcId"] = "The VPC's id in the draft, e.g. `vpc-0123456789abcdef0`.",
        ["subnetId"] = "The subnet's id in the draft, e.g. `subnet-0123456789abcdef0`.",
        ["groupId"] = "The security group's id in the draft, e.g. `sg-0123456789abcdef0`.",
        ["ruleId"] = "The rule's id in its group, e.g. `sgr-0123456789abcdef0`; stable across revisions.",
        ["prefixListId"] = "The prefix list's id in the draft, e.g. `pl-0123456789abcdef0`.",
        ["instanceId"] = "The instance's id in the draft, e.g. `i-0123456789abcdef0`.",
        ["eniId"] = "The network interface's id in the draft, e.g. `eni-0123456789abcdef0`.",
        ["aclId"] = "The network ACL's id in the draft, e.g. `acl-0123456789abcdef0`.",
        ["direction"] = "`inbound` or `outbound`: which of the ACL's rule lists.",
        ["ruleNumber"] = "The ACL rule's number (1..32766), unique in its direction.",
        ["from"] = "One side of a comparison: a revision number (either side may be the older).",
        ["to"] = "The other side of a comparison: the revision number to compare with.",
    };

    private static readonly Dictionary<string, string> InQuery = new(StringComparer.Ordinal)
    {
        ["version"] = "The version this change is based on (the `ETag` of what it changes); or send it as `If-Match`. One of the two is required (428 without); a stale one is refused with 412.",
        ["format"] = "`terraform` (the default) or `document` (a policy document for `sgd`).",
        ["style"] = "For `format=terraform`: `rules` (one resource per rule, the default) or `inline` (rules inside their group).",
        ["revision"] = "The revision's number; the newest when left out.",
        ["provider"] = "For `format=terraform`: `true` adds a `provider \"aws\"` block.",
        ["all"] = "`true` lists every change request; by default only the open ones (open, changes requested, approved).",
        ["policyId"] = "Only what concerns this policy (its id, a GUID). Without it the audit trail of every policy, for administrators only.",
        ["draftId"] = "A draft of the policy to report on instead of its newest revision.",
        ["action"] = "Only these actions (repeat the parameter for several); one ending in a dot, like `draft.`, takes the whole family.",
        ["actor"] = "Only what this user did: their id or e-mail.",
        ["from"] = "Only entries at or after this time (ISO 8601, e.g. `2026-12-01T00:00:00Z`).",
        ["to"] = "Only entries before this time (ISO 8601).",
        ["limit"] = "How many items the page holds at most: a whole number from 1 to 500, 50 when left out. Anything else is refused with 400 at `limit`.",
        ["cursor"] = "Where the page starts: the `next` of the previous page of the same list, sent back as it came (it is opaque), with the same " +
            "filters. Left out or empty: the first page. A cursor of another list, another policy or other filters is refused with 400 at `cursor`.",
        ["q"] = "What to look for in the rules: a port or range (`443`, `8000-8100`), an address or CIDR (containment and overlap, " +
            "IPv4 or IPv6), a group or prefix list by id or name, or words of a description. `port:`, `ip:`, `group:`, `pl:` or `text:` " +
            "forces one meaning.",
    };

    private static readonly Dictionary<string, string> InHeader = new(StringComparer.OrdinalIgnoreCase)
    {
        ["If-Match"] = "The `ETag` this write is based on, e.g. `\"3\"` for a draft at version 3. This or the body's (a DELETE's query's) " +
            "`version` is required: without either the answer is 428; junk, `*` or a list naming no version of this is 400; a stale one is 412 " +
            "with the current version in `currentVersion` and in `ETag`.",
        ["If-None-Match"] = "The `ETag`s of copies the caller holds (a list, or `*`; compared weakly). When one is current the answer is 304 " +
            "without a body. Checked after access: a caller who may not read this gets 403 or 404, never 304.",
        ["Idempotency-Key"] = "Optional. A key you choose for this request (1–255 visible ASCII characters, e.g. a UUID; bare or as a quoted " +
            "structured-field string). A retry with the same key and the same request within 24 hours creates nothing new and gets the " +
            "first response again, with `Idempotent-Replayed: true`. Keys are per user, and a result is replayed only to the token (or session) that made it; another of the user's credentials gets 422. Only a " +
            "success is kept: after an error the same key runs the request again. The same key for a different request is 422; while " +
            "the first request is still running, 409.",
    };

    /// <summary>The description of a parameter, or null when there is no common one for it.</summary>
    public static string? For(ParameterLocation? location, string? name) =>
        name is null ? null
        : location == ParameterLocation.Path ? InPath.GetValueOrDefault(name)
        : location == ParameterLocation.Query ? InQuery.GetValueOrDefault(name)
        : location == ParameterLocation.Header ? InHeader.GetValueOrDefault(name)
        : null;
}
