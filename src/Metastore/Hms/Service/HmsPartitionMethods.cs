using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Thrift;

namespace QueryEngine.Metastore.Hms.Service;

/// <summary>
/// Partition reads over the catalog's partitions: listing (all, by partial values <c>_ps</c>, by filter, by
/// names), names, and single partitions by values or name. An unpartitioned table has no partitions. Missing
/// tables are NoSuchObjectException; so is a missing partition asked for by values or name. <c>max_parts</c>
/// below zero means all. Statistics reads are in <see cref="HmsStatisticsMethods"/>.
/// </summary>
internal sealed class HmsPartitionMethods(HmsContext context)
{
    private static readonly HmsErrorKind[] NoSuchFirst = [HmsErrorKind.NoSuchObjectException, HmsErrorKind.MetaException];

    private static readonly HmsErrorKind[] MetaFirst = [HmsErrorKind.MetaException, HmsErrorKind.NoSuchObjectException];

    private static readonly Dictionary<short, Func<BinaryProtocolReader, object>> RequestArg =
        new() { [1] = r => HmsArgs.Read(r, null) };

    /// <summary>Up to this many partition names are read one by one; more are listed through the index in one go.</summary>
    private const int PointLookupLimit = 256;

    private ICatalog Catalog => context.Catalog;

    public void Register(HmsMethodTable table)
    {
        // Legacy calls: 1 db_name, 2 tbl_name, then the call's own arguments.
        table.Add("get_partitions", NoSuchFirst, a => List(Partitions(a, 1, 2, null, a.Int(3, -1))));
        table.Add("get_partitions_with_auth", NoSuchFirst, a => List(Partitions(a, 1, 2, null, a.Int(3, -1))));
        table.Add("get_partition_names", NoSuchFirst, a => HmsResult.StringList(Names(a, 1, 2, null, a.Int(3, -1))));
        table.Add("get_partitions_ps", MetaFirst, a => List(Partitions(a, 1, 2, a.StringList(3), a.Int(4, -1))));
        table.Add("get_partitions_ps_with_auth", NoSuchFirst, a => List(Partitions(a, 1, 2, a.StringList(3), a.Int(4, -1))));
        table.Add("get_partition_names_ps", MetaFirst, a => HmsResult.StringList(Names(a, 1, 2, a.StringList(3), a.Int(4, -1))));
        table.Add("get_partitions_by_filter", MetaFirst, a => List(ByFilter(a, a.String(3), a.Int(4, -1))));
        table.Add("get_num_partitions_by_filter", MetaFirst, a => HmsResult.I32(CountByFilter(a, a.String(3))));
        table.Add("get_partitions_by_names", MetaFirst, a => List(ByNames(a, 1, 2, a.StringList(3) ?? [])));
        table.Add("get_partition", MetaFirst, a => One(a, a.StringList(3)));
        table.Add("get_partition_with_auth", MetaFirst, a => One(a, a.StringList(3)));
        table.Add("get_partition_by_name", MetaFirst, a =>
        {
            var info = Table(a, 1, 2);
            return One(a, HmsPartitionConverter.Values(info, a.RequiredString(3, "part_name")));
        });

        // Request calls: the request struct is argument 1; its response holds the list in field 1.
        // GetPartitionsByNamesRequest: 1 db_name, 2 tbl_name, 3 names -> GetPartitionsByNamesResult: 1 partitions.
        table.Add("get_partitions_by_names_req", MetaFirst,
            a => ListInField1(ByNames(Request(a), 1, 2, Request(a).StringList(3) ?? [])), RequestArg);
        // PartitionsRequest: 1 catName, 2 dbName, 3 tblName, 4 maxParts -> PartitionsResponse: 1 partitions.
        table.Add("get_partitions_req", NoSuchFirst,
            a => ListInField1(Partitions(Request(a), 2, 3, null, Request(a).Int(4, -1))), RequestArg);
        // GetPartitionNamesPsRequest: 1 catName, 2 dbName, 3 tblName, 4 partValues, 5 maxParts -> 1 names.
        table.Add("get_partition_names_ps_req", MetaFirst, a =>
        {
            var request = Request(a);
            var names = Names(request, 2, 3, request.StringList(4), request.Int(5, -1));
            return HmsResult.Struct(w =>
            {
                w.WriteFieldBegin(ThriftType.List, 1);
                w.WriteStringList(names);
                w.WriteFieldStop();
            });
        }, RequestArg);
    }

