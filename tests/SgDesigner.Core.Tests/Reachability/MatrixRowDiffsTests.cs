using CsCheck;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Tests.NetworkAcls;
using SgDesigner.Core.Tests.Support;

namespace SgDesigner.Core.Tests.Reachability;

/// <summary>
/// The one read of the matrix that every aggregated level folds (<see cref="MatrixRowDiffs"/>): replaying each row's
/// changes gives every cell of <see cref="ReachabilityMatrix.Allowed"/>, with and without network ACLs, whether the
/// rows come in one chunk or in chunks of a row or two read by several threads (each with its own set numbers).
/// </summary>
public class MatrixRowDiffsTests
{
    // Chunks of about 1 or 7 cells: a row or two each, read by several threads; 1 << 20: the whole matrix in one.
    private static readonly Gen<(int Seed, int Size, bool Acls, int Chunk)> Cases =
        Gen.Select(Gen.Int, Gen.Int[1, 4], Gen.Bool, Gen.Int[0, 2].Select(i => new[] { 1, 7, 1 << 20 }[i]));

    [Fact]
    public void ReplayingTheChangesGivesEveryCellOfTheMatrix()
    {
        Cases.Sample(x =>
        {
            var estate = x.Acls ? RandomAcls.Make(x.Seed, x.Size) : RandomEstates.Make(x.Seed, x.Size);
            var matrix = ReachabilityEngine.Build(estate).Matrix();
            var diffs = MatrixRowDiffs.Read(matrix, x.Chunk);
            var row = new int[matrix.ClassCount];
            for (var from = 0; from < matrix.ClassCount; from++)
            {
                var to = diffs.ChangedTo(from);
                var set = diffs.ChangedSet(from);
                for (var k = 0; k < to.Length; k++)
                {
                    // A stored change is a change: the cell differs from the previous row's.
                    Assert.NotEqual(row[to[k]], set[k]);
                    row[to[k]] = set[k];
                }
                for (var c = 0; c < matrix.ClassCount; c++)
                    Assert.True(matrix.Allowed(from, c).Equals(diffs.Set(row[c])), $"cell {from} → {c}: {diffs.Set(row[c])}, expected {matrix.Allowed(from, c)}");
            }
            // Sets are numbered once: equal sets have one number.
            Assert.Equal(diffs.SetCount, Enumerable.Range(0, diffs.SetCount).Select(diffs.Set).Distinct().Count());
        }, iter: 60, print: x => $"{(x.Acls ? "RandomAcls" : "RandomEstates")}.Make({x.Seed}, {x.Size}), chunks of {x.Chunk} cells");
    }
}
