using System.Collections.Immutable;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Core.Assertions;

/// <summary>One expected flow: <see cref="From"/> can (or cannot) open a connection to <see cref="To"/> with <see cref="Traffic"/>.</summary>
/// <param name="Line">1-based line number in the assertions file.</param>
/// <param name="From">The source as written: instance id, ENI id, Name tag or IP address (resolved when checked).</param>
/// <param name="To">The destination, written the same way.</param>
/// <param name="Traffic">The concrete connection.</param>
/// <param name="ExpectAllowed">True for <c>"expect": "allow"</c>, false for <c>"deny"</c>.</param>
/// <param name="Name">An optional label from the <c>name</c> field.</param>
public sealed record FlowAssertion(int Line, string From, string To, Traffic Traffic, bool ExpectAllowed, string? Name = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{(Name is null ? "" : Name + ": ")}{From} -> {To} {Traffic} expect {(ExpectAllowed ? "allow" : "deny")}";
}

/// <summary>The assertions of a file, and every problem found in it (a file with problems should not be checked).</summary>
/// <param name="Assertions">The lines that parsed, in file order.</param>
/// <param name="Errors">One error per bad field or line; <see cref="ValidationError.Path"/> is <c>line N</c> or <c>line N, field</c>.</param>
public sealed record AssertionFile(ImmutableArray<FlowAssertion> Assertions, ImmutableArray<ValidationError> Errors)
{
    /// <summary>True when every line parsed.</summary>
    public bool IsOk => Errors.IsEmpty;
}
