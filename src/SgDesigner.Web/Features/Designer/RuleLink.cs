namespace SgDesigner.Web.Features.Designer;

/// <summary>A place in the rules to open: a group, and one of its rules to show and highlight if known.</summary>
/// <param name="GroupId">The security group.</param>
/// <param name="RuleId">The rule in it, or null for the group as a whole.</param>
public sealed record RuleLink(string GroupId, string? RuleId);
