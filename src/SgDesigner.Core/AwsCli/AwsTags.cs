using System.Collections.Immutable;
using SgDesigner.Core.Documents;

namespace SgDesigner.Core.AwsCli;

/// <summary>AWS tags: <c>Tags</c> in most outputs, <c>TagSet</c> in <c>describe-network-interfaces</c>.</summary>
internal static class AwsTags
{
    public static ImmutableSortedDictionary<string, string> Read(JsonInput node)
    {
        var tags = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var tag in node.ItemsOf("Tags").Concat(node.ItemsOf("TagSet")))
            tags[tag.RequiredString("Key")] = tag.OptionalString("Value") ?? "";
        return tags.ToImmutable();
    }

    public static string? Name(ImmutableSortedDictionary<string, string> tags) =>
        tags.TryGetValue("Name", out var name) && name.Length > 0 ? name : null;
}
