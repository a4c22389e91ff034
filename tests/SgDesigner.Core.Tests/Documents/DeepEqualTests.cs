using SgDesigner.Core.Tests.Validation;

namespace SgDesigner.Core.Tests.Documents;

public class DeepEqualTests
{
    [Fact]
    public void ADifferenceDeepInsideAnEstateIsFoundWithItsPath()
    {
        var estate = SampleEstate.Build();
        var changed = estate.WithGroupChanged("sg-db", g => g with { Rules = g.Rules.SetItem(1, g.Rules[1] with { Description = "x" }) });
        Assert.Null(DeepEqual.FindDifference(estate, SampleEstate.Build(), "$"));
        Assert.StartsWith("$.Groups[1].Rules[1].Description", DeepEqual.FindDifference(estate, changed, "$"));
    }
}
