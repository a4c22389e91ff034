namespace SgDesigner.Core.Validation;

/// <summary>
/// The characters AWS allows in VPC security group names and descriptions and in rule descriptions:
/// <c>a-zA-Z0-9</c>, space and <c>._-:/()#,@[]+=&amp;;{}!$*</c>
/// (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html).
/// </summary>
internal static class Charset
{
    /// <summary>Longest name or description AWS accepts.</summary>
    public const int MaxLength = 255;

    private const string Punctuation = " ._-:/()#,@[]+=&;{}!$*";

    public static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || Punctuation.Contains(c);

    /// <summary>The first character AWS would refuse, or null when every character is allowed.</summary>
    public static char? FirstDisallowed(string text)
    {
        foreach (var c in text)
        {
            if (!IsAllowed(c))
                return c;
        }
        return null;
    }

    /// <summary>A readable rendering of a refused character (control characters by code).</summary>
    public static string Show(char c) => char.IsControl(c) || char.IsWhiteSpace(c)
        ? $"U+{(int)c:X4}"
        : $"'{c}'";
}
