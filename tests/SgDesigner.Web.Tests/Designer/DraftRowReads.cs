using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SgDesigner.Web.Tests.Designer;

/// <summary>
/// Counts, from any database context of the process while it is alive, the commands that read one draft's whole row
/// (its title among the columns, its id among the parameters), through EF Core's diagnostic events: the draft's id keeps
/// the tests running beside it out of the count.
/// </summary>
internal sealed class DraftRowReads : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly Guid _draftId;
    private readonly List<IDisposable> _subscriptions = [];
    private int _count;

    public DraftRowReads(Guid draftId)
    {
        _draftId = draftId;
        lock (_subscriptions)
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    /// <summary>How many reads of the draft's row were executed so far.</summary>
    public int Count => Volatile.Read(ref _count);

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_subscriptions)
                _subscriptions.Add(listener.Subscribe(this));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData { Command: var command }
            && command.CommandText.Contains("FROM \"Drafts\"", StringComparison.Ordinal) && command.CommandText.Contains("\"Title\"", StringComparison.Ordinal)
            && command.Parameters.Cast<DbParameter>().Any(p => Guid.TryParse(p.Value?.ToString(), out var id) && id == _draftId))
            Interlocked.Increment(ref _count);
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
                subscription.Dispose();
            _subscriptions.Clear();
        }
    }
}
