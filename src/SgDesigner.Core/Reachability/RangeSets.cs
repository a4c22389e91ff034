namespace SgDesigner.Core.Reachability;

/// <summary>
/// Set algebra on sorted, non-overlapping, non-adjacent arrays of <see cref="PortRange"/>
/// (the canonical form, so that equal sets are equal arrays).
/// </summary>
internal static class RangeSets
{
    public static readonly PortRange[] Empty = [];
    public static readonly PortRange[] Full = [PortRange.Full];

    public static bool IsFull(PortRange[] a) => a.Length == 1 && a[0] == PortRange.Full;

    /// <summary>Sorts and merges arbitrary ranges into canonical form.</summary>
    public static PortRange[] Normalize(List<PortRange> ranges)
    {
        if (ranges.Count == 0)
            return Empty;
        ranges.Sort((x, y) => x.From.CompareTo(y.From));
        var result = new List<PortRange>(ranges.Count);
        var current = ranges[0];
        for (var i = 1; i < ranges.Count; i++)
        {
            var r = ranges[i];
            if (r.From <= current.To + 1)
                current = new PortRange(current.From, Math.Max(current.To, r.To));
            else
            {
                result.Add(current);
                current = r;
            }
        }
        result.Add(current);
        return result.Count == 1 && result[0] == PortRange.Full ? Full : [.. result];
    }

    public static PortRange[] Union(PortRange[] a, PortRange[] b)
    {
        if (a.Length == 0 || ReferenceEquals(a, b))
            return b;
        if (b.Length == 0)
            return a;
        if (IsFull(a))
            return a;
        if (IsFull(b))
            return b;
        // Linear merge of two canonical arrays: take the range that starts first, fuse overlaps and neighbours. A union is
        // often one of the two (one inside the other): that array is returned, and nothing is allocated.
        var size = a.Length + b.Length;
        Span<PortRange> result = size <= 32 ? stackalloc PortRange[size] : new PortRange[size];
        var count = 0;
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            var next = j >= b.Length || i < a.Length && a[i].From <= b[j].From ? a[i++] : b[j++];
            if (count > 0 && next.From <= result[count - 1].To + 1)
                result[count - 1] = new PortRange(result[count - 1].From, Math.Max(result[count - 1].To, next.To));
            else
                result[count++] = next;
        }
        var found = result[..count];
        return found.SequenceEqual(a) ? a
            : found.SequenceEqual(b) ? b
            : count == 1 && found[0] == PortRange.Full ? Full
            : found.ToArray();
    }

    public static PortRange[] Intersect(PortRange[] a, PortRange[] b)
    {
        if (a.Length == 0 || b.Length == 0)
            return Empty;
        if (IsFull(a) || ReferenceEquals(a, b))
            return b;
        if (IsFull(b))
            return a;
        // Two canonical arrays intersect in at most a.Length + b.Length - 1 ranges. An intersection is often one of the
        // two (equal rule sets, or one inside the other): that array is returned, and nothing is allocated.
        var size = a.Length + b.Length;
        Span<PortRange> result = size <= 32 ? stackalloc PortRange[size] : new PortRange[size];
        var count = 0;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var lo = Math.Max(a[i].From, b[j].From);
            var hi = Math.Min(a[i].To, b[j].To);
            if (lo <= hi)
                result[count++] = new PortRange(lo, hi);
            if (a[i].To < b[j].To)
                i++;
            else
                j++;
        }
        var found = result[..count];
        return count == 0 ? Empty
            : found.SequenceEqual(a) ? a
            : found.SequenceEqual(b) ? b
            : found.ToArray();
    }

    public static PortRange[] Except(PortRange[] a, PortRange[] b)
    {
        if (a.Length == 0 || b.Length == 0)
            return a;
        var result = new List<PortRange>();
        var j = 0;
        foreach (var range in a)
        {
            var from = range.From;
            while (j < b.Length && b[j].To < from)
                j++;
            var k = j;
            while (k < b.Length && b[k].From <= range.To)
            {
                if (b[k].From > from)
                    result.Add(new PortRange(from, b[k].From - 1));
                from = Math.Max(from, b[k].To + 1);
                k++;
            }
            if (from <= range.To)
                result.Add(new PortRange(from, range.To));
        }
        return result.Count == 0 ? Empty : [.. result];
    }

    public static bool Covers(PortRange[] a, int from, int to)
    {
        foreach (var r in a)
        {
            if (r.From <= from && r.To >= to)
                return true;
            if (r.From > from)
                return false;
        }
        return false;
    }

    public static bool SequenceEqual(PortRange[] a, PortRange[] b) => a.AsSpan().SequenceEqual(b);
}
