using System.Diagnostics;
using Bunit;
using MudBlazor;
using SgDesigner.Core.Editing;
using SgDesigner.Core.Model;
using SgDesigner.Core.Synthetic;
using SgDesigner.Web.Features.Matrix;
using SgDesigner.Web.Tests.Designer;
using Direction = SgDesigner.Core.Model.Direction;
using TestContext = Xunit.TestContext;

namespace SgDesigner.Web.Tests.Matrix;

/// <summary>
/// An edit of the 10,000-instance draft of <c>sgd bench</c> (seed 1) with the Matrix open: how long the edit's change
/// holds the circuit (the view's render of it; a click or key waits that long), the edit until stored, and the grid of the edited content
/// on its own (what that render built before the grid moved off the circuit). Explicit: it only measures and prints (never
/// asserts times): <c>dotnet run --project tests/SgDesigner.Web.Tests -c Debug --no-build -- -explicit only -class "*MatrixEditRenderBenchmark"</c>.
/// </summary>
public sealed class MatrixEditRenderBenchmark : DesignerTestContext
{
    [Fact(Explicit = true)]
    public async Task An_edit_with_the_matrix_open_on_the_ten_thousand_instance_draft()
    {
        var ct = TestContext.Current.CancellationToken;
        await LoadNewDraftAsync(EstateGenerator.Generate(EstateGeneratorOptions.BenchDefault));
        // Handlers run in the order they were added: this one before the view's, the one below after it. From the edit's
        // first change until the circuit runs what comes next (a click, a key): the view's handling of it, its render included.
        var held = new Stopwatch();
        Task<long>? free = null;
        Session.Changed += () =>
        {
            if (free is null)
                held.Restart();
        };
        Render<MudPopoverProvider>();
        var matrix = Render<MatrixView>();
        Session.Changed += () => free ??= Renderer.Dispatcher.InvokeAsync(() => held.ElapsedMilliseconds);
        matrix.WaitForElement("[data-testid=aggregate-table]", TimeSpan.FromMinutes(3));
        Figure($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        var group = Session.Estate.Groups[0].Id;
        for (var i = 0; i < 5; i++)
        {
            var rule = new Rule($"sgr-0000000000000{i:D4}", Direction.Inbound, IpProtocol.Tcp, 1000 + i, 1000 + i, new CidrPeer(Cidr.AnyV4));
            free = null;
            var edit = Stopwatch.StartNew();
            Assert.Null(await Session.EditAsync(GroupEdits.PutRule(group, rule), ct));
            Figure($"edit {i + 1}: the circuit held by the edit's change: {await free!} ms; edit → stored: {edit.ElapsedMilliseconds} ms");
            matrix.WaitForElement("[data-testid=aggregate-table]", TimeSpan.FromMinutes(3));
            var grid = Stopwatch.StartNew();
            MatrixGrid.Of(Session.Engine);
            Figure($"edit {i + 1}: the edited content's grid alone: {grid.ElapsedMilliseconds} ms");
        }
        Figure($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static void Figure(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
