using System.Collections.Concurrent;
using SgDesigner.Core.Model;

namespace SgDesigner.Data.Store;

/// <summary>
/// The content of recently edited drafts, keyed by draft and version, so that an edit need not load the whole snapshot
/// (about fifteen queries) to know what it changes. An entry cannot go stale: every change to a draft's content or
/// quotas (edit, import, rebase, conflict resolution) and every change of its status (publish, abandon, merge) moves the
/// draft to a new version, and an entry is only used for the version it was stored at. Entries are added only after
/// the transaction that wrote that version committed. One entry per draft; the least recently used go past
/// <see cref="Capacity"/> drafts or <see cref="DefaultMaxObjects"/> objects in all (a 10,000-instance draft is about
/// 18 MB: 64 of them would hold more than a gigabyte), though the one just kept always stays.
/// </summary>
public sealed class DraftContentCache
{
    /// <summary>How many drafts are kept.</summary>
    public const int Capacity = 64;

    /// <summary>How many instances, network interfaces and rules all the drafts kept hold together: about ten drafts of 10,000 instances.</summary>
    public const long DefaultMaxObjects = 400_000;

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly long _maxObjects;
    private readonly Lock _trimLock = new();
    private long _clock;

    /// <summary>A cache of <see cref="DefaultMaxObjects"/> objects.</summary>
    public DraftContentCache()
        : this(DefaultMaxObjects)
    {
    }

    internal DraftContentCache(long maxObjects) => _maxObjects = maxObjects;

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
        Trim(info.Id);
    }

    // The least recently used go until the rest fit; the draft just kept stays whatever its size.
    private void Trim(Guid kept)
    {
        lock (_trimLock)
        {
            var entries = _entries.ToList();
            var (count, objects) = (entries.Count, entries.Sum(e => e.Value.Objects));
            foreach (var stale in entries.Where(e => e.Key != kept).OrderBy(e => e.Value.LastUsed))
            {
                if (count <= Capacity && objects <= _maxObjects)
                    break;
                if (_entries.TryRemove(stale))
                    (count, objects) = (count - 1, objects - stale.Value.Objects);
            }
        }
    }

    /// <summary>One draft's content at one version.</summary>
    /// <param name="Info">The draft's metadata at that version.</param>
    /// <param name="SnapshotId">The snapshot holding its content.</param>
    /// <param name="Estate">The content.</param>
    internal sealed record Entry(DraftInfo Info, Guid SnapshotId, Estate Estate)
    {
        public long LastUsed { get; set; }

        /// <summary>Its weight: the instances, network interfaces and rules it holds.</summary>
        public long Objects { get; } = Estate.Instances.Length + Estate.NetworkInterfaces.Length + Estate.Groups.Sum(g => (long)g.Rules.Length);
    }
}
