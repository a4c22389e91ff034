using CsCheck;
using SgDesigner.Core.AwsCli;
using SgDesigner.Core.Model;
using SgDesigner.Core.Tests.Documents;

namespace SgDesigner.Core.Tests.AwsCli;

public class AwsCliRoundTripTests
{
    /// <summary>What AWS's JSON carries: rule order, empty descriptions and instance names (from tags) aside.</summary>
    private static Estate Comparable(Estate estate) => Estate.Empty with
    {
        Vpcs = estate.Vpcs,
        Subnets = estate.Subnets,
        PrefixLists = estate.PrefixLists,
        Groups = [.. estate.Groups.Select(g => g with
        {
            Rules = [.. g.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => string.IsNullOrEmpty(r.Description) ? r with { Description = null } : r)],
        })],
        Instances = [.. estate.Instances.OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => i with { Name = i.Tags.GetValueOrDefault("Name") is { Length: > 0 } n ? n : null })],
        NetworkInterfaces = [.. estate.NetworkInterfaces.OrderBy(e => e.Id, StringComparer.Ordinal)],
    };

    [Fact]
    public void RandomEstatesWrittenInAwsCliShapesImportAsTheSameEstate()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var estate = RandomEstate.Create(new Random(seed));
            var result = AwsCliImporter.Import(AwsCliJsonWriter.Write(estate));
            Assert.True(result.IsOk, result.Error?.ToString());
            Assert.True(result.Warnings.IsEmpty, string.Join("\n", result.Warnings));
            DeepEqual.Assert(Comparable(estate), Comparable(result.Estate!));
        }, iter: 100);
    }
}
