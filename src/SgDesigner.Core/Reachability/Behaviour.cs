using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// ENIs with the same VPC, address family and set of existing groups: every group reference and every
/// block that contains all or no ENIs treats them alike. Only distinguishing blocks split them further
/// into classes.
/// </summary>
internal sealed class Behaviour
{
    public Behaviour(string vpcId, IpFamily? family, CompiledGroup[] groups, EstateIndex index, GroupRulesCache cache)
    {
        VpcId = vpcId;
        Family = family;
        Groups = groups;
        GroupNumbers = [.. groups.Select(g => index.GroupNumbers[g.Group.Id]).Order()];
        if (family is { } f)
        {
            Out = SideRules.Merge([.. groups.Select(g => cache.Get(g, f, index).Out)]);
            In = SideRules.Merge([.. groups.Select(g => cache.Get(g, f, index).In)]);
        }
    }

    public string VpcId { get; }
    /// <summary>Family of the members' primary IPs; null for ENIs without an IP (they reach nothing).</summary>
    public IpFamily? Family { get; }
    /// <summary>Existing groups, sorted by id.</summary>
    public CompiledGroup[] Groups { get; }
    /// <summary>The groups' numbers (<see cref="EstateIndex.GroupNumbers"/>), ascending.</summary>
    public int[] GroupNumbers { get; }
    public SideRules? Out { get; }
    public SideRules? In { get; }

    /// <summary>True when cells of this behaviour (as sender via Out, as receiver via In) depend on atoms.</summary>
    public bool OutDependsOnAtoms => Out is { DistinguishingIds.Length: > 0 };
    public bool InDependsOnAtoms => In is { DistinguishingIds.Length: > 0 };
}
