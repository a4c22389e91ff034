using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Validation;
using static SgDesigner.Core.Tests.Validation.SampleEstate;

namespace SgDesigner.Core.Tests.Validation;

/// <summary>Each limit of <see cref="AwsLimits"/> at its boundary, through the validator every entry point uses.</summary>
public class AwsLimitsTests
{
    private static ImmutableArray<ValidationError> Errors(Estate estate, EstateValidationMode mode = EstateValidationMode.Designer) =>
        EstateValidator.Check(estate, mode).Errors;

    private static Estate WithWeb(Func<SecurityGroup, SecurityGroup> change) => Build().WithGroupChanged("sg-web", change);

    private static ImmutableSortedDictionary<string, string> Tags(params (string Key, string Value)[] tags) =>
        tags.ToImmutableSortedDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

    [Theory]
    [InlineData(255, true)]
    [InlineData(256, false)]
    public void AGroupNameHasAtMost255Characters(int length, bool valid)
    {
        var errors = Errors(WithWeb(g => g with { Name = new string('n', length) }));
        Assert.Equal(valid, errors.IsEmpty);
        if (!valid)
            Assert.Equal(("groups[sg-web].name", "the name is 256 characters long; AWS allows 255"), (errors[0].Path, errors[0].Message));
    }

    [Theory]
    [InlineData(255, true)]
    [InlineData(256, false)]
    public void AGroupDescriptionHasAtMost255CharactersEvenOnImport(int length, bool valid)
    {
        var estate = WithWeb(g => g with { Description = new string('d', length) });
        Assert.Equal(valid, Errors(estate).IsEmpty);
        Assert.Equal(valid, Errors(estate, EstateValidationMode.Import).IsEmpty);
    }

    [Theory]
    [InlineData(255, true)]
    [InlineData(256, false)]
    public void ARuleDescriptionHasAtMost255Characters(int length, bool valid)
    {
        var estate = WithWeb(g => g with { Rules = g.Rules.SetItem(0, g.Rules[0] with { Description = new string('r', length) }) });
        var errors = Errors(estate);
        Assert.Equal(valid, errors.IsEmpty);
        if (!valid)
            Assert.Equal("groups[sg-web].rules[sgr-1].description", errors[0].Path);
    }

    [Theory]
    [InlineData("web é", false)]
    [InlineData("a-zA-Z0-9 ._-:/()#,@[]+=&;{}!$*", true)]
    public void AGroupDescriptionUsesAwssCharacters(string description, bool valid)
    {
        var errors = Errors(WithWeb(g => g with { Description = description }));
        Assert.Equal(valid, errors.IsEmpty);
        // On import it is only a warning: AWS accepted wider characters for older groups.
        Assert.Empty(Errors(WithWeb(g => g with { Description = description }), EstateValidationMode.Import));
    }

    [Theory]
    [InlineData("sg-web")]
    [InlineData("SG-web")]
    public void AGroupNameCannotStartWithSg(string name)
    {
        var error = Assert.Single(Errors(WithWeb(g => g with { Name = name })));
        Assert.Equal(AwsLimits.ReservedGroupNameMessage, error.Message);
    }

    [Theory]
    [InlineData("web\0")]
    [InlineData("web\u001b[31m")]
    public void ControlCharactersAreRefusedInEveryModeAndField(string text)
    {
        foreach (var mode in new[] { EstateValidationMode.Designer, EstateValidationMode.Import })
        {
            Assert.Contains(Errors(WithWeb(g => g with { Name = text }), mode), e => e.Path == "groups[sg-web].name" && e.Message.Contains("control character"));
            Assert.Contains(Errors(Build() with { Vpcs = [new Vpc("vpc-1", text, [C("10.0.0.0/16")])] }, mode), e => e.Path == "vpcs[vpc-1].name");
            Assert.Contains(Errors(WithWeb(g => g with { Tags = Tags(("team", text)) }), mode), e => e.Path == "groups[sg-web].tags[team]");
        }
    }

    [Theory]
    [InlineData(50, true)]
    [InlineData(51, false)]
    public void AResourceHasAtMost50Tags(int count, bool valid)
    {
        var tags = Tags([.. Enumerable.Range(0, count).Select(i => ($"k{i}", "v"))]);
        var errors = Errors(WithWeb(g => g with { Tags = tags }));
        Assert.Equal(valid, errors.IsEmpty);
        if (!valid)
            Assert.Equal(("groups[sg-web].tags", "51 tags exceed AWS's limit of 50 per resource"), (errors[0].Path, errors[0].Message));
    }

    [Theory]
    [InlineData(128, 256, true)]
    [InlineData(129, 1, false)]
    [InlineData(1, 257, false)]
    public void TagKeysHaveAtMost128AndValuesAtMost256Characters(int keyLength, int valueLength, bool valid)
    {
        var errors = Errors(WithWeb(g => g with { Tags = Tags((new string('k', keyLength), new string('v', valueLength))) }));
        Assert.Equal(valid, errors.IsEmpty);
    }

