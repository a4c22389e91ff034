using SgDesigner.Core.Diff;
using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;
using SgDesigner.Core.Review;
using static SgDesigner.Core.Tests.Lint.TestEstate;
using static SgDesigner.Core.Tests.Review.MergeSamples;

namespace SgDesigner.Core.Tests.Review;

/// <summary>A rule's owner, justification, ticket and review-by date: validation, the policy file, the diff and the merge.</summary>
public class RuleMetadataTests
{
    private static readonly RuleMetadata Payments = RuleMetadata.Create("team-payments", "PSP callbacks", "NET-42", new DateOnly(2027, 3, 31));

    [Fact]
    public void TextsAreTrimmedAndBlankPartsAreNothing()
    {
        var parsed = RuleMetadata.Parse("  team-a ", "   ", "\tNET-1 ", " 2027-01-31 ");

        Assert.True(parsed.IsOk);
        Assert.Equal("team-a", parsed.Value.Owner);
        Assert.Null(parsed.Value.Justification);
        Assert.Equal("NET-1", parsed.Value.Ticket);
        Assert.Equal(new DateOnly(2027, 1, 31), parsed.Value.ReviewBy);
        Assert.True(RuleMetadata.Parse(null, "", " ", null).Value.IsEmpty);
    }

    [Theory]
    [InlineData("0001-01-01", "0001-01-01 is before 2000-01-01: give the date by which the rule is to be reviewed again, e.g. 2027-12-05")]
    [InlineData("1999-12-31", "1999-12-31 is before 2000-01-01")]
    [InlineData("2036-12-06", "2036-12-06 is more than 10 years ahead: review a rule at least every 10 years (the latest date is 2036-12-05)")]
    [InlineData("9999-12-31", "9999-12-31 is more than 10 years ahead")]
    public void A_review_by_date_typed_before_2000_or_more_than_ten_years_ahead_is_refused_at_its_field(string reviewBy, string message)
    {
        var today = new DateOnly(2026, 12, 5);

        var parsed = RuleMetadata.Parse("team-a", null, null, reviewBy, today);

        var error = Assert.Single(parsed.Errors);
        Assert.Equal("reviewBy", error.Path);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        // Read without a day (a policy file, a stored snapshot): any calendar date, and a past one is SGD040's.
        Assert.Equal(DateOnly.ParseExact(reviewBy, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), RuleMetadata.Parse("team-a", null, null, reviewBy).Value.ReviewBy);
    }

    [Theory]
    [InlineData("2000-01-01")]
    [InlineData("2020-01-31")]
    [InlineData("2036-12-05")]
    public void A_review_by_date_from_2000_to_ten_years_ahead_is_accepted(string reviewBy)
    {
        Assert.True(RuleMetadata.Parse(null, null, null, reviewBy, new DateOnly(2026, 12, 5)).IsOk);
    }

