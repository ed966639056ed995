using System.Collections.Concurrent;
using Google.Protobuf;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>The DoGet streams being served, by ticket, so that CancelFlightInfo can stop them.</summary>
internal sealed class RunningStreams
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    /// <summary>Registers a stream; its token fires when the call ends or the stream is cancelled.</summary>
    public Registration Start(ByteString ticket, CancellationToken call)
    {
        var key = Convert.ToBase64String(ticket.Span);
        var source = CancellationTokenSource.CreateLinkedTokenSource(call);
        _running[key] = source;
        return new Registration(this, key, source);
    }

    /// <summary>Cancels the stream of a ticket; false when no such stream is running.</summary>
    public bool Cancel(ByteString ticket)
    {
        if (!_running.TryGetValue(Convert.ToBase64String(ticket.Span), out var source)) return false;
        try
        {
            source.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>One running stream; disposing it unregisters it.</summary>
    internal sealed class Registration(RunningStreams owner, string key, CancellationTokenSource source) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            owner._running.TryRemove(new KeyValuePair<string, CancellationTokenSource>(key, source));
            source.Dispose();
        }
    }
}
