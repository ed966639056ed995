using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Casts;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Formats.Json;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// How a partition whose storage descriptor declares its own columns (<see cref="PartitionInfo.Columns"/>: registered
/// before its table gained columns, or by Spark or Hive over the Thrift API with another layout) is read: with its
/// own columns and its own SerDe, then presented as the table's columns, as Hive and Trino do. A table column is
/// matched to the partition's column of the same name for formats that read by name (Parquet, JSON, Avro) and to the
/// partition's column at the same position for text (Hive's LazySimpleSerDe and OpenCSVSerde); a table column the
/// partition lacks reads as NULL, and a value is converted from the partition's type to the table's, NULL when it
/// does not convert (Hive's rule). A column whose two types no cast joins is read from the partition's files as the
/// table's type (as when the partition had no columns of its own).
/// </summary>
internal sealed class PartitionColumns
{
    private readonly int[] _batchColumns;
    private readonly CastFunc?[] _casts;
    private readonly Field[] _fields;

    private PartitionColumns(TableInfo dataTable, int[] partitionProjection, int[] batchColumns, CastFunc?[] casts, Field[] fields)
    {
        DataTable = dataTable;
        PartitionProjection = partitionProjection;
        _batchColumns = batchColumns;
        _casts = casts;
        _fields = fields;
    }

    /// <summary>The table as the partition's source reads it: the partition's storage and columns, no partition keys.</summary>
    public TableInfo DataTable { get; }

    /// <summary>The partition's columns its source reads, in the order of its batches.</summary>
    public IReadOnlyList<int> PartitionProjection { get; }

    /// <summary>
    /// How to read <paramref name="partition"/> for the table's data columns <paramref name="tableProjection"/>, or
    /// null when the partition has no columns of its own (or the same as the table's): read it as the table.
    /// </summary>
    public static PartitionColumns? For(TableInfo table, Schema tableSchema, PartitionInfo partition, StorageInfo storage, IReadOnlyList<int> tableProjection)
    {
        if (partition.Columns is not { Count: > 0 } own || SameColumns(table.Columns, own)) return null;
        var name = $"{table.Database}.{table.Name} partition {PartitionNames.Of(table.PartitionKeys, partition.Values)}";
        var byName = ReadsByName(storage);
        var ownTypes = new DataType[own.Count];
        for (var i = 0; i < own.Count; i++)
        {
            if (!HiveTypes.TryParse(own[i].HiveType, out var type, out var error)) throw new SemanticException($"{name} column {own[i].Name}: {error}");
            ownTypes[i] = type!;
        }
        var partitionProjection = new List<int>();
        var batchColumns = new int[tableProjection.Count];
        var casts = new CastFunc?[tableProjection.Count];
        var fields = new Field[tableProjection.Count];
        ColumnInfo[]? readColumns = null;
        for (var j = 0; j < tableProjection.Count; j++)
        {
            var column = tableProjection[j];
            var target = tableSchema[column];
            fields[j] = target;
            var match = byName ? IndexByName(own, table.Columns[column].Name) : column < own.Count ? column : -1;
            if (match < 0)
            {
                batchColumns[j] = -1;
                continue;
            }
            var at = partitionProjection.IndexOf(match);
            if (at < 0)
            {
                at = partitionProjection.Count;
                partitionProjection.Add(match);
            }
            batchColumns[j] = at;
            var from = ownTypes[match];
            if (from.Equals(target.Type)) continue;
            if (CastCompiler.IsSupported(from, target.Type))
            {
                casts[j] = CastCompiler.Create(from, target.Type);
                continue;
            }
            // No cast joins the two types (e.g. structs of other fields): the partition's files are read as the table's type.
            readColumns ??= [.. own];
            readColumns[match] = own[match] with { HiveType = table.Columns[column].HiveType };
        }
        var dataTable = table with { Storage = storage, Columns = readColumns ?? own, PartitionKeys = [] };
        return new PartitionColumns(dataTable, [.. partitionProjection], batchColumns, casts, fields);
    }

    /// <summary>The partition's scan task, its batches turned into the table's projected columns.</summary>
    public IScanTask Adapt(IScanTask task) => new AdaptingTask(task, this);

    private RecordBatch Convert(RecordBatch batch)
    {
        var columns = new ArrowArray[_fields.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            var source = _batchColumns[j];
            if (source < 0)
            {
                columns[j] = ConstantArrays.Create(_fields[j].Type, null, batch.RowCount);
                continue;
            }
            var column = batch.Column(source);
            columns[j] = _casts[j] is { } cast ? cast(column, true) : column;
        }
        return new RecordBatch(new Schema(_fields), columns, batch.RowCount);
    }

    /// <summary>Whether the partition's columns are the table's (names ignoring case, types as parsed).</summary>
    private static bool SameColumns(IReadOnlyList<ColumnInfo> table, IReadOnlyList<ColumnInfo> partition)
    {
        if (table.Count != partition.Count) return false;
        for (var i = 0; i < table.Count; i++)
        {
            if (!string.Equals(table[i].Name, partition[i].Name, StringComparison.OrdinalIgnoreCase)) return false;
            if (string.Equals(table[i].HiveType, partition[i].HiveType, StringComparison.OrdinalIgnoreCase)) continue;
            if (!HiveTypes.TryParse(table[i].HiveType, out var a, out _) || !HiveTypes.TryParse(partition[i].HiveType, out var b, out _) || !a!.Equals(b)) return false;
        }
        return true;
    }

    /// <summary>Whether the partition's format finds columns by name (Parquet, JSON, Avro) rather than by position (text).</summary>
    private static bool ReadsByName(StorageInfo storage) =>
        FileTableSourceFactory.IsParquet(storage) || JsonFormat.IsJson(storage)
        || storage.SerdeLibrary.Contains("avro", StringComparison.OrdinalIgnoreCase)
        || storage.InputFormat.Contains("avro", StringComparison.OrdinalIgnoreCase);

    private static int IndexByName(IReadOnlyList<ColumnInfo> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    private sealed class AdaptingTask(IScanTask inner, PartitionColumns columns) : IScanTask
    {
        public IEnumerable<RecordBatch> Execute(ScanContext context)
        {
            foreach (var batch in inner.Execute(context)) yield return columns.Convert(batch);
        }
    }
}
