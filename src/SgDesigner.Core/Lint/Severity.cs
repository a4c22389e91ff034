namespace SgDesigner.Core.Lint;

/// <summary>How much a finding matters; ordered so that <c>--fail-on</c> can compare with <c>&gt;=</c>.</summary>
public enum Severity
{
    /// <summary>Worth knowing; nothing is wrong as such (e.g. an unused group).</summary>
    Info,
    /// <summary>Probably a mistake or an avoidable exposure.</summary>
    Warning,
    /// <summary>A serious exposure, or something AWS itself would refuse.</summary>
    Error,
}
