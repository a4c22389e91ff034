using System.Globalization;
using System.Text;

namespace SgDesigner.Web.Features.Matrix;

/// <summary>
/// The visible cells of one matrix row as a single element: one letter per cell for scripts and tests
/// (a = allowed, d = denied, p = partly, n = no rule applies: both ends outside), and a CSS background of coloured runs that draws them.
/// </summary>
/// <remarks>
/// Why not one element per cell: scrolling a 500 × 500 matrix brings in a thousand or more new cells per
/// window, and creating that many elements (attributes, click handlers, style) is what stalled frames in
/// the benchmark; one element per row is 50 times fewer.
/// </remarks>
internal static class MatrixRowPaint
{
    /// <summary>The letter of a state in <c>data-states</c>.</summary>
    public static char Letter(CellState state) => state switch
    {
        CellState.Allowed => 'a',
        CellState.Partial => 'p',
        CellState.NoRules => 'n',
        _ => 'd',
    };

    /// <summary>The style of a row of cells with these states, each <paramref name="cellSize"/> pixels wide.</summary>
    public static string Style(string states, int cellSize)
    {
        var style = new StringBuilder(64 + states.Length * 8);
        style.Append(CultureInfo.InvariantCulture, $"width:{states.Length * cellSize}px;background-image:");
        // A thin line between cells on top of the runs of colour.
        style.Append(CultureInfo.InvariantCulture, $"repeating-linear-gradient(to right,transparent 0 {cellSize - 1}px,var(--mud-palette-surface) {cellSize - 1}px {cellSize}px),linear-gradient(to right");
        if (states.Length == 0)
            style.Append(",transparent,transparent");
        for (var start = 0; start < states.Length;)
        {
            var end = start + 1;
            while (end < states.Length && states[end] == states[start])
                end++;
            style.Append(CultureInfo.InvariantCulture, $",{Colour(states[start])} {start * cellSize}px {end * cellSize}px");
            start = end;
        }
        return style.Append(')').ToString();
    }

    private static string Colour(char letter) => letter switch
    {
        'a' => "var(--sgd-matrix-allowed)",
        'p' => "var(--sgd-matrix-partial)",
        'n' => "transparent",
        _ => "var(--sgd-matrix-denied)",
    };
}
