using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Hive's lock API over <see cref="HmsLockTable"/>: <c>lock</c> (LockRequest: 1 component, 2 txnid, 3 user,
/// 4 hostname -> LockResponse: 1 lockid, 2 state), <c>check_lock</c> (CheckLockRequest: 1 lockid), <c>unlock</c>
/// (UnlockRequest: 1 lockid), <c>heartbeat</c> (HeartbeatRequest: 1 lockid, 2 txnid) and <c>show_locks</c>
/// (ShowLocksRequest: 1 dbname, 2 tablename, 3 partname -> ShowLocksResponse: 1 locks, one element per component).
/// We have no transactions: a request naming a transaction id is NoSuchTxnException; an unknown lock id is
/// NoSuchLockException.
/// </summary>
internal sealed class HmsLockMethods(HmsContext context)
{
    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> LockRequestArg = new()
    {
        [1] = r => HmsArgs.Read(r, new Dictionary<short, Func<BinaryProtocolReader, object>> { [1] = p => p.ReadStructList(ReadComponent) }),
    };

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> RequestArg =
        new() { [1] = r => HmsArgs.Read(r, null) };

    private HmsLockTable Locks => context.Locks;

    public void Register(HmsMethodTable table)
    {
        table.Add("lock", [HmsErrorKind.NoSuchTxnException, HmsErrorKind.TxnAbortedException], a =>
        {
            var request = Request(a);
            NoTransaction(request, 2);
            var components = request.Struct<List<HmsLockComponent>>(1) ?? [];
            if (components.Count == 0) throw new HmsException(HmsErrorKind.NoSuchTxnException, "A lock request needs at least one component");
            foreach (var component in components)
            {
                if (component.Type is < HmsLockTable.SharedRead or > HmsLockTable.ExclusiveWrite || component.Database.Length == 0)
                {
                    throw new HmsException(HmsErrorKind.NoSuchTxnException, "A lock component needs a lock type (1-4) and a database name");
                }
            }
            return Response(Locks.Request(components, request.String(3), request.String(4)));
        }, LockRequestArg);
        table.Add("check_lock", [HmsErrorKind.NoSuchTxnException, HmsErrorKind.TxnAbortedException, HmsErrorKind.NoSuchLockException], a =>
        {
            var request = Request(a);
            var id = request.Long(1, -1);
            return Response(Locks.Check(id) ?? throw NoSuchLock(id));
        }, RequestArg);
        table.Add("unlock", [HmsErrorKind.NoSuchLockException, HmsErrorKind.TxnOpenException], a =>
        {
            var id = Request(a).Long(1, -1);
            if (!Locks.Release(id)) throw NoSuchLock(id);
            return HmsResult.Void;
        }, RequestArg);
        table.Add("heartbeat", [HmsErrorKind.NoSuchLockException, HmsErrorKind.NoSuchTxnException, HmsErrorKind.TxnAbortedException], a =>
        {
            var request = Request(a);
            NoTransaction(request, 2);
            if (request.Has(1) && !Locks.Heartbeat(request.Long(1, -1))) throw NoSuchLock(request.Long(1, -1));
            return HmsResult.Void;
        }, RequestArg);
        table.Add("show_locks", [], a => ShowLocks(Request(a)), RequestArg);
    }

    private static HmsArgs Request(HmsArgs args) =>
        args.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.NoSuchLockException, "argument rqst is missing");

    private static void NoTransaction(HmsArgs request, short id)
    {
        if (request.Long(id, 0) > 0)
        {
            throw new HmsException(HmsErrorKind.NoSuchTxnException, $"No such transaction txnid:{request.Long(id, 0)} (this metastore has no transactions)");
        }
    }

    private static HmsException NoSuchLock(long id) => new(HmsErrorKind.NoSuchLockException, $"No such lock lockid:{id}");

    private static HmsResult Response(HmsLockTable.HeldLock held) => HmsResult.Struct(w =>
    {
        w.WriteFieldBegin(ThriftType.I64, 1);
        w.WriteI64(held.Id);
        w.WriteI32Field(2, held.State);
        w.WriteFieldStop();
    });

    private HmsResult ShowLocks(HmsArgs request)
    {
        var database = HmsCatalogNames.Strip(request.String(1));
        var table = request.String(2);
        var partition = request.String(3);
        var rows = new List<(HmsLockTable.HeldLock Lock, HmsLockComponent Component)>();
        foreach (var held in Locks.Snapshot())
        {
            foreach (var component in held.Components)
            {
                if (database is not null && !string.Equals(database, component.Database, StringComparison.OrdinalIgnoreCase)) continue;
                if (table is not null && !string.Equals(table, component.Table, StringComparison.OrdinalIgnoreCase)) continue;
                if (partition is not null && !string.Equals(partition, component.Partition, StringComparison.Ordinal)) continue;
                rows.Add((held, component));
            }
        }
        return HmsResult.Struct(w =>
        {
            w.WriteFieldBegin(ThriftType.List, 1);
            w.WriteListBegin(ThriftType.Struct, rows.Count);
            foreach (var (held, component) in rows)
            {
                w.WriteFieldBegin(ThriftType.I64, 1);
                w.WriteI64(held.Id);
                w.WriteStringField(2, component.Database);
                w.WriteStringField(3, component.Table);
                w.WriteStringField(4, component.Partition);
                w.WriteI32Field(5, held.State);
                w.WriteI32Field(6, component.Type);
                w.WriteFieldBegin(ThriftType.I64, 8);
                w.WriteI64(held.LastHeartbeat.ToUnixTimeMilliseconds());
                if (held.AcquiredAt is { } acquired)
                {
                    w.WriteFieldBegin(ThriftType.I64, 9);
                    w.WriteI64(acquired.ToUnixTimeMilliseconds());
                }
                w.WriteStringField(10, held.User);
                w.WriteStringField(11, held.Host);
                w.WriteFieldStop();
            }
            w.WriteFieldStop();
        });
    }

    private static HmsLockComponent ReadComponent(BinaryProtocolReader reader)
    {
        var type = 0;
        string? database = null, table = null, partition = null;
        reader.ReadStruct((id, t) =>
        {
            switch (id)
            {
                case 1 when t == ThriftType.I32: type = reader.ReadI32(); return true;
                case 3 when t == ThriftType.String: database = reader.ReadString(); return true;
                case 4 when t == ThriftType.String: table = reader.ReadString(); return true;
                case 5 when t == ThriftType.String: partition = reader.ReadString(); return true;
                default: return false;
            }
        });
        // Validated by the handler: throwing here, in the middle of reading the arguments, would end the connection.
        return new HmsLockComponent(type, HmsCatalogNames.Strip(database) ?? string.Empty, table, partition);
    }
}
