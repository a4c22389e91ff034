using System.Collections.Immutable;

namespace SgDesigner.Core.Validation;

/// <summary>Tags, ids and free text (names of VPCs, subnets, instances, lists; ENI descriptions) against <see cref="AwsLimits"/>.</summary>
internal static class TextValidator
{
    /// <summary>Longest free text the store keeps (names and descriptions other than a group's).</summary>
    public const int FreeTextMaxLength = AwsLimits.FreeTextMaxLength;

    /// <summary>
    /// Tags: each key and value (errors: AWS and the store hold neither control characters nor longer text), the count
    /// (a soft problem), and keys AWS reserves (an error in the designer; AWS's own tags on imported data are kept).
    /// </summary>
    public static void CheckTags(ImmutableSortedDictionary<string, string> tags, string path, ValidationSink sink)
    {
        var own = 0;
        foreach (var (key, value) in tags)
        {
            var reserved = key.StartsWith(AwsLimits.ReservedTagKeyPrefix, StringComparison.OrdinalIgnoreCase);
            if (!reserved)
                own++;
            if (AwsLimits.TagProblem(key, value, allowReservedKey: sink.Mode == EstateValidationMode.Import) is { } problem)
                sink.Error($"{path}[{key}]", problem);
        }
        // AWS's own tags do not count against the limit.
        if (AwsLimits.TagCountProblem(own) is { } count)
            sink.Soft(path, count);
    }

    /// <summary>An object's id: its AWS prefix (soft), length and characters (errors).</summary>
    public static void CheckId(string id, string prefix, string what, string path, ValidationSink sink)
    {
        if (AwsLimits.IdProblem(id, prefix, what) is not { } problem)
            return;
        // A wrong prefix is what hand-made samples have; length and control characters no store can keep.
        if (id.Length > AwsLimits.IdMaxLength || AwsLimits.ControlCharacterProblem(id) is not null)
            sink.Error(path, problem);
        else
            sink.Soft(path, problem);
    }

    /// <summary>Free text: no control characters, at most <see cref="FreeTextMaxLength"/> characters.</summary>
    public static void CheckFreeText(string? text, string path, string what, ValidationSink sink)
    {
        if (text is null)
            return;
        if (AwsLimits.ControlCharacterProblem(text) is { } control)
            sink.Error(path, $"the {what} {control}");
        else if (AwsLimits.LengthProblem(text, FreeTextMaxLength, what) is { } length)
            sink.Error(path, length);
    }
}
