using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SgDesigner.Core.Validation;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Instances;
using SgDesigner.Web.Features.Policies;
using SgDesigner.Web.Features.Settings;

namespace SgDesigner.Web.Hosting.OpenApi;

/// <summary>
/// The limits the API enforces, written into the schemas of the bodies it reads, from the same constants the
/// validators use (<see cref="AwsLimits"/>), so that the document cannot drift from what is refused; and the closed sets
/// of values that travel as text (a rule's direction and protocol) as enums and patterns, without changing the wire format.
/// </summary>
public static class ApiSchemaRules
{
    private sealed record Limit(int? MinLength = null, int? MaxLength = null, int? Minimum = null, int? Maximum = null, int? MaxItems = null);

    // Per body type and property: what the validator refuses outside of.
    private static readonly Dictionary<(Type, string), Limit> Limits = new()
    {
        [(typeof(PolicyRequest), nameof(PolicyRequest.Name))] = new(MinLength: 1, MaxLength: AwsLimits.PolicyNameMaxLength),
        [(typeof(GroupRequest), nameof(GroupRequest.Id))] = new(MaxLength: AwsLimits.IdMaxLength),
        [(typeof(GroupRequest), nameof(GroupRequest.Name))] = new(MinLength: 1, MaxLength: AwsLimits.GroupNameMaxLength),
        [(typeof(GroupRequest), nameof(GroupRequest.Description))] = new(MinLength: 1, MaxLength: AwsLimits.GroupDescriptionMaxLength),
        [(typeof(GroupRequest), nameof(GroupRequest.VpcId))] = new(MaxLength: AwsLimits.IdMaxLength),
        [(typeof(RuleRequest), nameof(RuleRequest.FromPort))] = new(Minimum: AwsLimits.AnyIcmp, Maximum: AwsLimits.MaxPort),
        [(typeof(RuleRequest), nameof(RuleRequest.ToPort))] = new(Minimum: AwsLimits.AnyIcmp, Maximum: AwsLimits.MaxPort),
        [(typeof(RuleRequest), nameof(RuleRequest.Description))] = new(MaxLength: AwsLimits.RuleDescriptionMaxLength),
        [(typeof(RuleRequest), nameof(RuleRequest.GroupId))] = new(MaxLength: AwsLimits.IdMaxLength),
        [(typeof(RuleRequest), nameof(RuleRequest.PrefixListId))] = new(MaxLength: AwsLimits.IdMaxLength),
        [(typeof(QuotasRequest), nameof(QuotasRequest.RulesPerDirection))] = new(Minimum: 1, Maximum: AwsLimits.MaxRulesPerDirection),
        [(typeof(QuotasRequest), nameof(QuotasRequest.GroupsPerEni))] = new(Minimum: 1, Maximum: AwsLimits.MaxGroupsPerEni),
        [(typeof(PrefixListRequest), nameof(PrefixListRequest.Name))] = new(MinLength: 1, MaxLength: AwsLimits.FreeTextMaxLength),
        [(typeof(PrefixListRequest), nameof(PrefixListRequest.Entries))] = new(MaxItems: AwsLimits.MaxPrefixListEntries),
        [(typeof(PrefixListRequest), nameof(PrefixListRequest.MaxEntries))] = new(Minimum: 1, Maximum: AwsLimits.MaxPrefixListEntries),
        [(typeof(VpcRequest), nameof(VpcRequest.Name))] = new(MaxLength: AwsLimits.FreeTextMaxLength),
        [(typeof(SubnetRequest), nameof(SubnetRequest.Name))] = new(MaxLength: AwsLimits.FreeTextMaxLength),
        [(typeof(SubnetRequest), nameof(SubnetRequest.VpcId))] = new(MaxLength: AwsLimits.IdMaxLength),
        [(typeof(InstanceRequest), nameof(InstanceRequest.Name))] = new(MaxLength: AwsLimits.FreeTextMaxLength),
        [(typeof(NetworkInterfaceRequest), nameof(NetworkInterfaceRequest.Description))] = new(MaxLength: AwsLimits.FreeTextMaxLength),
        [(typeof(NetworkInterfaceRequest), nameof(NetworkInterfaceRequest.GroupIds))] = new(MaxItems: AwsLimits.MaxGroupsPerEni),
        [(typeof(NetworkInterfaceRequest), nameof(NetworkInterfaceRequest.VpcId))] = new(MaxLength: AwsLimits.IdMaxLength),
    };

