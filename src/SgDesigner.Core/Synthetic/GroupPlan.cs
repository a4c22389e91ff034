namespace SgDesigner.Core.Synthetic;

/// <summary>What a synthetic group is for: a tier of one application, or a group shared across a VPC.</summary>
internal enum GroupRole
{
    Lb,
    Web,
    App,
    Db,
    Cache,
    Bastion,
    SshFromBastion,
    Monitoring,
    Monitored,
    Default,
}

/// <summary>One planned group: its index (and so its id), VPC, role and application.</summary>
internal sealed record PlannedGroup(int Index, int Vpc, GroupRole Role, int App, string Name)
{
    public string Id => $"sg-{Index + 1:x17}";

    public bool IsTier => Role <= GroupRole.Cache;

    public string Tier => Role switch
    {
        GroupRole.Lb => "lb",
        GroupRole.Web => "web",
        GroupRole.App => "app",
        GroupRole.Db => "db",
        GroupRole.Cache => "cache",
        _ => "shared",
    };
}

/// <summary>
/// Lays out the groups: per VPC the shared ones (bastion, ssh-from-bastion, monitoring, monitored,
/// default), then applications with a web and an app tier and, as real estates do, often a load
/// balancer, a database and a cache; exactly as many groups as asked for.
/// </summary>
internal static class GroupPlan
{
    private static readonly string[] AppWords =
        ["billing", "orders", "search", "catalog", "payments", "auth", "inventory", "reports", "chat", "media",
         "shipping", "pricing", "ledger", "profile", "notify", "ingest", "etl", "gateway", "crm", "wiki"];

    private static readonly GroupRole[] SharedRoles =
        [GroupRole.Bastion, GroupRole.SshFromBastion, GroupRole.Monitoring, GroupRole.Monitored, GroupRole.Default];

    public static List<PlannedGroup> Lay(int groupCount, int vpcCount, Random random)
    {
        var groups = new List<PlannedGroup>(groupCount);
        var sharedPerVpc = groupCount >= 10 * vpcCount ? SharedRoles.Length : groupCount >= 2 * vpcCount ? 1 : 0;
        for (var vpc = 0; vpc < vpcCount; vpc++)
        {
            foreach (var role in SharedRoles.TakeLast(sharedPerVpc))
                groups.Add(new PlannedGroup(groups.Count, vpc, role, -1, $"{role.ToString().ToLowerInvariant()}-vpc{vpc}"));
        }
        for (var app = 0; groups.Count < groupCount; app++)
        {
            var vpc = app % vpcCount;
            var name = $"{AppWords[app % AppWords.Length]}-{app}";
            foreach (var role in TiersOf(random))
            {
                if (groups.Count == groupCount)
                    break;
                groups.Add(new PlannedGroup(groups.Count, vpc, role, app, $"{name}-{role.ToString().ToLowerInvariant()}"));
            }
        }
        return groups;
    }

    private static IEnumerable<GroupRole> TiersOf(Random random)
    {
        if (random.NextDouble() < 0.7)
            yield return GroupRole.Lb;
        yield return GroupRole.Web;
        yield return GroupRole.App;
        if (random.NextDouble() < 0.6)
            yield return GroupRole.Db;
        if (random.NextDouble() < 0.35)
            yield return GroupRole.Cache;
    }
}
