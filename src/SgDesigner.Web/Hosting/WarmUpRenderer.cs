using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.AspNetCore.Components.Rendering;

namespace SgDesigner.Web.Hosting;

// Renderer is the base of the framework's own renderers (HtmlRenderer's, the circuit's), flagged as subject to change
// (BL0006): the supported HtmlRenderer renders statically, and the designer page then shows its loading bar, not the
// draft. Should the base's behaviour change, the warm-up fails at run time (logged, reported in /healthz) and the app
// works as before; a change of its API breaks the build here, not the app.
#pragma warning disable BL0006

/// <summary>
/// Renders components as a circuit would (interactive: no prerendering shortcuts, the same lifecycle, diffs and
/// batches), but to no browser: the batches are dropped and the after-render calls, which talk to the browser, never
/// run. Used once by <see cref="DesignerWarmUp"/> so that Blazor's and MudBlazor's per-type caches and the JIT are warm
/// before the first user's circuit renders the same components.
/// </summary>
internal sealed class WarmUpRenderer(IServiceProvider services, ILoggerFactory loggers) : Renderer(services, loggers)
{
    private static readonly RendererInfo Interactive = new("Server", isInteractive: true);
    private ExceptionDispatchInfo? _failure;
    private readonly HashSet<Type> _types = [];

    /// <inheritdoc />
    public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

    /// <inheritdoc />
    protected override RendererInfo RendererInfo => Interactive;

    /// <summary>How many components were created.</summary>
    public int Components { get; private set; }

    /// <summary>The types of the components created.</summary>
    public IReadOnlySet<Type> Types => _types;

    /// <summary>Renders <typeparamref name="TComponent"/> and everything under it, until none has work left; rethrows what a component threw.</summary>
    public Task RenderAsync<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent =>
        Dispatcher.InvokeAsync(async () =>
        {
            var id = AssignRootComponentId(InstantiateComponent(typeof(TComponent)));
            await RenderRootComponentAsync(id, ParameterView.FromDictionary(parameters));
            _failure?.Throw();
        });

    /// <inheritdoc />
    protected override ComponentState CreateComponentState(int componentId, IComponent component, ComponentState? parentComponentState)
    {
        // On the dispatcher, one render at a time.
        Components++;
        _types.Add(component.GetType());
        return base.CreateComponentState(componentId, component, parentComponentState);
    }

    // A canceled display update is what prerendering uses to skip the after-render calls (JS interop, which has no browser here).
    /// <inheritdoc />
    protected override Task UpdateDisplayAsync(in RenderBatch renderBatch) => Task.FromCanceled(new CancellationToken(canceled: true));

    /// <inheritdoc />
    protected override void HandleException(Exception exception) => _failure ??= ExceptionDispatchInfo.Capture(exception);
}
