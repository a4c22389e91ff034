using System.Text.Json.Nodes;
using CsCheck;
using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Terraform;
using SgDesigner.Core.Tests.AwsCli;
using SgDesigner.Core.Tests.Validation;

namespace SgDesigner.Core.Tests.Documents;

/// <summary>
/// Every reader turns any damaged input into a result (never an exception): one value somewhere in a valid
/// document is replaced by something of another type or shape, or the text is cut short.
/// </summary>
public class MalformedInputTests
{
    private static readonly JsonNode?[] Replacements =
        [null, 42, -1, 70000, 1.5, "x", "", "10.0.0.0/33", "300.1.1.1", "-2", true, new JsonArray(), new JsonObject(), new JsonArray(1, "a")];

    private static string Damage(string json, Random random)
    {
        if (random.Next(5) == 0)
            return json[..random.Next(json.Length)];
        var root = JsonNode.Parse(json)!;
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        var replacement = Replacements[random.Next(Replacements.Length)]?.DeepClone();
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = replacement;
                break;
            case JsonArray parent:
                parent[target.GetElementIndex()] = replacement;
                break;
            default:
                return replacement?.ToJsonString() ?? "null";
        }
        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        into.Add(node);
        if (node is JsonObject o)
        {
            foreach (var (_, child) in o)
            {
                if (child is not null)
                    Collect(child, into);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
            {
                if (child is not null)
                    Collect(child, into);
            }
        }
    }

    private static void Check(string json, Action<string> read) =>
        Gen.Int[0, int.MaxValue].Sample(seed => read(Damage(json, new Random(seed))), iter: 400);

    [Fact]
    public void DamagedPolicyDocumentsGiveAnErrorOrADocument()
    {
        var json = PolicyDocumentJson.Write(new PolicyDocument("p", "d", SampleEstate.Build()));
        Check(json, text => Assert.True(PolicyDocumentJson.Read(text) is { } r && (r.IsOk || r.Error is not null)));
    }

    [Fact]
    public void DamagedAwsCliOutputGivesAnErrorOrAnEstate()
    {
        foreach (var file in AwsSamples.Load("cloudmapper-demo"))
            Check(file.Json, text => Assert.True(AwsCliImporter.Import(file.FileName, text) is { } r && (r.IsOk || r.Error is not null)));
    }

    [Fact]
    public void DamagedTerraformGivesAnErrorOrAnEstate()
    {
        foreach (var style in new[] { TerraformStyle.Rules, TerraformStyle.Inline })
        {
            var json = TerraformExporter.Export(SampleEstate.Build(), style);
            Check(json, text => Assert.True(TerraformImporter.Import(text) is { } r && (r.IsOk || r.Error is not null)));
        }
    }
}