    // Properties no /// comment reaches: the framework's problem documents.
    private static readonly Dictionary<(Type, string), string> Descriptions = new()
    {
        [(typeof(ProblemDetails), "type")] = "A URI naming the kind of problem (RFC 9457); for these problems the RFC section of the status code.",
        [(typeof(ProblemDetails), "title")] = "A short summary of the kind of problem, the same for every occurrence.",
        [(typeof(ProblemDetails), "status")] = "The HTTP status code, repeated.",
        [(typeof(ProblemDetails), "detail")] = "What went wrong this time, in words for the caller.",
        [(typeof(ProblemDetails), "instance")] = "The request the problem is about, when known.",
        [(typeof(HttpValidationProblemDetails), "errors")] = "Per field (a body path such as `groups[sg-1].rules[2].cidr`, a parameter, or `body`), what is wrong with it.",
    };

    // What the API writes, and reads (the parser also takes AWS's CLI words ingress and egress).
    private static readonly string[] DirectionsWritten = ["inbound", "outbound"];
    private static readonly string[] DirectionsRead = ["inbound", "outbound", "ingress", "egress"];

    /// <summary>AWS's protocol names, <c>all</c> / <c>-1</c> for every protocol, or an IP protocol number 0..255.</summary>
    public const string ProtocolPattern = "^(tcp|udp|icmp|icmpv6|all|-1|[0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])$";

    /// <summary>Applies the rules to the schema of one property (other schemas pass unchanged).</summary>
    public static Task ApplyAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonPropertyInfo is not { } property || property.DeclaringType is not { } owner)
            return Task.CompletedTask;
        if (string.IsNullOrWhiteSpace(schema.Description) && Descriptions.TryGetValue((owner, property.Name), out var description))
            schema.Description = description;
        var clrName = property.AttributeProvider is System.Reflection.MemberInfo member ? member.Name : property.Name;
        if (Limits.TryGetValue((owner, clrName), out var limit))
            Apply(schema, limit);
        var isText = schema.Type is { } type && type.HasFlag(JsonSchemaType.String);
        if (isText && property.Name == "direction")
            schema.Enum = [.. (owner.Name.EndsWith("Request", StringComparison.Ordinal) ? DirectionsRead : DirectionsWritten).Select(d => (JsonNode)JsonValue.Create(d))];
        if (isText && property.Name == "protocol")
            schema.Pattern = ProtocolPattern;
        if (property.Name == "tags" && property.PropertyType == typeof(IReadOnlyDictionary<string, string>))
            Tags(schema);
        return Task.CompletedTask;
    }

    private static void Apply(OpenApiSchema schema, Limit limit)
    {
        schema.MinLength = limit.MinLength ?? schema.MinLength;
        schema.MaxLength = limit.MaxLength ?? schema.MaxLength;
        schema.MaxItems = limit.MaxItems ?? schema.MaxItems;
        if (limit.Minimum is { } minimum)
            schema.Minimum = minimum.ToString(CultureInfo.InvariantCulture);
        if (limit.Maximum is { } maximum)
            schema.Maximum = maximum.ToString(CultureInfo.InvariantCulture);
    }

    // AWS's tag limits: how many, and the length of a key and a value.
    private static void Tags(OpenApiSchema schema)
    {
        schema.MaxProperties = AwsLimits.MaxTagsPerResource;
        schema.PropertyNames = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = AwsLimits.TagKeyMaxLength };
        schema.AdditionalProperties = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            MaxLength = AwsLimits.TagValueMaxLength,
            Description = "The tag's value.",
        };
    }
}
