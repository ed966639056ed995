namespace QueryEngine.Tpch.Bench;

/// <summary>
/// Samples the managed heap size (<see cref="GC.GetTotalMemory(bool)"/>, live and not yet collected objects of all
/// threads) every few milliseconds on a background thread from construction until <see cref="Dispose"/>, and keeps
/// the largest value: the peak memory of what ran in between. The caller collects garbage before starting, so the
/// peak is that of the work measured plus what stays alive (the catalog, the session).
/// </summary>
public sealed class PeakMemorySampler : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private long _peak;

    public PeakMemorySampler()
    {
        _peak = GC.GetTotalMemory(forceFullCollection: false);
        _thread = new Thread(Sample) { IsBackground = true, Name = "peak-memory" };
        _thread.Start();
    }

    /// <summary>The largest heap size seen so far, in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref _peak);

    private void Sample()
    {
        while (!_stop.Wait(Interval)) Observe();
    }

    private void Observe()
    {
        var now = GC.GetTotalMemory(forceFullCollection: false);
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }

    public void Dispose()
    {
        Observe();
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }
}
