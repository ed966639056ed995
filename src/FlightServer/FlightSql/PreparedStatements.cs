using System.Collections.Concurrent;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>Prepared statement handles (random ids) and their SQL, until closed.</summary>
internal sealed class PreparedStatements
{
    private readonly ConcurrentDictionary<string, string> _statements = new(StringComparer.Ordinal);

    public string Add(string sql)
    {
        var handle = Guid.NewGuid().ToString("N");
        _statements[handle] = sql;
        return handle;
    }

    public string? Find(string handle) => _statements.TryGetValue(handle, out var sql) ? sql : null;

    public bool Remove(string handle) => _statements.TryRemove(handle, out _);
}