    [Fact]
    public void AwsTagKeysAreRefusedInTheDesignerButKeptOnImport()
    {
        var estate = WithWeb(g => g with { Tags = Tags(("aws:cloudformation:stack-name", "web")) });
        Assert.Contains("reserves", Assert.Single(Errors(estate)).Message);
        Assert.Empty(Errors(estate, EstateValidationMode.Import));
    }

    [Fact]
    public void AnAwsTagOnImportStillHasAwssLengths()
    {
        var estate = WithWeb(g => g with { Tags = Tags(("aws:cloudformation:stack-name", new string('v', 257))) });
        Assert.Equal("groups[sg-web].tags[aws:cloudformation:stack-name]", Assert.Single(Errors(estate, EstateValidationMode.Import)).Path);
    }

    [Theory]
    [InlineData("sg-0123abcd", true)]
    [InlineData("sg-0123456789abcdef0", true)]
    [InlineData("sg-0123456789ABCDEF0", false)]
    [InlineData("sg-0123abc", false)]
    [InlineData("sgr-0123abcd", false)]
    [InlineData("web", false)]
    public void AwsIdsArePrefixAndEightOr17HexDigits(string id, bool aws) =>
        Assert.Equal(aws, AwsLimits.HasAwsIdShape(id, AwsLimits.IdPrefix.Group));

    [Theory]
    [InlineData("sg-0123456789abcdef0", null)]
    [InlineData("sg-0badcafe", null)]
    [InlineData("sg-web", "'sg-web' is not in AWS's form: a new group id is 'sg-' followed by 8 or 17 lowercase hex digits, e.g. sg-0123456789abcdef0")]
    [InlineData("sg-\u0000", "the group id given is not in AWS's form: a new group id is 'sg-' followed by 8 or 17 lowercase hex digits, e.g. sg-0123456789abcdef0")]
    public void ANewIdOverTheApiNeedsAwssExactShape(string id, string? problem) =>
        Assert.Equal(problem, AwsLimits.NewIdProblem(id, AwsLimits.IdPrefix.Group, "group"));

    [Theory]
    [InlineData("sg-web", null)]
    [InlineData("sg-0123456789abcdef0", null)]
    [InlineData("web", "'web' is not a security group id: it must start with 'sg-' followed by hex digits, e.g. sg-0123456789abcdef0")]
    [InlineData("sg-", "'sg-' is not a security group id: it must start with 'sg-' followed by hex digits, e.g. sg-0123456789abcdef0")]
    [InlineData("sg-a b", "'sg-a b' is not a security group id: U+0020 is not allowed (use sg- followed by hex digits)")]
    public void IdsNeedTheirPrefixAndNoSpaces(string id, string? problem) =>
        Assert.Equal(problem, AwsLimits.IdProblem(id, AwsLimits.IdPrefix.Group, "security group"));

    [Fact]
    public void AnIdWithTheWrongPrefixIsAnErrorInTheDesignerAndAWarningOnImport()
    {
        var estate = Build() with { Instances = [new Instance("web-1", null, ImmutableSortedDictionary<string, string>.Empty)] };
        estate = estate with { NetworkInterfaces = estate.NetworkInterfaces.SetItem(0, estate.NetworkInterfaces[0] with { InstanceId = "web-1" }) };
        Assert.Equal("instances[web-1].id", Assert.Single(Errors(estate)).Path);
        Assert.Empty(Errors(estate, EstateValidationMode.Import));
        Assert.Contains(EstateValidator.Check(estate, EstateValidationMode.Import).Warnings, w => w.Path == "instances[web-1].id");
    }

    [Fact]
    public void AnotherAccountsGroupStaysAValidPeer()
    {
        var estate = Build().WithRule("sg-db", Tcp("sgr-9", Direction.Inbound, 22, 22, GroupPeer.InAccount("111122223333", "sg-0123456789abcdef0")));
        Assert.Empty(Errors(estate));
    }

    [Theory]
    [InlineData(0, 65535, true)]
    [InlineData(-1, 80, false)]
    [InlineData(80, 65536, false)]
    [InlineData(443, 80, false)]
    public void PortsAre0To65535FromNotAfterTo(int from, int to, bool valid) =>
        Assert.Equal(valid, Errors(Build().WithRule("sg-db", Tcp("sgr-9", Direction.Inbound, from, to, new CidrPeer(C("10.0.0.0/8"))))).IsEmpty);

