using QueryEngine.Engine.Catalog;
using QueryEngine.Metastore.Hms.Structs;

namespace QueryEngine.Metastore.Hms;

/// <summary>
/// Hive's <c>Table</c> to and from our <see cref="TableInfo"/>. Hive keeps a table's comment as its
/// <c>comment</c> parameter and marks external tables with <c>EXTERNAL=TRUE</c>; both are kept that way on the
/// wire. Bucket columns and count travel as <c>bucketCols</c> / <c>numBuckets</c> (-1 when not bucketed), sort columns
/// as <c>sortCols</c> (<c>Order</c>: 1 ascending, 0 descending). What our model has no place for (storage descriptor
/// parameters, skew) is not kept.
/// </summary>
internal static class HmsTableConverter
{
    private const string CommentParameter = "comment";
    private const string ExternalParameter = "EXTERNAL";

    public static HmsTable ToThrift(TableInfo table)
    {
        var parameters = new Dictionary<string, string>(table.Parameters, StringComparer.Ordinal);
        if (table.Comment is { } comment) parameters[CommentParameter] = comment;
        if (table.Kind == TableKind.External) parameters.TryAdd(ExternalParameter, "TRUE");
        var storage = table.Storage;
        return new HmsTable
        {
            TableName = table.Name,
            DbName = table.Database,
            Owner = table.Owner,
            CreateTime = (int)Math.Clamp(table.CreateTime.ToUnixTimeSeconds(), 0, int.MaxValue),
            Sd = new HmsStorageDescriptor
            {
                Columns = Fields(table.Columns),
                Location = storage.Location,
                NumBuckets = storage.BucketCount > 0 ? storage.BucketCount : -1,
                BucketColumns = [.. storage.BucketColumns],
                SortColumns = storage.SortColumns.Select(c => new HmsOrder { Column = c.Name, Order = c.HiveOrder }).ToList(),
                InputFormat = HmsDatabaseConverter.NullIfEmpty(storage.InputFormat),
                OutputFormat = HmsDatabaseConverter.NullIfEmpty(storage.OutputFormat),
                SerdeInfo = new HmsSerDeInfo
                {
                    SerializationLib = HmsDatabaseConverter.NullIfEmpty(storage.SerdeLibrary),
                    Parameters = new Dictionary<string, string>(storage.SerdeParameters, StringComparer.Ordinal),
                },
            },
            PartitionKeys = Fields(table.PartitionKeys),
            Parameters = parameters,
            ViewOriginalText = table.ViewOriginalText,
            ViewExpandedText = table.ViewExpandedText,
            TableType = table.Kind switch
            {
                TableKind.External => HmsTable.ExternalTable,
                TableKind.View => HmsTable.VirtualView,
                _ => HmsTable.ManagedTable,
            },
            CatName = HmsDatabase.DefaultCatalog,
        };
    }

