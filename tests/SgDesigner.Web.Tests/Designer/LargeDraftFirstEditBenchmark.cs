using System.Diagnostics;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Synthetic;
using SgDesigner.Web.Features.Designer;
using SgDesigner.Web.Features.Matrix;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// An edit in the first seconds of the 10,000-instance draft of <c>sgd bench</c> (seed 1), on SQLite: the page's first
/// request prepares the draft, the circuit loads it, and a rule is changed at once; timed from the edit to the preview
/// showing it (the session's content and engine), to the edit stored, and to its findings. Explicit: it only measures and
/// prints (never asserts times):
/// <c>dotnet run --project tests/SgDesigner.Web.Tests -c Debug --no-build -- -explicit only -class "*LargeDraftFirstEditBenchmark"</c>.
/// Figures go to the test output and to <c>first-edit-10k.txt</c> beside the test assembly, with the load average.
/// </summary>
public sealed class LargeDraftFirstEditBenchmark : DesignerTestContext
{
    private readonly List<string> _figures = [];

    [Fact(Explicit = true)]
    public async Task An_edit_right_after_opening_the_ten_thousand_instance_draft()
    {
        var ct = TestContext.Current.CancellationToken;
        var policy = await Store.CreatePolicyAsync($"first-edit-{Guid.NewGuid():N}", null, EstateGenerator.Generate(EstateGeneratorOptions.BenchDefault), Tester, ct);
        var draftId = (await Store.CreateDraftAsync(policy.Value.Id, null, "first edit", Tester, ct)).Value.Id;
        Figure($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");

        var arrival = Stopwatch.StartNew();
        await NewSession().PrepareAheadAsync(draftId, ct);
        var session = NewSession();
        Assert.Null(await session.LoadAsync(draftId, ct));
        Figure($"page request → draft loaded in the circuit: {arrival.ElapsedMilliseconds} ms");

        var group = session.Estate.Groups[0].Id;
        var rule = new Rule("sgr-00000000000000beef", Direction.Inbound, IpProtocol.Tcp, 22, 22, new CidrPeer(Cidr.AnyV4));
        var edit = Stopwatch.StartNew();
        long? previewed = null;
        session.Changed += () => previewed ??= session.Engine.Estate.FindGroup(group)!.Rules.Contains(rule) ? edit.ElapsedMilliseconds : null;
        Assert.Null(await session.EditAsync(GroupEdits.PutRule(group, rule), ct));
        var stored = edit.ElapsedMilliseconds;
        Assert.NotNull(previewed);
        Figure($"edit at once after loading → preview shows it: {previewed} ms");
        Figure($"edit at once after loading → stored: {stored} ms");
        for (var i = 0; session.Linting && i < 6000; i++)
            await Task.Delay(50, ct);
        Assert.False(session.Linting);
        Assert.Contains(session.Findings, f => f.RuleId == rule.Id);
        Figure($"edit at once after loading → its findings shown: {edit.ElapsedMilliseconds} ms");
        // What the Matrix or graph tab, open during the edit, builds for the edited content (off the circuit since session 16).
        var grid = Stopwatch.StartNew();
        var rows = MatrixGrid.For(session.Engine).Endpoints.Length;
        Figure($"the edited content's matrix grid ({rows:N0} rows and columns), built off the circuit when a view asks: {grid.ElapsedMilliseconds} ms");
        Figure($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        await File.WriteAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "first-edit-10k.txt"), _figures, ct);
    }

    private void Figure(string line)
    {
        _figures.Add(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }
}
