using SgDesigner.Web.Features.Matrix;

namespace SgDesigner.Web.Tests.Matrix;

public sealed class MatrixRowPaintTests
{
    [Fact]
    public void Neighbouring_cells_of_one_state_are_drawn_as_one_run_of_its_colour()
    {
        var style = MatrixRowPaint.Style("aadp", 22);

        Assert.StartsWith("width:88px;", style);
        Assert.Contains("var(--sgd-matrix-allowed) 0px 44px", style);
        Assert.Contains("var(--sgd-matrix-denied) 44px 66px", style);
        Assert.Contains("var(--sgd-matrix-partial) 66px 88px", style);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(style, "sgd-matrix-allowed"));
    }

    [Fact]
    public void A_row_without_visible_cells_is_a_valid_empty_background()
    {
        Assert.Equal("width:0px;", MatrixRowPaint.Style("", 22)[.."width:0px;".Length]);
        Assert.EndsWith("linear-gradient(to right,transparent,transparent)", MatrixRowPaint.Style("", 22));
    }
}
