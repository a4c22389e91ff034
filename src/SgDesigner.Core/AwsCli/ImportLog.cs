using SgDesigner.Core.Documents;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.AwsCli;

/// <summary>Warnings of one import, each at <c>file:$.json.path</c>.</summary>
internal sealed class ImportLog
{
    public List<ValidationError> Warnings { get; } = [];

    public string File { get; set; } = "";

    public void Warn(JsonInput at, string message) => Warnings.Add(new ValidationError($"{File}:{at.Path}", message));

    /// <summary>Parses a value at <paramref name="at"/>, failing there or logging the parser's warning.</summary>
    public T Parse<T>(JsonInput at, Func<string?, ParseResult<T>> parser)
    {
        var result = parser(at.String());
        if (!result.IsOk)
            throw at.Fail(result.Error!);
        if (result.Warning is { } warning)
            Warn(at, warning);
        return result.Value;
    }
}
