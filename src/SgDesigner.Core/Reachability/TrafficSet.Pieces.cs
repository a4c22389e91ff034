using System.Runtime.CompilerServices;

namespace SgDesigner.Core.Reachability;

public sealed partial class TrafficSet
{
    /// <summary>
    /// Unions of many sets from one family of sets, each union a bitwise or: the family is cut, protocol by protocol,
    /// at every boundary any of its ranges has, into pieces that each set holds whole or not at all; a set is then
    /// the bits of its pieces. An aggregated matrix unites hundreds of distinct cells per cell, where merging their
    /// ranges would cost a sort each time.
    /// </summary>
    internal sealed class Pieces
    {
        private readonly int[] _firstBit = new int[ProtocolCount];   // protocol → its first piece's bit; -1: no set has it
        private readonly int[]?[] _cuts = new int[ProtocolCount][];  // protocol → ascending piece starts, then the end + 1

        /// <summary>The pieces of <paramref name="family"/>: every set later given to <see cref="BitsOf"/> must be one of them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Pieces(IEnumerable<TrafficSet> family)
        {
            var bounds = new List<int>?[ProtocolCount];
            foreach (var set in family)
            {
                for (var i = 0; i < set._protocols.Length; i++)
                {
                    var cuts = bounds[set._protocols[i]] ??= [];
                    foreach (var range in set._ranges[i])
                    {
                        cuts.Add(range.From);
                        cuts.Add(range.To + 1);
                    }
                }
            }
            var bit = 0;
            for (var p = 0; p < ProtocolCount; p++)
            {
                _firstBit[p] = bounds[p] is null ? -1 : bit;
                if (bounds[p] is { } cuts)
                {
                    cuts.Sort();
                    _cuts[p] = [.. cuts.Distinct()];
                    bit += _cuts[p]!.Length - 1;
                }
            }
            Words = Math.Max(1, (bit + 63) / 64);
        }

        /// <summary>How many 64-bit words hold a set's pieces.</summary>
        public int Words { get; }

        /// <summary>The set whose pieces are the bits of <paramref name="union"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public TrafficSet SetOf(ReadOnlySpan<ulong> union)
        {
            var protocols = new List<int>();
            var ranges = new List<PortRange[]>();
            var pieces = new List<PortRange>();
            for (var p = 0; p < ProtocolCount; p++)
            {
                if (_cuts[p] is not { } cuts)
                    continue;
                pieces.Clear();
                for (var k = 0; k < cuts.Length - 1; k++)
                {
                    var bit = _firstBit[p] + k;
                    if ((union[bit >> 6] & 1UL << bit) == 0)
                        continue;
                    // Pieces are neighbours: a run of them is one range, and runs apart are ranges apart.
                    var end = k;
                    while (end + 1 < cuts.Length - 1 && (union[(bit + end + 1 - k) >> 6] & 1UL << (bit + end + 1 - k)) != 0)
                        end++;
                    pieces.Add(new PortRange(cuts[k], cuts[end + 1] - 1));
                    k = end;
                }
                if (pieces.Count == 0)
                    continue;
                protocols.Add(p);
                ranges.Add(pieces is [{ } only] && only == PortRange.Full ? RangeSets.Full : [.. pieces]);
            }
            if (protocols.Count == 0)
                return Empty;
            if (protocols.Count == ProtocolCount && ranges.TrueForAll(RangeSets.IsFull))
                return All;
            return new TrafficSet(false, [.. protocols], [.. ranges]);
        }

        // Bits [from, to) set, a word at a time.
        private static void SetBits(ulong[] bits, int from, int to)
        {
            while (from < to)
            {
                var inWord = Math.Min(64 - (from & 63), to - from);
                bits[from >> 6] |= (inWord == 64 ? ulong.MaxValue : (1UL << inWord) - 1) << from;
                from += inWord;
            }
        }

        /// <summary>The pieces of <paramref name="set"/> (a set of the family, not <see cref="All"/>), as bits: a union of sets is the or of theirs.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public ulong[] BitsOf(TrafficSet set)
        {
            var bits = new ulong[Words];
            for (var i = 0; i < set._protocols.Length; i++)
            {
                var p = set._protocols[i];
                var cuts = _cuts[p] ?? throw new ArgumentException("a set outside the family the pieces were cut for", nameof(set));
                foreach (var range in set._ranges[i])
                {
                    var (from, to) = (Array.BinarySearch(cuts, range.From), Array.BinarySearch(cuts, range.To + 1));
                    if (from < 0 || to < 0)
                        throw new ArgumentException("a set outside the family the pieces were cut for", nameof(set));
                    SetBits(bits, _firstBit[p] + from, _firstBit[p] + to);
                }
            }
            return bits;
        }
    }
}
