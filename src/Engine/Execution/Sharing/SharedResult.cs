using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Memory;

namespace QueryEngine.Engine.Execution.Sharing;

/// <summary>
/// The rows of one shared WITH query result, computed by the first reader and kept, counted against the query's
/// memory, until every one of its readers has finished (also when a reader stops early). A reader that comes after
/// that (a reference inside a WITH RECURSIVE step runs once per round) computes the rows again.
/// </summary>
internal sealed class SharedResult
{
    private readonly Lock _lock = new();
    private IReadOnlyList<RecordBatch>? _rows;
    private MemoryReservation? _reservation;
    private int _readersLeft;

    /// <summary>
    /// The rows, computed now by <paramref name="compute"/> when no reader has (or they were released); other readers
    /// wait meanwhile. <paramref name="computed"/> tells whether this call computed them.
    /// </summary>
    /// <param name="readers">Readers that will each call <see cref="Release"/> once.</param>
    public IReadOnlyList<RecordBatch> Acquire(int readers, Func<MemoryReservation, IReadOnlyList<RecordBatch>> compute, Func<MemoryReservation> reserve, out bool computed)
    {
        lock (_lock)
        {
            computed = false;
            if (_rows is not null) return _rows;
            var reservation = reserve();
            try
            {
                _rows = compute(reservation);
            }
            catch
            {
                reservation.Free();
                throw;
            }
            _reservation = reservation;
            _readersLeft = readers;
            computed = true;
            return _rows;
        }
    }

    /// <summary>One reader is done; the last one frees the rows and their memory.</summary>
    public void Release()
    {
        lock (_lock)
        {
            if (_rows is null || --_readersLeft > 0) return;
            _rows = null;
            _reservation?.Free();
            _reservation = null;
        }
    }
}
