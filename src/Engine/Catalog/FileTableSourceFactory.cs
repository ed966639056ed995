using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Formats.Csv;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Makes catalog tables scannable from their files. Text tables (LazySimpleSerDe, OpenCSVSerde, or TextInputFormat
/// without a SerDe) are read by the CSV reader; other formats are not readable yet
/// (<see cref="NotSupportedQueryException"/>). The schema is the data columns then the partition keys, typed by
/// <see cref="HiveTypes.Parse"/>. The location is a folder read recursively (hidden <c>_</c>/<c>.</c> names skipped)
/// or a single file; <c>key=value</c> folders give partition key values, <c>__HIVE_DEFAULT_PARTITION__</c> is NULL.
/// Simple filters on partition keys prune files. Each <see cref="Create"/> gives a source that lists the files once,
/// on first use.
/// </summary>
public sealed class FileTableSourceFactory : ITableSourceFactory
{
    private readonly Func<string, IObjectStore> _resolve;
    private readonly FileTableSourceOptions _options;

    /// <summary>All locations are read through one store.</summary>
    public FileTableSourceFactory(IObjectStore store, FileTableSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _resolve = _ => store;
        _options = options ?? FileTableSourceOptions.Default;
    }

    /// <summary>The store for each location is chosen by <paramref name="resolver"/> (by URI scheme).</summary>
    public FileTableSourceFactory(ObjectStoreResolver resolver, FileTableSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolve = resolver.Resolve;
        _options = options ?? FileTableSourceOptions.Default;
    }

    /// <summary>The store for each location is chosen by <paramref name="resolveStore"/>.</summary>
    public FileTableSourceFactory(Func<string, IObjectStore> resolveStore, FileTableSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resolveStore);
        _resolve = resolveStore;
        _options = options ?? FileTableSourceOptions.Default;
    }

    /// <summary>The object store that reads <paramref name="location"/>.</summary>
    public IObjectStore StoreFor(string location) => _resolve(location);

    public ITableSource Create(TableInfo table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var name = $"{table.Database}.{table.Name}";
        if (table.Kind == TableKind.View) throw new SemanticException($"{name} is a view; it has no files to scan");
        var storage = table.Storage;
        if (!HiveTextFormat.IsText(storage))
        {
            var format = !string.IsNullOrEmpty(storage.SerdeLibrary) ? storage.SerdeLibrary : storage.InputFormat;
            throw new NotSupportedQueryException($"table {name}: format {HiveTextFormat.ShortName(format)} is not readable yet");
        }
        if (string.IsNullOrWhiteSpace(storage.Location)) throw new SemanticException($"table {name} has no location");
        var options = HiveTextFormat.OptionsFor(table);
        var schema = SchemaOf(table);
        var store = _resolve(storage.Location);
        return new TextTableSource(name, storage.Location, schema, table.Columns.Count, store, options, _options);
    }

    /// <summary>The scan schema of a table: data columns, then partition keys.</summary>
    public static Schema SchemaOf(TableInfo table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var fields = new Field[table.Columns.Count + table.PartitionKeys.Count];
        for (var i = 0; i < table.Columns.Count; i++) fields[i] = FieldOf(table, table.Columns[i]);
        for (var i = 0; i < table.PartitionKeys.Count; i++) fields[table.Columns.Count + i] = FieldOf(table, table.PartitionKeys[i]);
        return new Schema(fields);
    }

    private static Field FieldOf(TableInfo table, ColumnInfo column)
    {
        try
        {
            return new Field(column.Name, HiveTypes.Parse(column.HiveType));
        }
        catch (SemanticException ex)
        {
            throw new SemanticException($"table {table.Database}.{table.Name} column {column.Name}: {ex.Message}");
        }
    }
}
