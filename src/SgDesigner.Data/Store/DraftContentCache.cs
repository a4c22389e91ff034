using System.Collections.Concurrent;
using SgDesigner.Core.Model;

namespace SgDesigner.Data.Store;

/// <summary>
/// The content of recently edited drafts, keyed by draft and version, so that an edit need not load the whole snapshot
/// (about fifteen queries) to know what it changes. An entry cannot go stale: every change to a draft's content or
/// quotas (edit, import, rebase, conflict resolution) and every change of its status (publish, abandon, merge) moves the
/// draft to a new version, and an entry is only used for the version it was stored at. Entries are added only after
/// the transaction that wrote that version committed. One entry per draft; the least recently used go past
/// <see cref="Capacity"/>.
/// </summary>
public sealed class DraftContentCache
{
    /// <summary>How many drafts are kept.</summary>
    public const int Capacity = 64;

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private long _clock;

    /// <summary>The draft's metadata and content at <paramref name="version"/>, or null when not kept.</summary>
    internal Entry? Get(Guid draftId, long version)
    {
        if (!_entries.TryGetValue(draftId, out var entry) || entry.Info.Version != version)
            return null;
        entry.LastUsed = Interlocked.Increment(ref _clock);
        return entry;
    }

    /// <summary>Keeps a committed version of a draft's content.</summary>
    internal void Put(DraftInfo info, Guid snapshotId, Estate estate)
    {
        var entry = new Entry(info, snapshotId, estate) { LastUsed = Interlocked.Increment(ref _clock) };
        // A slower writer must not replace a newer version with an older one.
        _entries.AddOrUpdate(info.Id, entry, (_, old) => old.Info.Version > info.Version ? old : entry);
        if (_entries.Count > Capacity)
        {
            foreach (var stale in _entries.OrderBy(e => e.Value.LastUsed).Take(_entries.Count - Capacity).ToList())
                _entries.TryRemove(stale);
        }
    }

    /// <summary>One draft's content at one version.</summary>
    /// <param name="Info">The draft's metadata at that version.</param>
    /// <param name="SnapshotId">The snapshot holding its content.</param>
    /// <param name="Estate">The content.</param>
    internal sealed record Entry(DraftInfo Info, Guid SnapshotId, Estate Estate)
    {
        public long LastUsed { get; set; }
    }
}
