using System.Collections.Immutable;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;

namespace SgDesigner.Core.AwsCli;

/// <summary>
/// Builds an estate from the JSON the AWS CLI prints (cli.md, <c>sgd import aws</c>). Keeps every group, rule,
/// ENI and address; repairs what AWS itself would (host bits) and keeps what real accounts contain (stale
/// references, duplicated names) with a warning. Unknown fields are ignored; malformed ones stop the import
/// with <c>file:$.json.path</c> and the problem.
/// </summary>
/// <remarks>
/// What real data contains and how it is read (semantics.md, "Import"; tests/data/aws/README.md):
/// <list type="bullet">
/// <item>Each peer of an <c>IpPermission</c> becomes one rule with its own description.</item>
/// <item>Rule ids: AWS's <c>SecurityGroupRuleId</c> when the input has one (on a peer entry, or from a
/// <c>describe-security-group-rules</c> file); otherwise <c>sgr-</c> + 17 hex digits of a hash of group,
/// direction, protocol, ports and peer, so re-importing gives the same ids.</item>
/// <item><c>-1</c> permissions without FromPort/ToPort, protocols as numbers (<c>"6"</c>), CIDRs with host bits
/// (masked, warned), tcp/udp port -1 in hand-made samples (read as 0 or 65535, warned).</item>
/// <item>An ENI's own <c>Groups</c> are authoritative; ENIs without groups (NAT gateways, transit gateway
/// attachments) are kept; <c>Tags</c> and <c>TagSet</c> are both read.</item>
/// <item>An ENI id repeated across instances (anonymised samples) is kept apart: later ones become
/// <c>{eni id}@{instance id}</c> (<c>@standalone</c> without instance); a group id repeated in the input becomes
/// <c>{group id}@2</c>, <c>@3</c>…; each with a warning.</item>
/// <item>Stale group references, duplicate names, addresses outside their subnet: kept, with a warning.
/// VPCs referenced but not described are added without address blocks; instances named only by an ENI's
/// attachment are added without a name.</item>
/// </list>
/// </remarks>
public static class AwsCliImporter
{
    /// <summary>Imports the given files (any order; kinds given or detected).</summary>
    public static AwsImportResult Import(IEnumerable<AwsCliFile> files)
    {
        var log = new ImportLog();
        var inputs = new List<(AwsCliFile File, AwsCliFileKind Kind, JsonInput Root)>();
        var documents = new List<IDisposable>();
        try
        {
            foreach (var file in files)
            {
                var parsed = JsonInput.ParseDocument(file.Json);
                if (!parsed.IsOk)
                    return Failed(new ValidationError($"{file.FileName}:$", parsed.Error!), log);
                documents.Add(parsed.Value);
                var root = new JsonInput(parsed.Value.RootElement, "$");
                var kind = file.Kind ?? AwsCliFileKinds.FromFileName(file.FileName) ?? AwsCliFileKinds.FromTopLevelKey(root.Element);
                if (kind is null)
                    return Failed(new ValidationError($"{file.FileName}:$", "cannot tell which AWS CLI command printed this file: expected a top-level SecurityGroups, Reservations, NetworkInterfaces, Subnets, Vpcs, PrefixLists, NetworkAcls or Entries"), log);
                inputs.Add((file, kind.Value, root));
            }
            return Build(inputs, log);
        }
        catch (JsonInputException e)
        {
            return Failed(e.ToError(log.File), log);
        }
        finally
        {
            foreach (var document in documents)
                document.Dispose();
        }
    }

    /// <summary>Imports one file (kind given or detected).</summary>
    public static AwsImportResult Import(string fileName, string json, AwsCliFileKind? kind = null) =>
        Import([new AwsCliFile(fileName, json, kind)]);

    private static AwsImportResult Build(List<(AwsCliFile File, AwsCliFileKind Kind, JsonInput Root)> inputs, ImportLog log)
    {
        var vpcs = new List<Vpc>();
        var subnets = new List<Subnet>();
        var groups = new List<SecurityGroup>();
        var lists = new List<PrefixList>();
        var acls = new List<NetworkAcl>();
        var interfaces = new InterfaceReader(log);
        // Instances before standalone ENIs, so an ENI listed in both keeps its instance's view;
        // rule ids last, once every group is known.
        foreach (var (file, kind, root) in inputs.OrderBy(i => i.Kind switch { AwsCliFileKind.NetworkInterfaces => 1, AwsCliFileKind.SecurityGroupRules => 2, _ => 0 }))
        {
            log.File = file.FileName;
            var top = AwsCliFileKinds.TopLevelKey(kind);
            root.Object().Required(top);
            switch (kind)
            {
                case AwsCliFileKind.SecurityGroups: SecurityGroupReader.Read(root, log, groups); break;
                case AwsCliFileKind.SecurityGroupRules: SecurityGroupRuleIds.Apply(root, log, groups); break;
                case AwsCliFileKind.Instances: interfaces.ReadInstances(root); break;
                case AwsCliFileKind.NetworkInterfaces: interfaces.ReadNetworkInterfaces(root); break;
                case AwsCliFileKind.Subnets: NetworkReader.ReadSubnets(root, log, subnets); break;
                case AwsCliFileKind.Vpcs: NetworkReader.ReadVpcs(root, log, vpcs); break;
                case AwsCliFileKind.PrefixLists: NetworkReader.ReadPrefixLists(root, log, lists); break;
                case AwsCliFileKind.PrefixListEntries: NetworkReader.ReadPrefixListEntries(root, file.FileName, log, lists); break;
                case AwsCliFileKind.NetworkAcls: NetworkAclReader.Read(root, log, acls); break;
            }
        }
        log.File = "";
        var enis = interfaces.Interfaces;
        InferVpcs(vpcs, subnets, groups, enis, acls, log);
        var estate = new Estate([.. vpcs], [.. subnets], [], [.. groups], [.. lists], interfaces.Instances, enis, [], Quotas.Default)
        {
            NetworkAcls = [.. acls],
        };
        // What AWS let happen is kept: the import-mode checks only warn (stale references, clashing names, quotas…).
        // What AWS never holds (control characters, over-long text, malformed rules) is an error that stops the import.
        var check = EstateValidator.Check(estate, EstateValidationMode.Import);
        return new AwsImportResult(estate, [.. log.Warnings, .. check.Warnings], null) { Errors = check.Errors };
    }

    /// <summary>VPCs referenced by subnets, groups, ENIs or network ACLs but absent from the input are added without address blocks.</summary>
    private static void InferVpcs(List<Vpc> vpcs, List<Subnet> subnets, List<SecurityGroup> groups, ImmutableArray<NetworkInterface> enis, List<NetworkAcl> acls, ImportLog log)
    {
        var referenced = subnets.Select(s => s.VpcId).Concat(groups.Select(g => g.VpcId)).Concat(enis.Select(e => e.VpcId)).Concat(acls.Select(a => a.VpcId));
        foreach (var id in referenced.Distinct().Where(id => vpcs.All(v => v.Id != id)).ToList())
        {
            vpcs.Add(new Vpc(id, null, []));
            log.Warnings.Add(new ValidationError($"vpcs[{id}]", "the VPC is not in the input (no describe-vpcs output for it); added without address blocks"));
        }
    }

    private static AwsImportResult Failed(ValidationError error, ImportLog log) => new(null, [.. log.Warnings], error);
}
