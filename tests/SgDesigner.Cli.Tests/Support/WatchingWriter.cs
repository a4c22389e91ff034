namespace SgDesigner.Cli.Tests.Support;

/// <summary>A stderr that runs <paramref name="onFirst"/> the first time text containing <paramref name="trigger"/> is written.</summary>
internal sealed class WatchingWriter(string trigger, Action onFirst) : StringWriter
{
    private bool _seen;

    public override void Write(string? value)
    {
        base.Write(value);
        if (_seen || value is null || !value.Contains(trigger, StringComparison.Ordinal))
            return;
        _seen = true;
        onFirst();
    }

    public override void Write(char value) => Write(value.ToString());
}
