using SgDesigner.Core.Validation;

namespace SgDesigner.Core.Model;

/// <summary>
/// The one way a direction is written (<c>inbound</c>, <c>outbound</c>) and read back (also AWS's and Terraform's
/// <c>ingress</c>/<c>egress</c>, in any case): the API, policy documents, lint, the explainer and <c>sgd</c> all use it.
/// </summary>
public static class DirectionText
{
    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    public static string Of(Direction direction) => direction == Direction.Inbound ? "inbound" : "outbound";

    /// <summary>Parses <c>inbound</c>/<c>ingress</c> or <c>outbound</c>/<c>egress</c>, ignoring case and surrounding blanks.</summary>
    public static ParseResult<Direction> Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "inbound" or "ingress" => ParseResult<Direction>.Ok(Direction.Inbound),
        "outbound" or "egress" => ParseResult<Direction>.Ok(Direction.Outbound),
        null or "" => ParseResult<Direction>.Fail("a direction is required: inbound or outbound"),
        _ => ParseResult<Direction>.Fail($"unknown direction {QuotedValue.Of(text)}: use inbound or outbound"),
    };
}
