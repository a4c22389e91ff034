using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Validation;

/// <summary>
/// Checks a whole estate against AWS's rules and the model's invariants (semantics.md, "Defaults and limits"):
/// unique ids, group names and descriptions, rules, quotas, and where ENIs and subnets sit in their VPCs.
/// Paths name the object by id, e.g. <c>groups[sg-123].rules[sgr-9].fromPort</c>.
/// </summary>
public static class EstateValidator
{
    /// <summary>The errors of <paramref name="estate"/> as typed into the designer.</summary>
    public static ImmutableArray<ValidationError> Validate(Estate estate) => Validate(estate, EstateValidationMode.Designer);

    /// <summary>The errors of <paramref name="estate"/> in the given mode.</summary>
    public static ImmutableArray<ValidationError> Validate(Estate estate, EstateValidationMode mode) => Check(estate, mode).Errors;

    /// <summary>Errors and warnings of <paramref name="estate"/> in the given mode.</summary>
    public static EstateValidation Check(Estate estate, EstateValidationMode mode = EstateValidationMode.Designer)
    {
        var sink = new ValidationSink(mode);
        CheckUniqueIds(estate, sink);
        CheckQuotas(estate.Quotas, sink);
        NetworkValidator.Check(estate, sink);
        GroupValidator.Check(estate, sink);
        NetworkAclValidator.Check(estate, sink);
        return sink.ToResult();
    }

    /// <summary>
    /// Errors and warnings of the groups and rules alone (ids, names, descriptions, rules, references, quotas), with
    /// the same paths and messages as <see cref="Check"/>: what an export of the groups needs, whatever the state of
    /// the ENIs and subnets, which it does not write.
    /// </summary>
    public static EstateValidation CheckGroups(Estate estate, EstateValidationMode mode = EstateValidationMode.Designer)
    {
        var sink = new ValidationSink(mode);
        Unique(estate.Groups.Select(g => g.Id), "groups", "security group", sink, AwsLimits.IdPrefix.Group);
        CheckUniqueRuleIds(estate, sink);
        CheckQuotas(estate.Quotas, sink);
        GroupValidator.Check(estate, sink);
        return sink.ToResult();
    }

    /// <summary>
    /// The errors <see cref="Validate(Estate, EstateValidationMode)"/> would report that an edit confined to
    /// <paramref name="groups"/> can change (see <see cref="Editing.EditScope.Narrow"/>): every group's id, name,
    /// description and tags and every rule id (a clash may land on a group the edit left alone), but the rules, duplicates
    /// and quotas of the named groups only. What is left out is the same before and after such an edit, so comparing
    /// the two results finds exactly the errors the edit introduced.
    /// </summary>
    internal static ImmutableArray<ValidationError> ValidateGroups(Estate estate, IReadOnlySet<string> groups, EstateValidationMode mode)
    {
        var sink = new ValidationSink(mode);
        Unique(estate.Groups.Select(g => g.Id), "groups", "security group", sink, AwsLimits.IdPrefix.Group);
        CheckUniqueRuleIds(estate, sink);
        GroupValidator.Check(estate, sink, groups);
        return sink.ToResult().Errors;
    }

    private static void CheckUniqueIds(Estate estate, ValidationSink sink)
    {
        Unique(estate.Vpcs.Select(v => v.Id), "vpcs", "VPC", sink, AwsLimits.IdPrefix.Vpc);
        Unique(estate.Subnets.Select(s => s.Id), "subnets", "subnet", sink, AwsLimits.IdPrefix.Subnet);
        Unique(estate.Groups.Select(g => g.Id), "groups", "security group", sink, AwsLimits.IdPrefix.Group);
        Unique(estate.PrefixLists.Select(p => p.Id), "prefixLists", "prefix list", sink, AwsLimits.IdPrefix.PrefixList);
        Unique(estate.Instances.Select(i => i.Id), "instances", "instance", sink, AwsLimits.IdPrefix.Instance);
        Unique(estate.NetworkInterfaces.Select(n => n.Id), "networkInterfaces", "network interface", sink, AwsLimits.IdPrefix.NetworkInterface);
        Unique(estate.ExternalEndpoints.Select(e => e.Name), "externalEndpoints", "external endpoint name", sink);
        CheckUniqueRuleIds(estate, sink);
    }

    private static void CheckUniqueRuleIds(Estate estate, ValidationSink sink)
    {
        // Rule ids identify a rule across revisions of the whole policy, so they are unique estate-wide.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in estate.Groups)
        {
            foreach (var rule in group.Rules)
            {
                if (!string.IsNullOrWhiteSpace(rule.Id) && !seen.Add(rule.Id))
                    sink.Error($"groups[{group.Id}].rules[{rule.Id}]", DuplicateRuleIdMessage(rule.Id));
            }
        }
    }

    internal static string DuplicateRuleIdMessage(string id) => $"rule id {QuotedValue.Of(id)} is used more than once in the estate";

    private static void Unique(IEnumerable<string> ids, string collection, string what, ValidationSink sink, string? prefix = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
                sink.Error($"{collection}[{index}]", $"a {what} id is required");
            else if (!seen.Add(id))
                sink.Error($"{collection}[{id}]", $"{what} {QuotedValue.Of(id)} appears more than once");
            else if (prefix is not null)
                TextValidator.CheckId(id, prefix, what, $"{collection}[{id}].id", sink);
            index++;
        }
    }

    // The quotas are settings, not AWS's data: outside AWS's bounds they are errors in every mode.
    private static void CheckQuotas(Quotas quotas, ValidationSink sink)
    {
        foreach (var (field, message) in AwsLimits.QuotaProblems(quotas.RulesPerDirection, quotas.GroupsPerEni))
            sink.Error($"quotas.{field}", message);
    }
}
