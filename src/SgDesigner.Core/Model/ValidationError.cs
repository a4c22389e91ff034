namespace SgDesigner.Core.Model;

/// <summary>
/// One problem with input, at its place: a JSON path (<c>$.SecurityGroups[3].IpPermissions[0].FromPort</c>)
/// or a model path (<c>groups[sg-1].rules[sgr-2].peer</c>), and what is wrong there.
/// </summary>
/// <param name="Path">Where the problem is.</param>
/// <param name="Message">What is wrong, in words a user can act on.</param>
public sealed record ValidationError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
