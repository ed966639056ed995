using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;
using QueryEngine.Metastore.Hms.Structs;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Partition values without whole partitions: <c>get_partition_values</c> (the values of some partition keys over
/// the partitions a Hive filter keeps, distinct and ordered on request) and the name helpers
/// <c>partition_name_to_vals</c> / <c>partition_name_to_spec</c> (<c>k1=v1/k2=v2</c> unescaped into values or a
/// key-to-value map). Values order as strings (ordinal), ascending unless asked otherwise.
/// </summary>
internal sealed class HmsPartitionValueMethods(HmsContext context)
{
    private static readonly HmsErrorKind[] MetaFirst = [HmsErrorKind.MetaException, HmsErrorKind.NoSuchObjectException];

    /// <summary>
    /// PartitionValuesRequest: 1 dbName, 2 tblName, 3 partitionKeys, 4 applyDistinct (default true), 5 filter,
    /// 6 partitionOrder, 7 ascending (default true), 8 maxParts i64 (default -1 = all).
    /// </summary>
    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> RequestArg = new()
    {
        [1] = r => HmsArgs.Read(r, new Dictionary<short, Func<BinaryProtocolReader, object>>
        {
            [3] = p => p.ReadStructList(HmsFieldSchema.Read),
            [6] = p => p.ReadStructList(HmsFieldSchema.Read),
        }),
    };

    public void Register(HmsMethodTable table)
    {
        // PartitionValuesResponse: 1 partitionValues list<PartitionValuesRow {1 row list<string>}>.
        table.Add("get_partition_values", MetaFirst, a =>
        {
            var rows = Values(a.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.MetaException, "argument request is missing"));
            return HmsResult.Struct(w =>
            {
                w.WriteFieldBegin(ThriftType.List, 1);
                w.WriteListBegin(ThriftType.Struct, rows.Count);
                foreach (var row in rows)
                {
                    w.WriteFieldBegin(ThriftType.List, 1);
                    w.WriteStringList(row);
                    w.WriteFieldStop();
                }
                w.WriteFieldStop();
            });
        }, RequestArg);
        table.Add("partition_name_to_vals", [HmsErrorKind.MetaException],
            a => HmsResult.StringList(Parse(a.RequiredString(1, "part_name")).Select(p => p.Value).ToList()));
        table.Add("partition_name_to_spec", [HmsErrorKind.MetaException], a =>
        {
            var spec = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in Parse(a.RequiredString(1, "part_name"))) spec[key] = value;
            return HmsResult.Of(ThriftType.Map, w => w.WriteStringMap(spec));
        });
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Parse(string name) =>
        PartitionNames.TryParse(name, out var pairs)
            ? pairs
            : throw new HmsException(HmsErrorKind.MetaException, $"Invalid partition name '{name}': expected k1=v1/k2=v2");

    private List<List<string>> Values(HmsArgs request)
    {
        var info = context.RequireTable(request.RequiredDatabase(1, "dbName"), request.RequiredString(2, "tblName"));
        var keys = Positions(info, request.Struct<List<HmsFieldSchema>>(3));
        if (keys.Count == 0) throw new HmsException(HmsErrorKind.MetaException, "get_partition_values needs at least one partition key");
        var order = request.Struct<List<HmsFieldSchema>>(6) is { Count: > 0 } orderKeys ? Positions(info, orderKeys) : keys;
        var predicate = HmsPartitionFilter.Parse(info, request.String(5) ?? string.Empty);
        IReadOnlyList<PartitionInfo> partitions = info.PartitionKeys.Count == 0 ? [] : context.Catalog.ListPartitions(info.Database, info.Name);
        var kept = new List<IReadOnlyList<string>>();
        foreach (var partition in partitions)
        {
            if (predicate(partition.Values)) kept.Add(partition.Values);
        }
        var ascending = request.Bool(7, defaultValue: true);
        kept.Sort((x, y) =>
        {
            foreach (var position in order)
            {
                var compared = string.CompareOrdinal(x[position], y[position]);
                if (compared != 0) return ascending ? compared : -compared;
            }
            return 0;
        });
        var distinct = request.Bool(4, defaultValue: true);
        var max = request.Long(8, -1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<List<string>>();
        foreach (var values in kept)
        {
            if (max >= 0 && rows.Count >= max) break;
            var row = new List<string>(keys.Count);
            foreach (var position in keys) row.Add(values[position]);
            if (distinct && !seen.Add(string.Join('\u0001', row))) continue;
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The positions of the named keys among the table's partition keys; an unknown name is a MetaException.</summary>
    private static List<int> Positions(TableInfo info, List<HmsFieldSchema>? fields)
    {
        var positions = new List<int>();
        foreach (var field in fields ?? [])
        {
            var index = -1;
            for (var i = 0; i < info.PartitionKeys.Count; i++)
            {
                if (string.Equals(info.PartitionKeys[i].Name, field.Name, StringComparison.OrdinalIgnoreCase)) index = i;
            }
            if (index < 0) throw new HmsException(HmsErrorKind.MetaException, $"{field.Name} is not a partition key of {info.Database}.{info.Name}");
            positions.Add(index);
        }
        return positions;
    }
}
