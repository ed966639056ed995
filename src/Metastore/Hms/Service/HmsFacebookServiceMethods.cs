using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// The fb303 <c>FacebookService</c> calls Hive's metastore inherits, which monitoring tools use as a health check:
/// <c>getName</c>, <c>getVersion</c>, <c>getStatus</c> (ALIVE = 2), <c>getStatusDetails</c>, <c>aliveSince</c>,
/// <c>getCounters</c> (none), and the metastore's <c>flushCache</c> (nothing is cached).
/// </summary>
internal sealed class HmsFacebookServiceMethods(HmsContext context)
{
    private const int StatusAlive = 2;

    public void Register(HmsMethodTable table)
    {
        table.Add("getName", [], _ => HmsResult.String("QueryEngine metastore"));
        table.Add("getVersion", [], _ => HmsResult.String(typeof(HmsContext).Assembly.GetName().Version?.ToString() ?? "unknown"));
        table.Add("getStatus", [], _ => HmsResult.I32(StatusAlive));
        table.Add("getStatusDetails", [], _ => HmsResult.String("serving"));
        table.Add("aliveSince", [], _ => HmsResult.Of(ThriftType.I64, w => w.WriteI64(context.StartedAt.ToUnixTimeSeconds())));
        table.Add("getCounters", [], _ => HmsResult.Of(ThriftType.Map, w => w.WriteMapBegin(ThriftType.String, ThriftType.I64, 0)));
        table.Add("flushCache", [], _ => HmsResult.Void);
    }
}
