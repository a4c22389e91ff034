using System.Collections.Immutable;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Editing;

/// <summary>One change to a draft's content, as a pure function of the content it applies to.</summary>
/// <param name="estate">The content as stored at the version the edit is made against.</param>
public delegate EditResult EstateEdit(Estate estate);

/// <summary>Why an edit was refused.</summary>
public enum EditRefusal
{
    /// <summary>Not refused: the edit produced the next estate.</summary>
    None,
    /// <summary>The object the edit names is not in the estate.</summary>
    NotFound,
    /// <summary>The result would break a rule of the model; the errors say where and why.</summary>
    Invalid,
}

/// <summary>The next estate, or why there is none: the problems at their places.</summary>
/// <param name="Estate">The edited estate, or null when refused.</param>
/// <param name="Refusal">Why it was refused, or <see cref="EditRefusal.None"/>.</param>
/// <param name="Errors">The problems, each at its model path (<c>groups[sg-1].rules[sgr-2].fromPort</c>).</param>
public sealed record EditResult(Estate? Estate, EditRefusal Refusal, ImmutableArray<ValidationError> Errors)
{
    /// <summary>True when the edit produced an estate.</summary>
    public bool IsOk => Estate is not null;

    /// <summary>A sentence for the user: the first problem, and how many more.</summary>
    public string Message => Errors.Length switch
    {
        0 => "",
        1 when Refusal == EditRefusal.NotFound => Errors[0].Message,
        1 => Errors[0].ToString(),
        _ => $"{Errors.Length} problems: {Errors[0]}; …",
    };

    /// <summary>The next estate, not validated: only <see cref="EditCheck"/> (which validates it) should build this.</summary>
    internal static EditResult Ok(Estate estate) => new(estate, EditRefusal.None, []);

    /// <summary>The edit names something the estate does not hold.</summary>
    public static EditResult NotFound(string path, string message) => new(null, EditRefusal.NotFound, [new ValidationError(path, message)]);

    /// <summary>The result would be invalid.</summary>
    public static EditResult Invalid(IEnumerable<ValidationError> errors) => new(null, EditRefusal.Invalid, [.. errors]);

    /// <summary>The result would be invalid at one place.</summary>
    public static EditResult Invalid(string path, string message) => Invalid([new ValidationError(path, message)]);

    /// <summary>A refusal of an edit that produced an estate cannot be continued from; this one can.</summary>
    internal EditResult Then(Func<Estate, EditResult> next) => IsOk ? next(Estate!) : this;
}
