using System.Data.Common;
using System.Globalization;
using System.Text;
using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Store;

/// <summary>
/// Partitions read page by page for large listings (<see cref="ICatalog.ReadPartitionPages"/>): one query selects the
/// ids, names and values of the matching partitions (sorted by name, tested, limited), then each page's storage,
/// parameters and SerDe parameters are read by id in three queries. Column descriptors of partitions with columns
/// of their own are read once per descriptor for the whole listing. Everything runs in one read transaction.
/// </summary>
public abstract partial class RelationalCatalog
{
    public void ReadPartitionPages(string database, string table, PartitionPageRequest request, IPartitionPageReader reader)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        Read(transaction =>
        {
            var stored = RequireTable(transaction, database, table);
            if (stored.Info.PartitionKeys.Count == 0)
            {
                reader.Begin(0);
                return 0;
            }
            var (condition, parameters) = FilterSql(stored, request.Filter);
            var selected = SelectPartitions(transaction, stored, condition, parameters, request);
            reader.Begin(selected.Count);
            var size = Math.Max(1, request.PageSize);
            var ownColumns = new Dictionary<long, IReadOnlyList<ColumnInfo>>();
            for (var start = 0; start < selected.Count; start += size)
            {
                reader.Page(ReadPage(transaction, stored, selected, start, Math.Min(size, selected.Count - start), ownColumns));
            }
            return selected.Count;
        });
    }

    /// <summary>The id, name and values of every partition matching the condition and the request's test, in name order, limited.</summary>
    private static List<SelectedPartition> SelectPartitions(
        DbTransaction transaction, StoredTable table, string condition, (string Name, object? Value)[] parameters, PartitionPageRequest request)
    {
        (string, object?)[] all = [("@tbl", table.Ids.TableId), .. parameters];
        var keyCount = table.Info.PartitionKeys.Count;
        var selected = new List<SelectedPartition>();
        using (var command = DbCommands.Create(
            transaction,
            $"""
            SELECT p.PART_ID, p.PART_NAME, k.PART_KEY_VAL
            FROM PARTITIONS p JOIN PARTITION_KEY_VALS k ON k.PART_ID = p.PART_ID
            WHERE p.TBL_ID = @tbl{condition}
            ORDER BY p.PART_ID, k.INTEGER_IDX
            """,
            all))
        using (var rows = command.ExecuteReader())
        {
            SelectedPartition? current = null;
            while (rows.Read())
            {
                var id = rows.GetInt64(0);
                if (current is null || current.Id != id)
                {
                    current = new SelectedPartition(id, rows.GetString(1), new List<string>(keyCount));
                    selected.Add(current);
                }
                current.Values.Add(rows.GetString(2));
            }
        }
        if (request.Keep is not null) selected.RemoveAll(p => !request.Keep(p.Values));
        selected.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        if (request.Limit >= 0 && selected.Count > request.Limit) selected.RemoveRange(request.Limit, selected.Count - request.Limit);
        return selected;
    }

    /// <summary>The partitions <paramref name="selected"/>[start, start + count), complete, in the same order.</summary>
    private static List<PartitionInfo> ReadPage(
        DbTransaction transaction, StoredTable table, List<SelectedPartition> selected, int start, int count,
        Dictionary<long, IReadOnlyList<ColumnInfo>> ownColumns)
    {
        var byId = new Dictionary<long, PartitionRecord>(count);
        var pageIds = new long[count];
        for (var i = 0; i < count; i++) pageIds[i] = selected[start + i].Id;
        var idList = IdList(pageIds);
        ForEachRow(
            transaction,
            $"""
            SELECT p.PART_ID, p.CREATE_TIME, p.VERSION, s.LOCATION, s.INPUT_FORMAT, s.OUTPUT_FORMAT, z.SLIB, z.SERDE_ID, s.CD_ID
            FROM PARTITIONS p LEFT JOIN SDS s ON s.SD_ID = p.SD_ID LEFT JOIN SERDES z ON z.SERDE_ID = s.SERDE_ID
            WHERE p.PART_ID IN ({idList})
            """,
            [],
            reader =>
            {
                var storage = new StorageInfo(reader.NullableString(3), reader.NullableString(4) ?? string.Empty, reader.NullableString(5) ?? string.Empty, reader.NullableString(6) ?? string.Empty);
                byId[reader.GetInt64(0)] = new PartitionRecord(storage, reader.GetInt64(1), reader.GetInt64(2), reader.NullableInt64(7)) { ColumnsId = reader.NullableInt64(8) };
            });
        ForEachRow(transaction, $"SELECT PART_ID, PARAM_KEY, PARAM_VALUE FROM PARTITION_PARAMS WHERE PART_ID IN ({idList})", [],
            reader => byId[reader.GetInt64(0)].Parameters[reader.GetString(1)] = reader.NullableString(2) ?? string.Empty);

        var bySerde = new Dictionary<long, PartitionRecord>();
        var missingColumns = new List<long>();
        foreach (var row in byId.Values)
        {
            if (row.SerdeId is { } serde) bySerde[serde] = row;
            if (row.ColumnsId is { } cd && cd != table.Ids.ColumnsId && !ownColumns.ContainsKey(cd)) missingColumns.Add(cd);
        }
        if (bySerde.Count > 0)
        {
            ForEachRow(transaction, $"SELECT SERDE_ID, PARAM_KEY, PARAM_VALUE FROM SERDE_PARAMS WHERE SERDE_ID IN ({IdList(bySerde.Keys)})", [],
                reader => bySerde[reader.GetInt64(0)].SerdeParameters[reader.GetString(1)] = reader.NullableString(2) ?? string.Empty);
        }
        foreach (var (cd, columns) in ReadColumnDescriptors(transaction, missingColumns)) ownColumns[cd] = columns;

        var page = new List<PartitionInfo>(count);
        for (var i = start; i < start + count; i++)
        {
            var partition = selected[i];
            // A partition dropped under us cannot be: the listing is one transaction.
            var row = byId[partition.Id];
            page.Add(new PartitionInfo(table.Info.Database, table.Info.Name, partition.Values, row.Storage with { SerdeParameters = row.SerdeParameters })
            {
                Columns = row.ColumnsId is { } cd && cd != table.Ids.ColumnsId ? ownColumns[cd] : null,
                Parameters = row.Parameters,
                CreateTime = DateTimeOffset.FromUnixTimeSeconds(row.CreateTime),
                Version = row.Version,
            });
        }
        return page;
    }

    /// <summary>Ids as a SQL list of integer literals (ids are numbers the catalog read itself, never user text).</summary>
    private static string IdList(IEnumerable<long> ids)
    {
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            if (text.Length > 0) text.Append(',');
            text.Append(id.ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <summary>A partition chosen for a paged listing, before its storage is read.</summary>
    private sealed record SelectedPartition(long Id, string Name, List<string> Values);
}
