using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Formats;
using QueryEngine.Engine.Formats.Csv;
using QueryEngine.Engine.Formats.Json;
using QueryEngine.Engine.Formats.Parquet.Reading;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Makes catalog tables scannable from their files. Text tables (LazySimpleSerDe, OpenCSVSerde, or TextInputFormat
/// without a SerDe) are read by the CSV reader, JSON-lines tables (the openx and Hive JSON SerDes) by the JSON reader,
/// Parquet tables (ParquetHiveSerDe or MapredParquetInputFormat) by the Parquet reader, which also serves the table
/// function <c>read_parquet('path or glob')</c>; other formats are not readable yet
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

    /// <summary>Parquet footers shared by every query this factory serves (checked against size and modification time).</summary>
    private readonly ParquetFooterCache _footers = new();

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

    private FileTableSourceFactory(Func<string, IObjectStore> resolve, FileTableSourceOptions options, ParquetFooterCache footers, FileScanSettings settings)
    {
        _resolve = resolve;
        _options = options;
        _footers = footers;
        Settings = settings;
    }

    /// <summary>What sessions and scans added to this factory (file filter, committed writes, prelisted locations).</summary>
    public FileScanSettings Settings { get; } = FileScanSettings.None;

    /// <summary>
    /// This factory with <paramref name="settings"/> instead of <see cref="Settings"/>, sharing its stores and
    /// Parquet footer cache. Change one setting with <c>files.With(files.Settings with { ... })</c>, which keeps the others.
    /// </summary>
    public FileTableSourceFactory With(FileScanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new FileTableSourceFactory(_resolve, _options, _footers, settings);
    }

    /// <summary>This factory, with its scans reading only the files <paramref name="filter"/> includes (other settings kept).</summary>
    public FileTableSourceFactory WithFileFilter(IScanFileFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return With(Settings with { FileFilter = filter });
    }

    /// <summary>
    /// This factory, with its scans of catalog tables also reading the pending files of INSERTs that
    /// <paramref name="catalog"/> has committed (see <see cref="TableFiles.List"/>): a scan reads a table as it is
    /// before or after an INSERT, never in between. Other settings kept.
    /// </summary>
    public FileTableSourceFactory ReadingCommitsOf(ICatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return With(Settings with { CommitsOf = catalog });
    }

    /// <summary>
    /// This factory, with listings of the locations in <paramref name="listings"/> and of folders under them answered
    /// from memory: a partitioned scan lists once for all its partitions. Other settings kept.
    /// </summary>
    public FileTableSourceFactory WithPrelisted(PrelistedLocations listings)
    {
        ArgumentNullException.ThrowIfNull(listings);
        return With(Settings with { Prelisted = listings });
    }

    /// <summary>The ids of the writes the catalog has committed to a table, read now.</summary>
    private static IReadOnlyCollection<string> CommittedWrites(ICatalog catalog, string database, string table)
    {
        if (catalog.GetTable(database, table) is not { } info || !info.Parameters.TryGetValue(TableWriteCommit.QueryIdsParameter, out var ids)) return [];
        return ids.Split(',', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The object store that reads <paramref name="location"/>.</summary>
    public IObjectStore StoreFor(string location) =>
        Settings.Prelisted is { } listings ? new PrelistedObjectStore(_resolve(location), listings) : _resolve(location);

    public ITableSource Create(TableInfo table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var name = $"{table.Database}.{table.Name}";
        if (table.Kind == TableKind.View) throw new SemanticException($"{name} is a view; it has no files to scan");
        var storage = table.Storage;
        var tuning = Settings.FileFilter is { } filter ? _options with { FileFilter = filter } : _options;
        if (Settings.CommitsOf is { } catalog)
        {
            var (database, tableName) = (table.Database, table.Name);
            tuning = tuning with { CommittedWrites = () => CommittedWrites(catalog, database, tableName) };
        }
        if (TableBucketing.Of(table) is { } bucketing) tuning = tuning with { Bucketing = bucketing };
        if (JsonFormat.IsJson(storage))
        {
            if (string.IsNullOrWhiteSpace(storage.Location)) throw new SemanticException($"table {name} has no location");
            return new JsonTableSource(name, storage.Location, SchemaOf(table), table.Columns.Count, StoreOf(storage.Location), JsonFormat.OptionsFor(table), tuning);
        }
        if (IsParquet(storage))
        {
            if (string.IsNullOrWhiteSpace(storage.Location)) throw new SemanticException($"table {name} has no location");
            return ParquetTableSource.ForTable(
                name, storage.Location, SchemaOf(table), table.Columns.Count, StoreOf(storage.Location), tuning.FileFilter, _footers, tuning.CommittedWrites, tuning.Bucketing);
        }
        if (!HiveTextFormat.IsText(storage))
        {
            var format = !string.IsNullOrEmpty(storage.SerdeLibrary) ? storage.SerdeLibrary : storage.InputFormat;
            throw new NotSupportedQueryException($"table {name}: format {HiveTextFormat.ShortName(format)} is not readable yet");
        }
        if (string.IsNullOrWhiteSpace(storage.Location)) throw new SemanticException($"table {name} has no location");
        var options = HiveTextFormat.OptionsFor(table);
        var schema = SchemaOf(table);
        return new TextTableSource(name, storage.Location, schema, table.Columns.Count, StoreOf(storage.Location), options, tuning);
    }

    /// <summary>The store a catalog table's scan reads through: one that follows renamed pending files when they are read.</summary>
    private IObjectStore StoreOf(string location) => Settings.CommitsOf is null ? StoreFor(location) : new PendingFileStore(StoreFor(location));

    public ITableSource? CreateForFunction(string name, IReadOnlyList<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (name != "read_parquet") return null;
        if (arguments is not [string path] || string.IsNullOrWhiteSpace(path))
        {
            throw new SemanticException("read_parquet takes one argument: a path or glob as a string literal");
        }
        return ParquetTableSource.ForFiles(path, StoreFor(path), _footers);
    }

    /// <summary>Whether a table's storage is Parquet (by SerDe, else by input format).</summary>
    public static bool IsParquet(StorageInfo storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (!string.IsNullOrEmpty(storage.SerdeLibrary)) return string.Equals(storage.SerdeLibrary, StorageInfo.Formats.ParquetSerde, StringComparison.Ordinal);
        return string.Equals(storage.InputFormat, StorageInfo.Formats.ParquetInput, StringComparison.Ordinal);
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
