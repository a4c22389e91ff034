using System.Text.Json.Nodes;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Assertions;
using SgDesigner.Core.Diff;
using SgDesigner.Core.Drift;
using SgDesigner.Core.Model;
using SgDesigner.Core.Plans;
using SgDesigner.Core.Samples;
using SgDesigner.Core.Terraform;
using SgDesigner.Core.Tests.Terraform;

namespace SgDesigner.Core.Tests.Plans;

/// <summary>
/// Plans made by the real Terraform 1.11 (offline, the hashicorp/aws mirror): the demo policy's export planned from
/// nothing, then, against a state as if that export had been applied, an edited export. The state is written here
/// (Terraform reads it without calling AWS when planning with <c>-refresh=false</c>).
/// </summary>
public sealed class PlanImpactTerraformTests
{
    [Fact]
    public async Task A_plan_from_nothing_deploys_the_policy_and_an_edit_planned_on_its_state_opens_and_closes_what_the_edit_does()
    {
        var terraform = TerraformCli.Find();
        if (terraform is null)
            Assert.Skip("terraform is not on PATH");
        var ct = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory("sgd-plan-").FullName;
        try
        {
            var cli = TerraformCli.Create(terraform, root);
            var demo = DemoEstate.Build();
            var work = Path.Combine(root, "work");
            Directory.CreateDirectory(work);
            await File.WriteAllTextAsync(Path.Combine(work, "provider.tf.json"), TerraformCli.FakeProvider, ct);
            await File.WriteAllTextAsync(Path.Combine(work, "main.tf.json"), TerraformExporter.Export(demo), ct);
            Assert.Equal(0, (await cli.RunAsync(work, ct, "init", "-input=false", "-no-color", "-backend=false")).ExitCode);

            // From nothing: every group and rule created; applied to the designed policy, exactly its reachability.
            var createJson = await PlanJsonAsync(cli, work, ct);
            var create = Read(createJson);
            Assert.All(create.SecurityGroupChanges, r => Assert.Equal(PlanAction.Create, r.Action));
            var created = PlanImpact.Of(create, demo, []).Value;
            Assert.True(ReachabilityDiff.Compare(demo, created.After).IsEmpty, "the planned export is not the policy");
            Assert.Equal(demo.Groups.Select(g => g.Id).Order(), created.GroupAddresses.Keys.Order());
            Assert.True(created.Opens);

            // A state as if that plan had been applied; then an edit: db loses "5432 from app", web gains "22 from anywhere".
            await File.WriteAllTextAsync(Path.Combine(work, "terraform.tfstate"), AppliedState(createJson, demo), ct);
            var show = await cli.RunAsync(work, ct, "show", "-json", "-no-color");
            Assert.True(show.ExitCode == 0, show.Output);
            var state = TerraformStateReader.Read(show.Output[show.Output.IndexOf('{')..], "state.json");
            Assert.True(state.IsOk, state.Error);
            var warnings = new List<string>();
            var applied = StateEstate.From(state.Value, warnings).Value;
            Assert.Empty(warnings);
            Assert.True(DeploymentDrift.Between(demo, applied).InSync, "the applied state drifts from the policy it deploys");
            var edited = Edit(demo);
            var drift = DeploymentDrift.Between(edited, applied);
            Assert.Equal((1, 1), (drift.DeployedNotDesigned, drift.DesignedNotDeployed));
            await File.WriteAllTextAsync(Path.Combine(work, "main.tf.json"), TerraformExporter.Export(edited), ct);
            var editJson = await PlanJsonAsync(cli, work, ct);
            var edit = Read(editJson);
            var changes = edit.SecurityGroupChanges.ToList();
            Assert.Equal(2, changes.Count);
            var deleted = Assert.Single(changes, c => c.Action == PlanAction.Delete).Address;
            var added = Assert.Single(changes, c => c.Action == PlanAction.Create).Address;
            Assert.False(edit.PriorState.IsEmpty);

            var assertions = AssertionParser.Parse("""{"from": "203.0.113.9", "to": "web-1", "protocol": "tcp", "port": 22, "expect": "deny"}""").Assertions;
            var impact = PlanImpact.Of(edit, demo, assertions).Value;
            Assert.True(ReachabilityDiff.Compare(demo, impact.Before).IsEmpty, "before the edit is not the applied policy");
            Assert.True(ReachabilityDiff.Compare(edited, impact.After).IsEmpty, "after the edit is not the edited policy");
            var opened = Assert.Single(impact.Flows.Opening, f => f.To.GroupIds.Contains(DemoEstate.Web));
            Assert.Contains(opened.OpenedDetail, d => d.Traffic.ToString() == "tcp 22" && d.Rules.Any(r => r.Rule.Id == added));
            var closed = Assert.Single(impact.Flows.Closing);
            Assert.Contains(DemoEstate.Db, closed.To.GroupIds);
            Assert.Contains(closed.ClosedDetail, d => d.Rules.Any(r => r.Rule.Id == deleted));
            Assert.Single(impact.BrokenAssertions);
            Assert.Equal(3, PlanImpactAnswer.ExitCode(impact));

            // Against the plan's own prior state (no instances there): the same rule changes, and SSH from anywhere is an
            // error finding the plan adds, which blocks it without any assertion.
            var alone = PlanImpact.Of(edit, null, []).Value;
            var groups = alone.Rules.Groups;
            Assert.Contains(groups, g => g.Removed.Any(r => r.Id == deleted));
            Assert.Contains(groups, g => g.Added.Any(r => r.Id == added));
            Assert.Contains(alone.NewErrors, f => f.RuleId == added);
            Assert.Equal(3, PlanImpactAnswer.ExitCode(alone));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task A_network_acl_rule_turned_to_deny_in_a_planned_export_closes_the_flow_and_names_the_rule_resource()
    {
        var terraform = TerraformCli.Find();
        if (terraform is null)
            Assert.Skip("terraform is not on PATH");
        var ct = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory("sgd-plan-acl-").FullName;
        try
        {
            var cli = TerraformCli.Create(terraform, root);
            // subnet-a (a1, a2) under the default ACL, subnet-b (b1) under a custom one whose inbound #20 allows ssh from the VPC.
            var policy = AclTerraformFixtures.HandMade();
            var custom = policy.NetworkAcls.Single(a => !a.IsDefault);
            var work = Path.Combine(root, "work");
            Directory.CreateDirectory(work);
            await File.WriteAllTextAsync(Path.Combine(work, "provider.tf.json"), TerraformCli.FakeProvider, ct);
            await File.WriteAllTextAsync(Path.Combine(work, "main.tf.json"), TerraformExporter.Export(policy), ct);
            Assert.Equal(0, (await cli.RunAsync(work, ct, "init", "-input=false", "-no-color", "-backend=false")).ExitCode);

            // From nothing: the ACLs, their rules and subnets read from the plan are the policy's.
            var createJson = await PlanJsonAsync(cli, work, ct);
            var created = PlanImpact.Of(Read(createJson), policy, []).Value;
            Assert.Empty(created.Warnings);
            Assert.True(ReachabilityDiff.Compare(policy, created.After).IsEmpty, "the planned export is not the policy");
            Assert.Equal(policy.NetworkAcls.Select(a => a.Id).Order(), created.AclAddresses.Keys.Order());

            // Applied; then #20 turns to deny: Terraform replaces that rule resource.
            await File.WriteAllTextAsync(Path.Combine(work, "terraform.tfstate"), AppliedState(createJson, policy), ct);
            var show = await cli.RunAsync(work, ct, "show", "-json", "-no-color");
            Assert.True(show.ExitCode == 0, show.Output);
            var warnings = new List<string>();
            var applied = StateEstate.Read(show.Output[show.Output.IndexOf('{')..], "state.json", warnings);
            Assert.True(applied.IsOk, applied.Error);
            Assert.Empty(warnings);
            Assert.Equal(policy.NetworkAcls.Select(a => a.Id).Order(), applied.Value.NetworkAcls.Select(a => a.Id).Order());
            Assert.True(DeploymentDrift.Between(policy, applied.Value).InSync, "the applied state drifts from the policy it deploys");
            var denied = custom with { Inbound = [.. custom.Inbound.Select(e => e.RuleNumber == 20 ? e with { Action = AclAction.Deny } : e)] };
            var edited = policy with { NetworkAcls = [.. policy.NetworkAcls.Select(a => a.Id == custom.Id ? denied : a)] };
            await File.WriteAllTextAsync(Path.Combine(work, "main.tf.json"), TerraformExporter.Export(edited), ct);
            var edit = Read(await PlanJsonAsync(cli, work, ct));
            var replaced = Assert.Single(edit.ModelledChanges);
            Assert.Equal(("aws_network_acl_rule", PlanAction.Replace), (replaced.Type, replaced.Action));

            var impact = PlanImpact.Of(edit, policy, []).Value;
            Assert.Empty(impact.Warnings);
            Assert.True(ReachabilityDiff.Compare(policy, impact.Before).IsEmpty, "before the edit is not the applied policy");
            Assert.True(ReachabilityDiff.Compare(edited, impact.After).IsEmpty, "after the edit is not the edited policy");
            Assert.False(impact.Opens);
            var (ssh, index) = Assert.Single(impact.Flows.Changes.Select((c, i) => (c, i)), x => x.c.From.SampleEniIds.Contains("eni-a1") && x.c.To.SampleEniIds.SequenceEqual(["eni-b1"]));
            Assert.Equal("tcp 22", ssh.Closed.ToString());
            Assert.Equal([replaced.Address], impact.AclRulesOfFlows[index]);
            Assert.Equal(0, PlanImpactAnswer.ExitCode(impact));
            Assert.Contains(replaced.Address, PlanImpactAnswer.Json(impact), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static TerraformPlan Read(string json)
    {
        var plan = TerraformPlanReader.Read(json, "plan.json");
        Assert.True(plan.IsOk, plan.Error);
        return plan.Value;
    }

    private static async Task<string> PlanJsonAsync(TerraformCli cli, string work, CancellationToken ct)
    {
        var plan = await cli.RunAsync(work, ct, "plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-out=tfplan");
        Assert.True(plan.ExitCode == 0, plan.Output);
        var show = await cli.RunAsync(work, ct, "show", "-json", "-no-color", "tfplan");
        Assert.True(show.ExitCode == 0, show.Output);
        return show.Output[show.Output.IndexOf('{')..];
    }

    private static Estate Edit(Estate demo)
    {
        var db = demo.FindGroup(DemoEstate.Db)!;
        var web = demo.FindGroup(DemoEstate.Web)!;
        return demo
            .WithGroup(db with { Rules = db.Rules.RemoveAll(r => r.Id == "sgr-0a1b0000000000031") })
            .WithGroup(web with { Rules = web.Rules.Add(new Rule("sgr-0a1b0000000000015", Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4), "SSH from anywhere")) });
    }

    private static JsonArray Blocks(IEnumerable<NetworkAclEntry> entries) =>
    [
        .. entries.Select(e => (JsonNode)new JsonObject
        {
            ["rule_no"] = e.RuleNumber,
            ["action"] = e.Action == AclAction.Allow ? "allow" : "deny",
            ["protocol"] = e.Protocol.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["cidr_block"] = e.Cidr.Family == IpFamily.V4 ? e.Cidr.ToString() : "",
            ["ipv6_cidr_block"] = e.Cidr.Family == IpFamily.V6 ? e.Cidr.ToString() : "",
            ["from_port"] = e.Protocol.HasPorts ? e.FromPort : 0,
            ["to_port"] = e.Protocol.HasPorts ? e.ToPort : 0,
            ["icmp_type"] = e.Protocol.IsIcmp ? e.FromPort : 0,
            ["icmp_code"] = e.Protocol.IsIcmp ? e.ToPort : 0,
        }),
    ];

    /// <summary>A version 4 state holding the planned values, with the policy's group and ACL ids and made-up rule ids.</summary>
    private static string AppliedState(string planJson, Estate estate)
    {
        var plan = JsonNode.Parse(planJson)!;
        var config = plan["configuration"]!["root_module"]!["resources"]!.AsArray().ToDictionary(r => (string)r!["address"]!, r => r!);
        var groupIds = new Dictionary<string, string>();
        var resources = plan["planned_values"]!["root_module"]!["resources"]!.AsArray();
        foreach (var r in resources.Where(r => ((string)r!["type"]!).Contains("security_group", StringComparison.Ordinal) && !((string)r!["type"]!).Contains("rule", StringComparison.Ordinal)))
        {
            var values = r!["values"]!;
            var name = (string)r["type"]! == "aws_default_security_group" ? "default" : (string)values["name"]!;
            groupIds[(string)r["address"]!] = estate.Groups.Single(g => g.Name == name).Id;
        }
        var aclIds = new Dictionary<string, string>();
        foreach (var r in resources.Where(r => (string)r!["type"]! is "aws_network_acl" or "aws_default_network_acl"))
        {
            var values = r!["values"]!;
            aclIds[(string)r["address"]!] = (string)r["type"]! == "aws_default_network_acl"
                ? (string)values["default_network_acl_id"]!
                : estate.NetworkAcls.Single(a => a.Name == (string?)values["tags"]?["Name"]).Id;
        }
        var state = new JsonArray();
        var n = 0;
        foreach (var r in resources)
        {
            var address = (string)r!["address"]!;
            var values = r["values"]!.AsObject().DeepClone().AsObject();
            if (aclIds.TryGetValue(address, out var aclId))
            {
                values["id"] = aclId;
                values["arn"] = $"arn:aws:ec2:us-east-1:123456789012:network-acl/{aclId}";
                values["owner_id"] = "123456789012";
                values["vpc_id"] ??= estate.NetworkAcls.Single(a => a.Id == aclId).VpcId;
                values["tags_all"] = values["tags"]?.DeepClone() ?? new JsonObject();
                // AWS reports every entry of an ACL in its ingress/egress, those of rule resources included.
                var acl = estate.NetworkAcls.Single(a => a.Id == aclId);
                values["ingress"] = Blocks(acl.Inbound);
                values["egress"] = Blocks(acl.Outbound);
            }
            else if ((string)r["type"]! == "aws_network_acl_rule")
            {
                values["id"] = $"nacl-{++n:x8}";
                values["network_acl_id"] = aclIds[(string)config[address]["expressions"]!["network_acl_id"]!["references"]![1]!];
            }
            else if (groupIds.TryGetValue(address, out var id))
            {
                values["id"] = id;
                values["arn"] = $"arn:aws:ec2:us-east-1:123456789012:security-group/{id}";
                values["owner_id"] = "123456789012";
                values["tags_all"] = values["tags"]?.DeepClone() ?? new JsonObject();
                values["ingress"] ??= new JsonArray();
                values["egress"] ??= new JsonArray();
                values["name"] ??= "default";
                values["description"] ??= TerraformExporter.DefaultGroupDescription;
            }
            else
            {
                var ruleId = $"sgr-{++n:x17}";
                values["id"] = ruleId;
                values["security_group_rule_id"] = ruleId;
                values["arn"] = $"arn:aws:ec2:us-east-1:123456789012:security-group-rule/{ruleId}";
                values["tags_all"] = new JsonObject();
                var expressions = config[address]["expressions"]!;
                foreach (var attribute in new[] { "security_group_id", "referenced_security_group_id" })
                {
                    if (expressions[attribute]?["references"] is JsonArray references)
                        values[attribute] = groupIds[(string)references[1]!];
                }
            }
            state.Add(new JsonObject
            {
                ["mode"] = "managed",
                ["type"] = (string)r["type"]!,
                ["name"] = (string)r["name"]!,
                ["provider"] = "provider[\"registry.terraform.io/hashicorp/aws\"]",
                ["instances"] = new JsonArray(new JsonObject
                {
                    ["schema_version"] = (int)r["schema_version"]!,
                    ["attributes"] = values,
                    ["sensitive_attributes"] = new JsonArray(),
                }),
            });
        }
        return new JsonObject
        {
            ["version"] = 4,
            ["terraform_version"] = "1.11.0",
            ["serial"] = 1,
            ["lineage"] = "5d1c4f0e-7a0b-4a53-9d43-000000000001",
            ["outputs"] = new JsonObject(),
            ["resources"] = state,
        }.ToJsonString();
    }
}
