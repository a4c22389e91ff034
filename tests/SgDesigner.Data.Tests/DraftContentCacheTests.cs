using SgDesigner.Core.Model;
using SgDesigner.Core.Synthetic;
using SgDesigner.Data.Rows;
using SgDesigner.Data.Store;

namespace SgDesigner.Data.Tests;

/// <summary>
/// The kept content of edited drafts is bounded by drafts and by size: large drafts push the least recently used out
/// long before 64 of them fill the memory, and the draft just kept always stays.
/// </summary>
public sealed class DraftContentCacheTests
{
    // 200 instances, 20 groups, 400 rules: 200 + 200 + 400 = 800 objects (one ENI per instance).
    private static readonly Estate Medium = EstateGenerator.Generate(new EstateGeneratorOptions(200, 20, 400));

    [Fact]
    public void Past_its_size_the_least_recently_used_drafts_go_and_the_others_stay()
    {
        var weight = Medium.Instances.Length + Medium.NetworkInterfaces.Length + Medium.Groups.Sum(g => g.Rules.Length);
        var cache = new DraftContentCache(maxObjects: 3 * weight);
        var drafts = Enumerable.Range(0, 5).Select(_ => Info(Guid.NewGuid())).ToList();

        foreach (var draft in drafts.Take(3))
            cache.Put(draft, Guid.NewGuid(), Medium);
        Assert.NotNull(cache.Get(drafts[0].Id, drafts[0].Version));   // the first is used again: the second is now the oldest
        cache.Put(drafts[3], Guid.NewGuid(), Medium);

        Assert.Null(cache.Get(drafts[1].Id, drafts[1].Version));
        Assert.All([drafts[0], drafts[2], drafts[3]], d => Assert.NotNull(cache.Get(d.Id, d.Version)));
    }

    [Fact]
    public void A_draft_larger_than_the_whole_size_is_kept_alone()
    {
        var cache = new DraftContentCache(maxObjects: 10);
        var (small, large) = (Info(Guid.NewGuid()), Info(Guid.NewGuid()));
        cache.Put(small, Guid.NewGuid(), Estate.Empty);

        cache.Put(large, Guid.NewGuid(), Medium);

        Assert.NotNull(cache.Get(large.Id, large.Version));
        Assert.Null(cache.Get(small.Id, small.Version));
        cache.Put(Info(Guid.NewGuid()), Guid.NewGuid(), Medium);
        Assert.Null(cache.Get(large.Id, large.Version));
    }

    [Fact]
    public void Small_drafts_are_kept_up_to_the_count()
    {
        var cache = new DraftContentCache();
        var drafts = Enumerable.Range(0, DraftContentCache.Capacity + 1).Select(_ => Info(Guid.NewGuid())).ToList();

        foreach (var draft in drafts)
            cache.Put(draft, Guid.NewGuid(), Estate.Empty);

        Assert.Null(cache.Get(drafts[0].Id, drafts[0].Version));
        Assert.All(drafts.Skip(1), d => Assert.NotNull(cache.Get(d.Id, d.Version)));
    }

    private static DraftInfo Info(Guid id) =>
        new(id, Guid.NewGuid(), 1, "draft", "someone", DraftStatus.Open, null, 3, DateTime.UtcNow, DateTime.UtcNow);
}
