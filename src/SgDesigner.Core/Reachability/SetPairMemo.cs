using System.Numerics;
using System.Runtime.CompilerServices;

namespace SgDesigner.Core.Reachability;

/// <summary>
/// Remembered results of an operation on two set numbers (<see cref="MatrixCellWalker"/>'s unions and intersections),
/// keyed by the unordered pair. An open-addressing table: the walker looks a pair up once per cell on large estates,
/// hundreds of millions of times, where <see cref="Dictionary{TKey, TValue}"/>'s buckets and entries cost twice as much.
/// </summary>
/// <remarks>Set numbers are positive here (the empty set never reaches the table), so a zero key marks a free slot.</remarks>
internal sealed class SetPairMemo
{
    // A key and its value side by side: a look-up reads one cache line (the table outgrows the caches on large estates).
    private Entry[] _entries = new Entry[1024];
    private int _count;
    private int _shift = 64 - 10;

    /// <summary>How many pairs are remembered.</summary>
    public int Count => _count;

    /// <summary>The result remembered for the pair (<paramref name="x"/>, <paramref name="y"/>), in either order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(int x, int y, out int value)
    {
        var key = Key(x, y);
        var entries = _entries;
        for (var slot = Slot(key); ; slot = (slot + 1) & (entries.Length - 1))
        {
            ref var entry = ref entries[slot];
            if (entry.Key == key)
            {
                value = entry.Value;
                return true;
            }
            if (entry.Key == 0)
            {
                value = 0;
                return false;
            }
        }
    }

    /// <summary>Remembers <paramref name="value"/> for a pair not remembered yet.</summary>
    public void Add(int x, int y, int value)
    {
        if (x <= 0 || y <= 0)
            throw new ArgumentOutOfRangeException(nameof(x), "set numbers in the memo are positive");
        if (2 * (_count + 1) > _entries.Length)
            Grow();
        Insert(Key(x, y), value);
        _count++;
    }

    private void Insert(long key, int value)
    {
        var slot = Slot(key);
        while (_entries[slot].Key != 0)
            slot = (slot + 1) & (_entries.Length - 1);
        _entries[slot] = new Entry(key, value);
    }

    private void Grow()
    {
        var entries = _entries;
        _entries = new Entry[entries.Length * 2];
        _shift = 64 - BitOperations.Log2((uint)_entries.Length);
        foreach (var entry in entries)
        {
            if (entry.Key != 0)
                Insert(entry.Key, entry.Value);
        }
    }

    private readonly record struct Entry(long Key, int Value);

    // Fibonacci hashing: the high bits of the key times 2^64/φ spread neighbouring pairs over the table.
    private int Slot(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> _shift);

    // The operations commute: one entry serves both orders.
    private static long Key(int x, int y) => x < y ? (long)x << 32 | (uint)y : (long)y << 32 | (uint)x;
}
