using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using SgDesigner.Data.Configurations;

namespace SgDesigner.Data.Store;

/// <summary>
/// What the schema demands of an estate beyond Core's validator. Imported data may break some AWS rules that
/// AWS itself let happen, and the validator's import mode only warns about them; the foreign keys (VPCs, subnets,
/// instances, attached groups) and the check constraints on names and descriptions refuse them. Checking first
/// turns what would be a database exception into errors at their model paths, and nothing is written.
/// Everything the validator already reports as an error (ids, ports, protocols, quotas…) is left to it.
/// References from rules to groups and prefix lists may be stale (semantics.md) and have no foreign key.
/// </summary>
internal static class StorageIntegrity
{
    public static List<ValidationError> Check(Estate estate) => Check(estate, null);

    /// <summary>
    /// The same check for an edit confined to some groups (<see cref="EditScope.Narrow"/>): those groups only, since
    /// everything else is the stored content, which the schema already holds to these rules.
    /// </summary>
    public static List<ValidationError> Check(Estate estate, EditScope? scope)
    {
        if (scope is { Narrow: true })
            estate = Estate.Empty with { Vpcs = estate.Vpcs, Groups = [.. estate.Groups.Where(g => scope.Groups.Contains(g.Id))] };
        var errors = new List<ValidationError>();
        void Error(string path, string message) => errors.Add(new ValidationError(path, message));

        var vpcs = estate.Vpcs.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var subnets = estate.Subnets.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var groups = estate.Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var instances = estate.Instances.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);

        foreach (var s in estate.Subnets.Where(s => !vpcs.Contains(s.VpcId)))
            Error($"subnets[{s.Id}].vpcId", $"VPC {QuotedValue.Of(s.VpcId)} is not in the policy");

        foreach (var g in estate.Groups)
        {
            var at = $"groups[{g.Id}]";
            if (!vpcs.Contains(g.VpcId))
                Error($"{at}.vpcId", $"VPC {QuotedValue.Of(g.VpcId)} is not in the policy");
            // The check constraints: up to 255 characters, not starting with "sg-".
            if (g.Name.Length > AwsLimits.GroupNameMaxLength)
                Error($"{at}.name", "a group name must have 1 to 255 characters");
            else if (g.Name.StartsWith("sg-", StringComparison.OrdinalIgnoreCase))
                Error($"{at}.name", "a group name cannot start with 'sg-'");
            if (g.Description.Length > AwsLimits.GroupDescriptionMaxLength)
                Error($"{at}.description", "a description can have at most 255 characters");
            foreach (var r in g.Rules.Where(r => r.Description is { Length: > AwsLimits.RuleDescriptionMaxLength }))
                Error($"{at}.rules[{r.Id}].description", "a description can have at most 255 characters");
        }

        foreach (var n in estate.NetworkInterfaces)
        {
            var at = $"networkInterfaces[{n.Id}]";
            if (!vpcs.Contains(n.VpcId))
                Error($"{at}.vpcId", $"VPC {QuotedValue.Of(n.VpcId)} is not in the policy");
            if (n.SubnetId is { } subnet && !subnets.Contains(subnet))
                Error($"{at}.subnetId", $"subnet {QuotedValue.Of(subnet)} is not in the policy");
            if (n.InstanceId is { } instance && !instances.Contains(instance))
                Error($"{at}.instanceId", $"instance {QuotedValue.Of(instance)} is not in the policy");
            foreach (var missing in n.GroupIds.Where(x => !groups.Contains(x)))
                Error($"{at}.groupIds", $"group {QuotedValue.Of(missing)} is not in the policy");
        }
        errors.AddRange(Texts(estate));
        return errors;
    }

    // Every text of the estate against its column (StoredText's rule: no control character but tab and line breaks, no
    // value longer than the column), at its model path, so the caller learns "groups[sg-1].tags[env]" rather than a row's
    // name. An estate arriving whole (an import) is written by a bulk insert that no save-time check sees. Group names and
    // descriptions and rule descriptions have their length checked above, with AWS's wording: here only their characters.
    private static IEnumerable<ValidationError> Texts(Estate estate)
    {
        const int Text = ContentMapping.TextLength, Id = ContentMapping.IdLength;
        var texts = new List<(string Path, string? Value, int? Max)>();
        foreach (var v in estate.Vpcs)
            texts.AddRange([($"vpcs[{v.Id}]", v.Id, Id), ($"vpcs[{v.Id}].name", v.Name, Text)]);
        foreach (var s in estate.Subnets)
            texts.AddRange([($"subnets[{s.Id}]", s.Id, Id), ($"subnets[{s.Id}].name", s.Name, Text), ($"subnets[{s.Id}].availabilityZone", s.AvailabilityZone, 64)]);
        foreach (var g in estate.Groups)
        {
            texts.AddRange([($"groups[{g.Id}]", g.Id, Id), ($"groups[{g.Id}].name", g.Name, null), ($"groups[{g.Id}].description", g.Description, null)]);
            texts.AddRange(Tags($"groups[{g.Id}]", g.Tags));
            foreach (var r in g.Rules)
                texts.AddRange([($"groups[{g.Id}].rules[{r.Id}]", r.Id, Id), ($"groups[{g.Id}].rules[{r.Id}].description", r.Description, null)]);
        }
        foreach (var p in estate.PrefixLists)
            texts.AddRange([($"prefixLists[{p.Id}]", p.Id, Id), ($"prefixLists[{p.Id}].name", p.Name, Text)]);
        foreach (var i in estate.Instances)
        {
            texts.AddRange([($"instances[{i.Id}]", i.Id, Id), ($"instances[{i.Id}].name", i.Name, Text)]);
            texts.AddRange(Tags($"instances[{i.Id}]", i.Tags));
        }
        foreach (var n in estate.NetworkInterfaces)
            texts.AddRange([($"networkInterfaces[{n.Id}]", n.Id, Id), ($"networkInterfaces[{n.Id}].description", n.Description, Text)]);
        foreach (var e in estate.ExternalEndpoints)
            texts.Add(($"externalEndpoints[{e.Name}].name", e.Name, Text));
        foreach (var a in estate.NetworkAcls)
        {
            texts.AddRange([($"networkAcls[{a.Id}]", a.Id, Id), ($"networkAcls[{a.Id}].vpcId", a.VpcId, Id), ($"networkAcls[{a.Id}].name", a.Name, Text)]);
            texts.AddRange(a.SubnetIds.Select(s => ($"networkAcls[{a.Id}].subnetIds[{s}]", (string?)s, (int?)Id)));
        }
        return texts.Where(t => t.Value is not null)
            .Select(t => StoredText.Problem(t.Value!, t.Max) is { } problem ? new ValidationError(t.Path, problem) : null)
            .OfType<ValidationError>();
    }

    private static IEnumerable<(string Path, string? Value, int? Max)> Tags(string owner, IReadOnlyDictionary<string, string> tags) =>
        tags.SelectMany(t => new (string, string?, int?)[] { ($"{owner}.tags[{t.Key}]", t.Key, AwsLimits.TagKeyMaxLength), ($"{owner}.tags[{t.Key}].value", t.Value, AwsLimits.TagValueMaxLength) });
}
