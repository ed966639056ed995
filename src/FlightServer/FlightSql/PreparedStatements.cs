using System.Collections.Concurrent;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>Prepared statement handles (random ids) and their statements, until closed.</summary>
internal sealed class PreparedStatements
{
    private readonly ConcurrentDictionary<string, PreparedStatement> _statements = new(StringComparer.Ordinal);

    public string Add(string sql)
    {
        var handle = Guid.NewGuid().ToString("N");
        _statements[handle] = new PreparedStatement(sql);
        return handle;
    }

    public PreparedStatement? Find(string handle) => _statements.TryGetValue(handle, out var statement) ? statement : null;

    public bool Remove(string handle) => _statements.TryRemove(handle, out _);
}
