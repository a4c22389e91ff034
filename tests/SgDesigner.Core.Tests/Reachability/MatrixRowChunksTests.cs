using CsCheck;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;
using SgDesigner.Core.Tests.Support;

namespace SgDesigner.Core.Tests.Reachability;

/// <summary>
/// The matrix read on several threads (<see cref="MatrixRowChunks"/>) gives every row once, in row order, with the
/// cells each pair gets on its own; a reader that stops early or a chunk that fails ends the threads.
/// </summary>
public class MatrixRowChunksTests
{
    private static readonly Estate Generated = EstateGenerator.Generate(new EstateGeneratorOptions(300, 40, 700, Seed: 5));

    [Fact]
    public void ChunksCoverEveryRowOnceInOrder()
    {
        var matrix = ReachabilityEngine.Build(Generated).Matrix();
        foreach (var size in new[] { 1, 500, 10_000, 1_000_000 })
        {
            var chunks = MatrixRowChunks.Chunks(matrix, size);
            Assert.Equal(0, chunks[0].Start);
            Assert.Equal(matrix.ClassCount, chunks[^1].End);
            Assert.All(chunks.Zip(chunks.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
            Assert.All(chunks, c => Assert.True(c.End > c.Start));
        }
    }

    [Fact]
    public void RowsReadInManySmallChunksEqualEachCellComputedOnItsOwn()
    {
        var matrix = ReachabilityEngine.Build(Generated).Matrix();
        var rows = ReadRows(matrix, cellsPerChunk: 1);
        Assert.Equal(Enumerable.Range(0, matrix.ClassCount), rows.Select(r => r.From));
        foreach (var (from, cells) in rows)
        {
            for (var to = 0; to < matrix.ClassCount; to++)
                Assert.Equal(matrix.Allowed(from, to), cells[to]);
        }
    }

    [Fact]
    public void CellsAfterRuleEditsEqualEachCellComputedOnItsOwn()
    {
        // An update keeps or refines the class layout and reuses behaviours: the walker must read them as Build's.
        Gen.Select(Gen.Int, Gen.Int[1, 6]).Sample(x =>
        {
            var estate = RandomEstates.Make(x.Item1, x.Item2);
            var random = new Random(x.Item1);
            var engine = ReachabilityEngine.Build(estate);
            engine.Matrix();
            var edited = engine.Update(RandomEstates.WithOneRuleEdit(estate, random)).Update(RandomEstates.WithOneRuleEdit(estate, random));
            var matrix = edited.Matrix();
            var cells = matrix.Cells.ToDictionary(c => (c.From, c.To), c => c.Allowed);
            foreach (var (from, cellsOfRow) in ReadRows(matrix, cellsPerChunk: 1))
            {
                for (var to = 0; to < matrix.ClassCount; to++)
                {
                    Assert.Equal(matrix.Allowed(from, to), cellsOfRow[to]);
                    Assert.Equal(matrix.Allowed(from, to), cells.GetValueOrDefault((from, to), TrafficSet.Empty));
                }
            }
        }, iter: 300, print: x => $"RandomEstates.Make({x.Item1}, {x.Item2}) with two rule edits");
    }

    [Fact]
    public void AReaderThatStopsEarlyEndsTheThreads()
    {
        var matrix = ReachabilityEngine.Build(Generated).Matrix();
        var started = 0;
        var read = MatrixRowChunks.InOrder(matrix, walker => walker, (walker, rows) =>
        {
            Interlocked.Increment(ref started);
            return rows;
        }, cellsPerChunk: 1).Take(3).ToList();

        Assert.Equal([0, 1, 2], read.Select(r => r.Start));
        // The window bounds how far the threads ran ahead; the enumeration returned, so they were joined.
        Assert.InRange(started, 3, 3 + 8 + Environment.ProcessorCount);
    }

    [Fact]
    public void AChunkThatFailsFailsTheReader()
    {
        var matrix = ReachabilityEngine.Build(Generated).Matrix();
        var chunks = MatrixRowChunks.InOrder(matrix, walker => walker, (walker, rows) =>
            rows.Start == 5 ? throw new InvalidOperationException("chunk 5") : rows, cellsPerChunk: 1);

        var error = Assert.Throws<InvalidOperationException>(() => chunks.ToList());
        Assert.Equal("chunk 5", error.Message);
    }

    private static List<(int From, TrafficSet[] Cells)> ReadRows(ReachabilityMatrix matrix, int cellsPerChunk) =>
        [.. MatrixRowChunks.InOrder(matrix, walker => (Walker: walker, Row: new int[matrix.ClassCount]), (state, rows) =>
        {
            var result = new List<(int, TrafficSet[])>();
            for (var from = rows.Start; from < rows.End; from++)
            {
                state.Walker.FillRow(from, state.Row);
                result.Add((from, [.. state.Row.Select(state.Walker.Set)]));
            }
            return result;
        }, cellsPerChunk).SelectMany(rows => rows)];
}