    private static HmsArgs Request(HmsArgs args) =>
        args.Struct<HmsArgs>(1) ?? throw new HmsException(HmsErrorKind.MetaException, "argument request is missing");

    private TableInfo Table(HmsArgs args, short databaseId, short tableId) =>
        context.RequireTable(args.RequiredDatabase(databaseId, "db_name"), args.RequiredString(tableId, "tbl_name"));

    /// <summary>A reply whose success value is the list <paramref name="writeList"/> writes.</summary>
    private static HmsResult List(Action<BinaryProtocolWriter> writeList) => HmsResult.Of(ThriftType.List, writeList);

    private static HmsResult ListInField1(Action<BinaryProtocolWriter> writeList) => HmsResult.Struct(w =>
    {
        w.WriteFieldBegin(ThriftType.List, 1);
        writeList(w);
        w.WriteFieldStop();
    });

    /// <summary>
    /// Writes the partitions <paramref name="request"/> selects as they are read from the catalog, page by page
    /// (the reply is written after the call's arguments are checked; a failure while writing clears it and
    /// answers the error instead).
    /// </summary>
    private Action<BinaryProtocolWriter> Stream(TableInfo info, PartitionPageRequest request) =>
        w => Catalog.ReadPartitionPages(info.Database, info.Name, request, new HmsPartitionListWriter(w, info));

    /// <summary>The partitions matching a partial specification (an empty value matches any), at most <paramref name="max"/>.</summary>
    private Action<BinaryProtocolWriter> Partitions(HmsArgs args, short databaseId, short tableId, List<string>? partial, int max)
    {
        var info = Table(args, databaseId, tableId);
        return Stream(info, MatchingRequest(info, partial, max));
    }

    private List<string> Names(HmsArgs args, short databaseId, short tableId, List<string>? partial, int max)
    {
        var info = Table(args, databaseId, tableId);
        if (partial is null or { Count: 0 })
        {
            var all = Catalog.ListPartitionNames(info.Database, info.Name);
            return [.. max >= 0 ? all.Take(max) : all];
        }
        var request = MatchingRequest(info, partial, max);
        var result = Catalog.ListPartitions(info.Database, info.Name, request.Filter).Where(p => request.Keeps(p.Values));
        return (max >= 0 ? result.Take(max) : result).Select(p => PartitionNames.Of(info.PartitionKeys, p.Values)).ToList();
    }

    /// <summary>The partitions whose values match the non-empty values of <paramref name="partial"/>, found through the index.</summary>
    private static PartitionPageRequest MatchingRequest(TableInfo info, List<string>? partial, int max)
    {
        if (partial is { Count: > 0 } && partial.Count > info.PartitionKeys.Count)
        {
            throw new HmsException(HmsErrorKind.MetaException, $"Too many partition values for {info.Database}.{info.Name}");
        }
        var keys = new List<PartitionKeyFilter>();
        for (var i = 0; partial is not null && i < partial.Count; i++)
        {
            if (partial[i].Length > 0) keys.Add(new PartitionKeyFilter(info.PartitionKeys[i].Name, [partial[i]]));
        }
        return new PartitionPageRequest(new PartitionFilter(keys), partial is null ? null : values => Matches(values, partial), max);
    }

