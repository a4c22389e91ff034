using SgDesigner.Core.Model;

namespace SgDesigner.Core.Lint;

/// <summary>How findings name things, so that every message reads the same way.</summary>
internal static class Describe
{
    /// <summary><c>sg-123 (web)</c>.</summary>
    public static string Group(SecurityGroup group) => $"{group.Id} ({group.Name})";

    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    public static string Direction(Direction direction) => DirectionText.Of(direction);
}
