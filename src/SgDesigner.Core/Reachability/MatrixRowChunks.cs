using System.Runtime.ExceptionServices;

namespace SgDesigner.Core.Reachability;

/// <summary>Consecutive sender classes [<paramref name="Start"/>, <paramref name="End"/>) whose rows one walker computes together.</summary>
internal readonly record struct RowRange(int Start, int End);

/// <summary>
/// Reads every row of the matrix on the machine's cores and hands the results back in row order, so that what is
/// written from them is byte for byte what one walker would write. Rows are cut into chunks; each thread computes
/// whole chunks with its own <see cref="MatrixCellWalker"/> (and its own state for what it makes of the rows), and the
/// reader takes chunk after chunk. At most a few chunks wait for the reader: memory does not grow with the matrix.
/// </summary>
internal static class MatrixRowChunks
{
    // Cells per chunk, about: enough that a chunk amortises a sender's start, few enough that waiting chunks stay small.
    private const int CellsPerChunk = 256 * 1024;

    /// <summary>
    /// The result of <paramref name="compute"/> for each chunk of rows, in row order. <paramref name="start"/> makes a
    /// thread's state from its walker; a thread's state is only ever used by that thread.
    /// </summary>
    /// <param name="matrix">The matrix whose rows are read.</param>
    /// <param name="start">Makes a thread's state from its walker.</param>
    /// <param name="compute">What a chunk of rows makes.</param>
    /// <param name="cellsPerChunk">About how many cells a chunk has: fewer where a cell makes many bytes.</param>
    public static IEnumerable<TResult> InOrder<TState, TResult>(ReachabilityMatrix matrix, Func<MatrixCellWalker, TState> start,
        Func<TState, RowRange, TResult> compute, int cellsPerChunk = CellsPerChunk)
    {
        var chunks = Chunks(matrix, cellsPerChunk);
        if (Environment.ProcessorCount == 1 || chunks.Count < 2)
        {
            var state = start(new MatrixCellWalker(matrix));
            foreach (var rows in chunks)
                yield return compute(state, rows);
            yield break;
        }
        // One thread per core: the reader mostly waits, and when it does work (writing) the threads take turns.
        using var pipeline = new Pipeline<TState, TResult>(matrix, chunks, Math.Min(Environment.ProcessorCount, 4), start, compute);
        for (var i = 0; i < chunks.Count; i++)
            yield return pipeline.Take(i);
    }

    // Chunks of about CellsPerChunk cells, cut where the sender behaviour changes when one is near: a walker starts each
    // sender behaviour once per chunk it appears in.
    internal static List<RowRange> Chunks(ReachabilityMatrix matrix, int cellsPerChunk = CellsPerChunk)
    {
        var classes = matrix.ClassInfos;
        var most = Math.Clamp(cellsPerChunk / Math.Max(classes.Length, 1), 1, 256);
        var least = Math.Max(1, most / 4);
        var chunks = new List<RowRange>();
        var begin = 0;
        for (var row = 1; row <= classes.Length; row++)
        {
            var size = row - begin;
            if (row == classes.Length || size >= most || size >= least && classes[row].Behaviour != classes[row - 1].Behaviour)
            {
                chunks.Add(new RowRange(begin, row));
                begin = row;
            }
        }
        return chunks;
    }

    // Threads claim chunk numbers in order, no further than Window ahead of the reader, and leave each result in its slot.
    private sealed class Pipeline<TState, TResult> : IDisposable
    {
        private const int Window = 8;
        private readonly object _gate = new();
        private readonly TResult?[] _slots = new TResult?[Window];
        private readonly bool[] _filled = new bool[Window];
        private readonly Thread[] _threads;
        private readonly List<RowRange> _chunks;
        private int _next;
        private int _taken;
        private bool _stopped;
        private ExceptionDispatchInfo? _failure;

        public Pipeline(ReachabilityMatrix matrix, List<RowRange> chunks, int threads, Func<MatrixCellWalker, TState> start,
            Func<TState, RowRange, TResult> compute)
        {
            _chunks = chunks;
            _threads = new Thread[threads];
            for (var t = 0; t < threads; t++)
            {
                _threads[t] = new Thread(() => Work(matrix, start, compute)) { IsBackground = true, Name = "matrix rows" };
                _threads[t].Start();
            }
        }

        /// <summary>The result of chunk <paramref name="index"/>; chunks are taken in order, each once.</summary>
        public TResult Take(int index)
        {
            lock (_gate)
            {
                var slot = index % Window;
                while (!_filled[slot] && _failure is null)
                    Monitor.Wait(_gate);
                _failure?.Throw();
                var result = _slots[slot]!;
                _slots[slot] = default;
                _filled[slot] = false;
                _taken = index + 1;
                Monitor.PulseAll(_gate);
                return result;
            }
        }

        // Stops the threads when the reader stops early, fails, or is done.
        public void Dispose()
        {
            lock (_gate)
            {
                _stopped = true;
                Monitor.PulseAll(_gate);
            }
            foreach (var thread in _threads)
                thread.Join();
        }

        private void Work(ReachabilityMatrix matrix, Func<MatrixCellWalker, TState> start, Func<TState, RowRange, TResult> compute)
        {
            try
            {
                var state = start(new MatrixCellWalker(matrix));
                while (Claim() is { } index)
                {
                    var result = compute(state, _chunks[index]);
                    lock (_gate)
                    {
                        _slots[index % Window] = result;
                        _filled[index % Window] = true;
                        Monitor.PulseAll(_gate);
                    }
                }
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    _failure ??= ExceptionDispatchInfo.Capture(e);
                    _stopped = true;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        private int? Claim()
        {
            lock (_gate)
            {
                while (!_stopped && _next < _chunks.Count && _next >= _taken + Window)
                    Monitor.Wait(_gate);
                return _stopped || _next >= _chunks.Count ? null : _next++;
            }
        }
    }
}