    [Theory]
    [InlineData(-1, -1, true)]
    [InlineData(255, 255, true)]
    [InlineData(256, 0, false)]
    [InlineData(8, 256, false)]
    [InlineData(-2, -1, false)]
    [InlineData(-1, 0, false)]
    public void IcmpTypeAndCodeAreMinus1To255AndAnyTypeNeedsAnyCode(int type, int code, bool valid)
    {
        var rule = new Rule("sgr-9", Direction.Inbound, IpProtocol.Icmp, type, code, new CidrPeer(C("10.0.0.0/8")));
        Assert.Equal(valid, Errors(Build().WithRule("sg-db", rule)).IsEmpty);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(255, true)]
    [InlineData(256, false)]
    [InlineData(-2, false)]
    public void ProtocolNumbersAreMinus1To255(int number, bool valid)
    {
        var rule = new Rule("sgr-9", Direction.Inbound, new IpProtocol(number), -1, -1, new CidrPeer(C("10.0.0.0/8")));
        Assert.Equal(valid, Errors(Build().WithRule("sg-db", rule)).IsEmpty);
    }

    [Theory]
    [InlineData(60, 5, null, null)]
    [InlineData(1000, 1, null, null)]
    [InlineData(100, 10, null, null)]
    [InlineData(60, 16, null, null)]
    [InlineData(1001, 1, "quotas.rulesPerDirection", "at most 1000 (AWS's most rules per group and direction)")]
    [InlineData(60, 17, "quotas.groupsPerEni", "at most 16 (AWS's most security groups per network interface)")]
    [InlineData(100, 11, "quotas.groupsPerEni", "100 rules per direction × 11 groups per interface is 1100; AWS allows at most 1000")]
    [InlineData(0, 5, "quotas.rulesPerDirection", "must be at least 1")]
    public void QuotasAreSettableWithinAwssBounds(int rules, int groups, string? path, string? message)
    {
        foreach (var mode in new[] { EstateValidationMode.Designer, EstateValidationMode.Import })
        {
            // A quota of 0 also puts every group over it; only the quota's own errors matter here.
            var errors = Errors(Build() with { Quotas = new Quotas(rules, groups) }, mode).Where(e => e.Path.StartsWith("quotas.", StringComparison.Ordinal)).ToList();
            if (path is null)
                Assert.Empty(errors);
            else
                Assert.Equal((path, message), (Assert.Single(errors).Path, Assert.Single(errors).Message));
        }
    }

    [Fact]
    public void APrefixListReferenceCountsItsMaximumEntriesAgainstTheRuleQuota()
    {
        // sg-db has two inbound rules, one of them to pl-office; with 9 maximum entries that is 1 + 9 = 10 rules.
        var estate = Build() with { Quotas = new Quotas(RulesPerDirection: 10) };
        estate = estate with { PrefixLists = [estate.PrefixLists[0] with { MaxEntries = 9 }] };
        Assert.Empty(Errors(estate));
        Assert.Contains(EstateValidator.Check(estate).Warnings, w => w.Path == "groups[sg-db].rules" && w.Message.Contains("at its quota of 10"));
        estate = estate with { PrefixLists = [estate.PrefixLists[0] with { MaxEntries = 10 }] };
        var error = Assert.Single(Errors(estate));
        Assert.Equal(("groups[sg-db].rules", "11 inbound rules exceed the quota of 10 per group"), (error.Path, error.Message));
        // An estate over its quota is imported with a warning, not refused: real accounts have raised quotas.
        Assert.Empty(Errors(estate, EstateValidationMode.Import));
    }

    [Fact]
    public void WithoutMaximumEntriesAListCountsItsEntries()
    {
        var list = new PrefixList("pl-1", "x", IpFamily.V4, [C("10.0.0.0/8"), C("10.1.0.0/16"), C("10.2.0.0/16")]);
        Assert.Equal(3, list.RuleWeight);
        Assert.Equal(7, (list with { MaxEntries = 7 }).RuleWeight);
        Assert.Equal(1, (list with { Entries = [] }).RuleWeight);
    }

    [Theory]
    [InlineData(1000, null, null)]
    [InlineData(1001, null, "entries")]
    [InlineData(3, 2, "entries")]
    [InlineData(1, 1001, "maxEntries")]
    [InlineData(1, 0, "maxEntries")]
    public void APrefixListHasAtMost1000Entries(int entries, int? maxEntries, string? refusedAt)
    {
        var blocks = Enumerable.Range(0, entries).Select(i => C($"10.{i / 256}.{i % 256}.0/24")).ToImmutableArray();
        var estate = Build() with { PrefixLists = [new PrefixList("pl-office", "office", IpFamily.V4, blocks, maxEntries)] };
        // Only the list's own size matters here, not the rule quota it fills.
        estate = estate with { Quotas = new Quotas(RulesPerDirection: 1000, GroupsPerEni: 1) };
        var refused = Errors(estate).Where(e => e.Path.StartsWith("prefixLists[pl-office]", StringComparison.Ordinal)).Select(e => e.Path).ToList();
        Assert.Equal(refusedAt is null ? [] : [$"prefixLists[pl-office].{refusedAt}"], refused);
    }
}
