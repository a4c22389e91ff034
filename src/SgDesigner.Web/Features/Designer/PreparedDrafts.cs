using System.Collections.Concurrent;
using System.Collections.Immutable;
using SgDesigner.Core.Lint;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;

namespace SgDesigner.Web.Features.Designer;

/// <summary>
/// The engine and lint findings of the draft contents designed lately, server-wide, so that a reload, a second tab or a
/// colleague opening the same version of a large draft finds them ready instead of building them again (the matrix's
/// tables come along: <see cref="Matrix.MatrixGrid"/> is kept per engine). Kept by the content itself: the store hands
/// every reader of a draft's version the same <see cref="Estate"/> instance (<c>DraftContentCache</c>), the one the
/// session that stored it shows, so an entry can never stand for other content. One entry per draft, its newest
/// content; the least recently used drafts go past <see cref="Capacity"/>.
/// </summary>
public sealed class PreparedDrafts(ILogger<PreparedDrafts> logger)
{
    /// <summary>How many drafts are kept (each holds an engine, and the matrix tables once a view asked for them).</summary>
    public const int Capacity = 8;

    // Most recently used first; a handful of entries, so a list under a lock.
    private readonly LinkedList<PreparedDraft> _entries = new();

    /// <summary>What was prepared for <paramref name="estate"/> (this very instance) with lint <paramref name="options"/>, or null.</summary>
    public PreparedDraft? Find(Estate estate, LintOptions options)
    {
        lock (_entries)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (!ReferenceEquals(node.Value.Estate, estate))
                    continue;
                _entries.Remove(node);
                _entries.AddFirst(node);
                return node.Value.Options == options && !node.Value.Findings.IsFaulted && !node.Value.Findings.IsCanceled ? node.Value : null;
            }
            return null;
        }
    }

    /// <summary>Whether <paramref name="engine"/> is kept, as the newest engine of its draft.</summary>
    public bool Holds(ReachabilityEngine engine)
    {
        lock (_entries)
            return _entries.Any(e => ReferenceEquals(e.Engine, engine));
    }

    /// <summary>Keeps <paramref name="prepared"/>, in place of what was kept for the same draft.</summary>
    public void Keep(PreparedDraft prepared)
    {
        lock (_entries)
        {
            // What a preparation ahead of this draft read is older than this: it must not take this one's place.
            if (_ahead.ContainsKey(prepared.DraftId))
                _overtaken.TryAdd(prepared.DraftId, true);
            Replace(prepared);
        }
    }

    /// <summary>
    /// Keeps what <paramref name="prepare"/> makes of what a preparation ahead (<see cref="Ahead"/>) of
    /// <paramref name="draftId"/> read, unless <see cref="Overtaken"/>: then <paramref name="prepare"/> is not called, and
    /// the work it would start (a large draft's matrix table and lint) is not spent on content no one will be shown.
    /// Called under the lock: <paramref name="prepare"/> only starts work.
    /// </summary>
    public void KeepAhead(Guid draftId, Func<PreparedDraft> prepare)
    {
        lock (_entries)
        {
            if (!_overtaken.ContainsKey(draftId))
                Replace(prepare());
        }
    }

    /// <summary>
    /// Whether something was kept for <paramref name="draftId"/> since its preparation ahead started: an edit stored
    /// meanwhile kept newer content, which a reload needs, not the content read before it.
    /// </summary>
    public bool Overtaken(Guid draftId) => _overtaken.ContainsKey(draftId);

    // Under the lock.
    private void Replace(PreparedDraft prepared)
    {
        for (var node = _entries.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.DraftId == prepared.DraftId || ReferenceEquals(node.Value.Estate, prepared.Estate))
                _entries.Remove(node);
            node = next;
        }
        _entries.AddFirst(prepared);
        while (_entries.Count > Capacity)
            _entries.RemoveLast();
    }

    // Drafts being prepared ahead of the circuit that will load them, by draft id.
    private readonly ConcurrentDictionary<Guid, Task> _ahead = new();

    // Drafts being prepared ahead for which something newer was kept meanwhile (an edit stored); gone when the preparation ends.
    private readonly ConcurrentDictionary<Guid, bool> _overtaken = new();

    /// <summary>
    /// Runs <paramref name="prepare"/> for <paramref name="draftId"/> off the caller, unless it is under way already:
    /// the page's first request starts it, the circuit's load waits for it (<see cref="WhenAhead"/>) instead of reading
    /// and building the same things again; at most <see cref="Capacity"/> at once. A failure is only logged: the load
    /// does the work again and meets it there.
    /// </summary>
    public void Ahead(Guid draftId, Func<Task> prepare)
    {
        var done = new TaskCompletionSource();
        lock (_entries)
        {
            // No more at once than can be kept: many drafts opened in a row would otherwise build as many engines side by
            // side, and evict each other before their loads came for them. Past that, a load does its own work.
            if (_ahead.Count >= Capacity || !_ahead.TryAdd(draftId, done.Task))
                return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await prepare();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Preparing draft {DraftId} ahead of its page failed; the page's own load will", draftId);
            }
            finally
            {
                lock (_entries)
                {
                    _ahead.TryRemove(draftId, out _);
                    _overtaken.TryRemove(draftId, out _);
                }
                done.SetResult();
            }
        });
    }

    /// <summary>Completes when nothing is being prepared ahead for <paramref name="draftId"/>.</summary>
    public Task WhenAhead(Guid draftId) => _ahead.TryGetValue(draftId, out var running) ? running : Task.CompletedTask;
}

/// <summary>A draft content's engine and its whole findings under <paramref name="Options"/>.</summary>
/// <param name="DraftId">The draft.</param>
/// <param name="Estate">The content.</param>
/// <param name="Engine">Its reachability engine.</param>
/// <param name="Findings">Its lint findings, or their computation while a large draft's lint runs (shared by whoever loads it meanwhile).</param>
/// <param name="Options">The lint options the findings were computed with (today's date, the policy's SGD041 choice).</param>
public sealed record PreparedDraft(Guid DraftId, Estate Estate, ReachabilityEngine Engine, Task<ImmutableArray<Finding>> Findings, LintOptions Options);
