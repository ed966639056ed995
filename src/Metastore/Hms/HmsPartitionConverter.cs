using QueryEngine.Engine.Catalog;
using QueryEngine.Metastore.Hms.Structs;

namespace QueryEngine.Metastore.Hms;

/// <summary>
/// Hive's <c>Partition</c> to and from our <see cref="PartitionInfo"/>. A partition's columns are its own when it has
/// some (<see cref="PartitionInfo.Columns"/>, e.g. registered before its table gained columns, or added by Spark with
/// its descriptor's columns), else its table's; the engine reads such a partition with them; a
/// partition added without a storage descriptor (or without a location) gets the table's storage under
/// <c>&lt;table location&gt;/k=v</c> from the catalog. Partition names are parsed into values in key order.
/// </summary>
internal static class HmsPartitionConverter
{
    public static HmsPartition ToThrift(TableInfo table, PartitionInfo partition)
    {
        var storage = partition.Storage ?? table.Storage;
        return new HmsPartition
        {
            Values = [.. partition.Values],
            DbName = table.Database,
            TableName = table.Name,
            CreateTime = CreateTime(partition),
            Sd = new HmsStorageDescriptor
            {
                Columns = HmsTableConverter.Fields(partition.Columns ?? table.Columns),
                Location = storage.Location,
                InputFormat = HmsDatabaseConverter.NullIfEmpty(storage.InputFormat),
                OutputFormat = HmsDatabaseConverter.NullIfEmpty(storage.OutputFormat),
                SerdeInfo = new HmsSerDeInfo
                {
                    SerializationLib = HmsDatabaseConverter.NullIfEmpty(storage.SerdeLibrary),
                    Parameters = new Dictionary<string, string>(storage.SerdeParameters, StringComparer.Ordinal),
                },
            },
            Parameters = new Dictionary<string, string>(partition.Parameters, StringComparer.Ordinal),
            CatName = HmsDatabase.DefaultCatalog,
        };
    }

    /// <summary>Hive's <c>createTime</c> (seconds since the epoch, an i32) of a partition.</summary>
    public static int CreateTime(PartitionInfo partition) => (int)Math.Clamp(partition.CreateTime.ToUnixTimeSeconds(), 0, int.MaxValue);

    /// <summary>Our partition of <paramref name="table"/> for an add or alter call (InvalidObjectException when malformed).</summary>
    public static PartitionInfo FromThrift(TableInfo table, HmsPartition partition, DateTimeOffset now)
    {
        if (partition.Values.Count != table.PartitionKeys.Count)
        {
            throw new HmsException(HmsErrorKind.InvalidObjectException,
                $"Partition of {table.Database}.{table.Name} has {partition.Values.Count} values, the table has {table.PartitionKeys.Count} partition keys");
        }
        StorageInfo? storage = null;
        if (partition.Sd is { } sd)
        {
            var inherited = table.Storage;
            storage = new StorageInfo(
                HmsDatabaseConverter.NullIfEmpty(sd.Location),
                HmsDatabaseConverter.NullIfEmpty(sd.InputFormat) ?? inherited.InputFormat,
                HmsDatabaseConverter.NullIfEmpty(sd.OutputFormat) ?? inherited.OutputFormat,
                HmsDatabaseConverter.NullIfEmpty(sd.SerdeInfo?.SerializationLib) ?? inherited.SerdeLibrary)
            {
                SerdeParameters = sd.SerdeInfo is { } serde ? serde.Parameters : inherited.SerdeParameters,
            };
        }
        return new PartitionInfo(table.Database, table.Name, [.. partition.Values], storage)
        {
            // Its own columns when its descriptor lists some (equal to the table's, the catalog keeps none).
            Columns = partition.Sd is { Columns.Count: > 0 } described ? HmsTableConverter.Columns(described.Columns, "column") : null,
            Parameters = partition.Parameters,
            CreateTime = now,
        };
    }

    /// <summary>The values (in key order) of a partition name <c>k1=v1/k2=v2</c>; MetaException when it does not name every key.</summary>
    public static List<string> Values(TableInfo table, string name)
    {
        if (!PartitionNames.TryParse(name, out var pairs) || pairs.Count != table.PartitionKeys.Count)
        {
            throw new HmsException(HmsErrorKind.MetaException, $"Invalid partition name '{name}' for {table.Database}.{table.Name}");
        }
        var values = new List<string>(pairs.Count);
        foreach (var key in table.PartitionKeys)
        {
            var pair = pairs.FirstOrDefault(p => string.Equals(p.Key, key.Name, StringComparison.OrdinalIgnoreCase));
            if (pair.Key is null) throw new HmsException(HmsErrorKind.MetaException, $"Invalid partition name '{name}': no value for key {key.Name}");
            values.Add(pair.Value);
        }
        return values;
    }
}