    /// <summary>
    /// Our table for a <c>create_table</c> call. A table without a location gets
    /// <paramref name="defaultLocation"/> (as Hive puts managed tables under their database's folder).
    /// </summary>
    public static TableInfo FromThrift(HmsTable table, Func<string, string, string> defaultLocation, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(table.DbName) || string.IsNullOrWhiteSpace(table.TableName))
        {
            throw new HmsException(HmsErrorKind.InvalidObjectException, "Table needs a database name and a table name");
        }
        var kind = Kind(table);
        if (table.Temporary) throw new HmsException(HmsErrorKind.InvalidObjectException, "Temporary tables are not supported");
        var sd = table.Sd;
        if (sd is null && kind != TableKind.View)
        {
            throw new HmsException(HmsErrorKind.InvalidObjectException, $"Table {table.DbName}.{table.TableName} has no storage descriptor");
        }
        var columns = Columns(sd?.Columns ?? [], "column");
        var location = HmsDatabaseConverter.NullIfEmpty(sd?.Location);
        if (location is null && kind != TableKind.View) location = defaultLocation(table.DbName, table.TableName);
        var storage = new StorageInfo(
            location,
            sd?.InputFormat ?? string.Empty,
            sd?.OutputFormat ?? string.Empty,
            sd?.SerdeInfo?.SerializationLib ?? string.Empty)
        {
            SerdeParameters = sd?.SerdeInfo?.Parameters ?? new Dictionary<string, string>(StringComparer.Ordinal),
            BucketCount = sd is { NumBuckets: > 0, BucketColumns.Count: > 0 } ? sd.NumBuckets : 0,
            BucketColumns = sd is { NumBuckets: > 0, BucketColumns.Count: > 0 } ? sd.BucketColumns.Select(c => c.ToLowerInvariant()).ToArray() : [],
            SortColumns = SortColumns(sd?.SortColumns ?? [], table.DbName, table.TableName),
        };
        return new TableInfo(table.DbName, table.TableName, kind, columns, storage)
        {
            PartitionKeys = Columns(table.PartitionKeys, "partition key"),
            Parameters = table.Parameters,
            Owner = HmsDatabaseConverter.NullIfEmpty(table.Owner),
            CreateTime = now,
            ViewOriginalText = table.ViewOriginalText,
            ViewExpandedText = table.ViewExpandedText,
        };
    }

    /// <summary>Hive's <c>sortCols</c> as ours: each needs a column name and an order of 1 (ascending) or 0 (descending).</summary>
    private static SortColumnInfo[] SortColumns(List<HmsOrder> orders, string database, string table)
    {
        var result = new SortColumnInfo[orders.Count];
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i];
            if (string.IsNullOrWhiteSpace(order.Column))
            {
                throw new HmsException(HmsErrorKind.InvalidObjectException, $"Table {database}.{table}: sort column {i + 1} has no name");
            }
            if (order.Order is not (HmsOrder.Ascending or HmsOrder.Descending))
            {
                throw new HmsException(
                    HmsErrorKind.InvalidObjectException,
                    $"Table {database}.{table}: sort column '{order.Column}' has order {order.Order}; Hive's orders are 1 (ascending) and 0 (descending)");
            }
            result[i] = new SortColumnInfo(order.Column.ToLowerInvariant(), order.Order == HmsOrder.Ascending);
        }
        return result;
    }

    public static List<HmsFieldSchema> Fields(IReadOnlyList<ColumnInfo> columns)
    {
        var result = new List<HmsFieldSchema>(columns.Count);
        foreach (var column in columns)
        {
            result.Add(new HmsFieldSchema { Name = column.Name, Type = column.HiveType, Comment = column.Comment });
        }
        return result;
    }

    private static TableKind Kind(HmsTable table)
    {
        var external = table.Parameters.TryGetValue(ExternalParameter, out var flag)
            && string.Equals(flag, "TRUE", StringComparison.OrdinalIgnoreCase);
        return table.TableType switch
        {
            HmsTable.VirtualView => TableKind.View,
            HmsTable.ExternalTable => TableKind.External,
            HmsTable.ManagedTable or null or "" => external ? TableKind.External : TableKind.Managed,
            HmsTable.MaterializedView => throw new HmsException(HmsErrorKind.InvalidObjectException, "Materialized views are not supported"),
            var other => throw new HmsException(HmsErrorKind.InvalidObjectException, $"Unknown table type '{other}'"),
        };
    }

    /// <summary>Columns from Thrift field schemas (InvalidObjectException for a nameless or typeless one).</summary>
    public static ColumnInfo[] Columns(List<HmsFieldSchema> fields, string what)
    {
        var result = new ColumnInfo[fields.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var field = fields[i];
            if (string.IsNullOrWhiteSpace(field.Name) || string.IsNullOrWhiteSpace(field.Type))
            {
                throw new HmsException(HmsErrorKind.InvalidObjectException, $"Every {what} needs a name and a type");
            }
            if (!HiveTypes.TryParse(field.Type, out _, out var error))
            {
                throw new HmsException(HmsErrorKind.InvalidObjectException, $"{what} {field.Name}: invalid type '{field.Type}': {error}");
            }
            result[i] = new ColumnInfo(field.Name, field.Type, HmsDatabaseConverter.NullIfEmpty(field.Comment));
        }
        return result;
    }
}
