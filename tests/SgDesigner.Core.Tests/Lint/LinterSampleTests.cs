using SgDesigner.Core.Lint;
using SgDesigner.Core.Tests.AwsCli;

namespace SgDesigner.Core.Tests.Lint;

/// <summary>The linter on the real AWS CLI samples (tests/data/aws, README.md lists what each contains).</summary>
public class LinterSampleTests
{
    public static TheoryData<string> Datasets => [.. AwsSamples.Datasets];

    [Theory]
    [MemberData(nameof(Datasets))]
    public void EverySampleLintsWithCataloguedIdsAndCompleteFindings(string dataset)
    {
        var findings = Linter.Lint(AwsSamples.Import(dataset).Estate!);

        Assert.All(findings, f =>
        {
            var check = LintCatalogue.Find(f.Id);
            Assert.NotNull(check);
            Assert.Equal(check.Severity, f.Severity);
            Assert.False(string.IsNullOrWhiteSpace(f.Message));
            Assert.True(f.GroupId is not null || f.EniId is not null, f.ToString());
        });
    }

    [Fact]
    public void TheHybridCloudCaptureHasItsDuplicateDefaultGroupsDanglingReferenceAndOpenDefaultGroup()
    {
        var findings = Linter.Lint(AwsSamples.Import("batfish-hybrid-cloud-aws-usw2").Estate!);

        var clash = Assert.Single(findings, f => f.Id == LintCatalogue.DuplicateGroupName.Id);
        Assert.Contains("vpc-b390fad5", clash.Message);
        Assert.Contains(findings, f => f.Id == LintCatalogue.StaleReference.Id && f.Message.Contains("sg-cf3f86b3", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Id == LintCatalogue.AllTrafficFromWorld.Id);
    }

    [Fact]
    public void TheSubnetCaptureHasSshOpenToTheWorldOnBothLaunchWizardGroups()
    {
        var findings = Linter.Lint(AwsSamples.Import("batfish-test-subnet").Estate!);

        var ssh = findings.Where(f => f.Id == LintCatalogue.AdminPortOpenToWorld.Id).ToList();
        Assert.Equal(2, ssh.Select(f => f.GroupId).Distinct().Count());
        Assert.All(ssh, f => Assert.Contains("22 (SSH)", f.Message));
    }

    [Fact]
    public void TheHybridCloudNotebookCaptureHasMySqlOpenToTheWorld()
    {
        var findings = Linter.Lint(AwsSamples.Import("pybatfish-hybrid-cloud/us-east-2").Estate!);

        Assert.Contains(findings, f => f.Id == LintCatalogue.DataPortOpenToWorld.Id && f.Message.Contains("3306 (MySQL)", StringComparison.Ordinal));
    }
}