    [Theory]
    [InlineData("a\nb", null, null, null, "owner", "control character U+000A at position 2")]
    [InlineData(null, null, null, "2027-02-30", "reviewBy", "'2027-02-30' is not a date: use yyyy-MM-dd")]
    [InlineData(null, null, null, "31/01/2027", "reviewBy", "not a date")]
    [InlineData(null, null, "T\u0000", null, "ticket", "control character U+0000")]
    public void BadPartsAreRefusedNamingTheirField(string? owner, string? justification, string? ticket, string? reviewBy, string field, string message)
    {
        var parsed = RuleMetadata.Parse(owner, justification, ticket, reviewBy);

        var error = Assert.Single(parsed.Errors);
        Assert.Equal(field, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RightToLeftLettersAreTextButDirectionOverridesAreRefusedAndDroppedFromStoredValues()
    {
        var hebrew = RuleMetadata.Parse("צוות-רשת", "גישה למסד הנתונים", null, null);
        var spoofed = RuleMetadata.Parse("team-a\u202Eb-maet", null, null, null);
        var stored = RuleMetadata.FromStored("team-a\u202Eb-maet", "ok \u2067x\u2069", null, new DateOnly(2027, 1, 31));

        Assert.True(hebrew.IsOk);
        Assert.Equal("צוות-רשת", hebrew.Value.Owner);
        var error = Assert.Single(spoofed.Errors);
        Assert.Equal("owner", error.Path);
        Assert.Contains("bidirectional control character U+202E at position 7", error.Message, StringComparison.Ordinal);
        Assert.Equal("team-ab-maet", stored.Owner);
        Assert.Equal("ok x", stored.Justification);
        Assert.Equal(new DateOnly(2027, 1, 31), stored.ReviewBy);
    }

    [Fact]
    public void TooLongTextsAreRefusedWithTheirLengthAndTheLimit()
    {
        var parsed = RuleMetadata.Parse(new string('o', 129), new string('j', 257), new string('t', 129), null);

        Assert.Equal(["owner", "justification", "ticket"], parsed.Errors.Select(e => e.Path));
        Assert.Contains("is 257 characters long; at most 256", parsed.Errors[1].Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RuleMetadata.Create(owner: new string('o', 129)));
    }

    [Fact]
    public void ARuleIsOverdueOnlyAfterItsReviewByDate()
    {
        Assert.False(Payments.IsOverdue(new DateOnly(2027, 3, 31)));
        Assert.True(Payments.IsOverdue(new DateOnly(2027, 4, 1)));
        Assert.False(default(RuleMetadata).IsOverdue(DateOnly.MaxValue));
    }

    [Fact]
    public void ThePolicyFileWritesEachPartAndReadsItBack()
    {
        var estate = EditRule(Base, "sg-web", "sgr-https", r => r with { Metadata = Payments });
        var document = new PolicyDocument("p", null, estate);

        var json = PolicyDocumentJson.Write(document);
        var read = PolicyDocumentJson.Read(json);

        Assert.Contains("\"owner\": \"team-payments\"", json, StringComparison.Ordinal);
        Assert.Contains("\"reviewBy\": \"2027-03-31\"", json, StringComparison.Ordinal);
        Assert.True(read.IsOk, read.Error?.ToString());
        Assert.Equal(Payments, RuleOf(read.Document!.Estate, "sg-web", "sgr-https").Metadata);
        Assert.True(RuleOf(read.Document.Estate, "sg-db", "sgr-pg").Metadata.IsEmpty);
    }

    [Theory]
    [InlineData("\"reviewBy\":\"2027-13-01\"", "$.groups[0].rules[0].reviewBy", "not a date")]
    [InlineData("\"reviewBy\":20270101", "$.groups[0].rules[0].reviewBy", "expected a string")]
    [InlineData("\"owner\":\"a\\u0007b\"", "$.groups[0].rules[0].owner", "control character U+0007")]
    [InlineData("\"ticket\":\"" + "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt" + "\"", "$.groups[0].rules[0].ticket", "at most 128")]
    public void ABadPartInAPolicyFileIsRefusedAtItsJsonPath(string property, string path, string message)
    {
        var json = $$"""{"schemaVersion":1,"name":"x","groups":[{"id":"sg-1","name":"a","vpcId":"v","rules":[{"id":"sgr-1","direction":"inbound","protocol":"tcp","fromPort":22,"toPort":22,"cidr":"10.0.0.0/8",{{property}}}]}]}""";

        var read = PolicyDocumentJson.Read(json);

        Assert.False(read.IsOk);
        Assert.Equal(path, read.Error!.Path);
        Assert.Contains(message, read.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMetadataOnlyEditIsARuleChangeThatAffectsNoTraffic()
    {
        var after = EditRule(Base, "sg-web", "sgr-https", r => r with { Metadata = Payments });

        var change = Assert.Single(Assert.Single(RuleDiff.Compare(Base, after).Groups).Changed);

        Assert.Equal(Payments, change.After.Metadata);
        Assert.False(change.AffectsTraffic);
    }

    [Fact]
    public void AReImportedRuleUnderANewIdWithOtherMetadataIsAChange()
    {
        var before = Of(Group("sg-1", "web", In("sgr-1", "tcp", 443, 443, "0.0.0.0/0")));
        var after = Of(Group("sg-1", "web", In("sgr-2", "tcp", 443, 443, "0.0.0.0/0") with { Metadata = Payments }));

        var group = Assert.Single(RuleDiff.Compare(before, after).Groups);

        Assert.Empty(group.Added);
        Assert.Equal("sgr-2", Assert.Single(group.Changed).After.Id);
    }

    [Fact]
    public void MetadataEditedOnOneSideAndPortsOnTheOtherBothSurvive()
    {
        var ours = EditRule(Base, "sg-web", "sgr-https", r => r with { Metadata = Payments });
        var theirs = EditRule(Base, "sg-web", "sgr-https", r => r with { FromPort = 8443, ToPort = 8443 });

        var result = ThreeWayMerge.Merge(Base, ours, theirs);

        Assert.Empty(result.Conflicts);
        var merged = RuleOf(result.Merged, "sg-web", "sgr-https");
        Assert.Equal((8443, Payments), (merged.FromPort, merged.Metadata));
    }

    [Fact]
    public void MetadataEditedDifferentlyOnBothSidesConflictsAndTheChoiceIsKept()
    {
        var ours = EditRule(Base, "sg-web", "sgr-https", r => r with { Metadata = Payments });
        var theirs = EditRule(Base, "sg-web", "sgr-https", r => r with { Metadata = Payments.WithReviewBy(new DateOnly(2028, 1, 1)) });

        var result = ThreeWayMerge.Merge(Base, ours, theirs);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("metadata", conflict.Field);
        Assert.Contains("review by 2027-03-31", conflict.Ours, StringComparison.Ordinal);
        Assert.Contains("review by 2028-01-01", conflict.Theirs, StringComparison.Ordinal);
        var chosen = ThreeWayMerge.Resolve(Base, ours, theirs, Choose(conflict, MergeSide.Ours));
        Assert.Equal(Payments, RuleOf(chosen.Merged, "sg-web", "sgr-https").Metadata);
    }
}
