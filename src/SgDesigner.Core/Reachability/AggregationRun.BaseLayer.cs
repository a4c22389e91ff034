using System.Runtime.CompilerServices;

namespace SgDesigner.Core.Reachability;

internal sealed partial class AggregationRun
{
    private sealed partial class SenderFold
    {
        /// <summary>
        /// A layer of the base row: per column aggregate the receiving ENIs it allows, and the cells met (one bit per set
        /// number; the sender's own behaviour's left out), with the words that are not zero.
        /// </summary>
        private sealed class BaseLayer(int columns, int words)
        {
            private ulong[] _met = new ulong[columns * words];
            private readonly List<int> _words = [];
            private int _width = words;

            public long[] Count { get; } = new long[columns];

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Clear()
            {
                Array.Clear(Count);
                foreach (var word in _words)
                    _met[word] = 0;
                _words.Clear();
            }

            /// <summary>The cell met in <paramref name="columns"/> (unless of the sender's own behaviour), and their ENIs counted if <paramref name="counted"/>.</summary>
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Add(Member[] columns, int cell, bool foreign, int width, bool counted)
            {
                foreach (var (c, n) in columns)
                {
                    if (counted)
                        Count[c] += n;
                    if (!foreign)
                        continue;
                    var at = c * width + (cell >> 6);
                    ref var word = ref _met[at];
                    if (word == 0)
                        _words.Add(at);
                    word |= 1UL << cell;
                }
            }

            /// <summary>Marks the layer's cells in the row of <paramref name="met"/> starting at <paramref name="at"/>.</summary>
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void MarkInto(ulong[] met, int at)
            {
                foreach (var word in _words)
                    met[at + word] |= _met[word];
            }

            /// <summary>The same bits, <paramref name="width"/> words per column.</summary>
            public void Widen(int width)
            {
                var wider = new ulong[_met.Length / _width * width];
                for (var i = 0; i < _met.Length / _width; i++)
                    _met.AsSpan(i * _width, _width).CopyTo(wider.AsSpan(i * width));
                for (var i = 0; i < _words.Count; i++)
                    _words[i] = _words[i] / _width * width + _words[i] % _width;
                (_met, _width) = (wider, width);
            }
        }
    }
}