    private static bool Matches(IReadOnlyList<string> values, List<string> partial)
    {
        for (var i = 0; i < partial.Count; i++)
        {
            if (partial[i].Length > 0 && !string.Equals(values[i], partial[i], StringComparison.Ordinal)) return false;
        }
        return true;
    }

    private Action<BinaryProtocolWriter> ByFilter(HmsArgs args, string? filter, int max)
    {
        var info = Table(args, 1, 2);
        if (info.PartitionKeys.Count == 0) return Empty;
        var predicate = HmsPartitionFilter.Parse(info, filter ?? string.Empty);
        return Stream(info, new PartitionPageRequest(HmsPartitionFilter.IndexFilter(info, filter ?? string.Empty), values => predicate(values), max));
    }

    private int CountByFilter(HmsArgs args, string? filter)
    {
        var info = Table(args, 1, 2);
        if (info.PartitionKeys.Count == 0) return 0;
        var predicate = HmsPartitionFilter.Parse(info, filter ?? string.Empty);
        return Catalog.ListPartitions(info.Database, info.Name, HmsPartitionFilter.IndexFilter(info, filter ?? string.Empty))
            .Count(p => predicate(p.Values));
    }

    private static void Empty(BinaryProtocolWriter writer) => writer.WriteListBegin(ThriftType.Struct, 0);

    /// <summary>The partitions named (<c>k=v/...</c>) that exist, in listing order; unknown names are left out (as in Hive).</summary>
    private Action<BinaryProtocolWriter> ByNames(HmsArgs args, short databaseId, short tableId, List<string> names)
    {
        var info = Table(args, databaseId, tableId);
        if (info.PartitionKeys.Count == 0 || names.Count == 0) return Empty;
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var keyValues = new HashSet<string>[info.PartitionKeys.Count];
        for (var k = 0; k < keyValues.Length; k++) keyValues[k] = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (PartitionNames.TryParse(name, out var pairs) && pairs.Count == info.PartitionKeys.Count)
            {
                var values = HmsPartitionConverter.Values(info, name);
                wanted.Add(PartitionNames.Of(info.PartitionKeys, values));
                for (var k = 0; k < values.Count; k++) keyValues[k].Add(values[k]);
            }
        }
        if (wanted.Count == 0) return Empty;
        if (wanted.Count <= PointLookupLimit)
        {
            // Few names (Trino asks in batches of up to a hundred or so): one index lookup each.
            var found = new List<PartitionInfo>(wanted.Count);
            foreach (var name in wanted.Order(StringComparer.Ordinal))
            {
                if (Catalog.GetPartition(info.Database, info.Name, HmsPartitionConverter.Values(info, name)) is { } partition) found.Add(partition);
            }
            return w =>
            {
                var list = new HmsPartitionListWriter(w, info);
                list.Begin(found.Count);
                list.Page(found);
            };
        }
        // The catalog's index narrows the listing to partitions whose every value is one of the named ones.
        var filter = new PartitionFilter([.. info.PartitionKeys.Select((key, k) => new PartitionKeyFilter(key.Name, [.. keyValues[k]]))]);
        return Stream(info, new PartitionPageRequest(filter, values => wanted.Contains(PartitionNames.Of(info.PartitionKeys, values))));
    }

    private HmsResult One(HmsArgs args, List<string>? values)
    {
        var info = Table(args, 1, 2);
        if (values is null || values.Count != info.PartitionKeys.Count)
        {
            throw new HmsException(HmsErrorKind.MetaException,
                $"{info.Database}.{info.Name} has {info.PartitionKeys.Count} partition keys, {values?.Count ?? 0} values were given");
        }
        var partition = Catalog.GetPartition(info.Database, info.Name, values)
            ?? throw new HmsException(HmsErrorKind.NoSuchObjectException,
                $"partition {PartitionNames.Of(info.PartitionKeys, values)} of {info.Database}.{info.Name} not found");
        var thrift = HmsPartitionConverter.ToThrift(info, partition);
        return HmsResult.Struct(thrift.Write);
    }
}
