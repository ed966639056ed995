using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.Engine.Formats.Parquet.Writing;
using QueryEngine.Engine.Session;
using QueryEngine.Engine.Session.Statements;
using QueryEngine.Engine.Storage;
using QueryEngine.FlightServer.Grpc;
using QueryEngine.FlightServer.Protocol;
using QueryEngine.FlightServer.Protocol.Sql;
using NotExist = QueryEngine.FlightServer.Protocol.Sql.CommandStatementIngest.Types.TableDefinitionOptions.Types.TableNotExistOption;
using Exists = QueryEngine.FlightServer.Protocol.Sql.CommandStatementIngest.Types.TableDefinitionOptions.Types.TableExistsOption;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>
/// CommandStatementIngest: the IPC stream a client puts (DoPut) becomes Parquet files in a table's location.
/// A missing table is created (a managed Parquet table in its database's folder) or refused; an existing one is
/// refused, appended to or replaced, as <c>TableDefinitionOptions</c> say. Files become visible whole; when the
/// stream fails, the files this ingest wrote are deleted again and the catalog is left as it was.
/// </summary>
internal sealed class TableIngest(ICatalog catalog, ObjectStoreResolver stores, SessionOptions session)
{
    /// <summary>Rows per Parquet file (each file is assembled in memory, then written in one piece).</summary>
    private const int RowsPerFile = 500_000;

    public async Task<long> RunAsync(CommandStatementIngest command, FlightData first, GrpcCall call)
    {
        var options = command.TableDefinitionOptions
            ?? throw new GrpcException(GrpcStatusCode.InvalidArgument, "CommandStatementIngest needs table_definition_options");
        if (options.IfNotExist == NotExist.Unspecified || options.IfExists == Exists.Unspecified)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, "CommandStatementIngest: if_not_exist and if_exists must be specified");
        }
        if (command.Temporary) throw new GrpcException(GrpcStatusCode.Unimplemented, "temporary tables are not supported");
        if (command.HasTransactionId) throw new GrpcException(GrpcStatusCode.Unimplemented, "transactions are not supported");
        if (command.HasCatalog && !string.Equals(command.Catalog, ShowRunner.CatalogName, StringComparison.OrdinalIgnoreCase))
        {
            throw new GrpcException(GrpcStatusCode.NotFound, $"unknown catalog '{command.Catalog}': the only catalog is {ShowRunner.CatalogName}");
        }
        var database = CatalogRules.NormalizeName(command.HasSchema ? command.Schema : session.DefaultDatabase, "Schema");
        var name = CatalogRules.NormalizeName(command.Table, "Table");
        var qualified = $"{database}.{name}";
        var databaseInfo = catalog.GetDatabase(database) ?? throw new GrpcException(GrpcStatusCode.NotFound, $"schema '{database}' does not exist");
        var existing = catalog.GetTable(database, name);
        if (existing is null && options.IfNotExist == NotExist.Fail)
        {
            throw new GrpcException(GrpcStatusCode.NotFound, $"table '{qualified}' does not exist");
        }
        if (existing is not null)
        {
            if (options.IfExists == Exists.Fail) throw new GrpcException(GrpcStatusCode.AlreadyExists, $"table '{qualified}' already exists");
            CheckWritable(existing, qualified, options.IfExists == Exists.Replace);
        }

        var decoder = new IpcMessageDecoder();
        var data = first;
        while (data is not null && data.DataHeader.IsEmpty) data = await call.ReadAsync(FlightData.Parser).ConfigureAwait(false);
        if (data is null) throw new GrpcException(GrpcStatusCode.InvalidArgument, "CommandStatementIngest: the stream has no schema message");
        var schema = decoder.DecodeSchema(data.DataHeader.Memory);
        var columns = Columns(schema, qualified);
        if (existing is not null && options.IfExists == Exists.Append) CheckSameColumns(existing, columns, qualified);

        var location = existing?.Storage.Location ?? DefaultLocation(databaseInfo, database, name);
        var store = stores.Resolve(location);
        var earlier = existing is not null && options.IfExists == Exists.Replace ? VisibleFiles(store, location) : [];
        var written = new List<string>();
        long rows = 0;
        var file = new PendingFile(schema);
        try
        {
            while (await call.ReadAsync(FlightData.Parser).ConfigureAwait(false) is { } message)
            {
                if (message.DataHeader.IsEmpty) continue;
                if (decoder.Decode(message.DataHeader.Memory, message.DataBody.Memory) is not { } batch || batch.RowCount == 0) continue;
                file.Write(batch);
                rows += batch.RowCount;
                if (file.Rows >= RowsPerFile)
                {
                    written.Add(file.Publish(store, location));
                    file.Dispose();
                    file = new PendingFile(schema);
                }
            }
            if (file.Rows > 0 || (existing is null && written.Count == 0)) written.Add(file.Publish(store, location));
            call.Cancellation.ThrowIfCancellationRequested();
            Commit(existing, new TableInfo(database, name, TableKind.Managed, columns, ParquetStorage(location)), earlier, store);
        }
        catch
        {
            foreach (var path in written) store.Delete(path);
            throw;
        }
        finally
        {
            file.Dispose();
        }
        return rows;
    }

    private void Commit(TableInfo? existing, TableInfo created, IReadOnlyList<string> earlier, IObjectStore store)
    {
        if (existing is null)
        {
            catalog.CreateTable(created with { Owner = "flight", CreateTime = DateTimeOffset.UtcNow }, ifNotExists: false);
            return;
        }
        if (earlier.Count > 0 || !SameColumns(existing.Columns, created.Columns))
        {
            // REPLACE: the new definition first (a failure here leaves the old files and definition), then the old files go.
            if (!SameColumns(existing.Columns, created.Columns)) catalog.AlterTable(existing.Database, existing.Name, existing with { Columns = created.Columns });
            foreach (var path in earlier) store.Delete(path);
        }
    }

    private static void CheckWritable(TableInfo table, string qualified, bool replace)
    {
        if (table.Kind == TableKind.View) throw new GrpcException(GrpcStatusCode.InvalidArgument, $"'{qualified}' is a view, not a table");
        if (table.PartitionKeys.Count > 0) throw new GrpcException(GrpcStatusCode.Unimplemented, $"ingest into the partitioned table '{qualified}' is not supported");
        if (!FileTableSourceFactory.IsParquet(table.Storage) || table.Storage.Location is null)
        {
            throw new GrpcException(GrpcStatusCode.Unimplemented, $"ingest writes Parquet files: '{qualified}' is not a Parquet table with a location");
        }
        if (replace && table.Kind == TableKind.External)
        {
            throw new GrpcException(GrpcStatusCode.Unimplemented, $"REPLACE of the external table '{qualified}' would delete files the table does not own");
        }
    }

    private static ColumnInfo[] Columns(Schema schema, string qualified)
    {
        if (schema.Count == 0) throw new GrpcException(GrpcStatusCode.InvalidArgument, $"ingest into '{qualified}': the stream's schema has no columns");
        var columns = new ColumnInfo[schema.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            var field = schema[i];
            if (field.Type is ListType or StructType or MapType)
            {
                throw new GrpcException(GrpcStatusCode.Unimplemented, $"ingest into '{qualified}': column '{field.Name}' of type {field.Type} (nested types are not written yet)");
            }
            var column = CatalogRules.NormalizeName(field.Name, "Column");
            if (!seen.Add(column)) throw new GrpcException(GrpcStatusCode.InvalidArgument, $"ingest into '{qualified}': column '{column}' appears twice");
            columns[i] = new ColumnInfo(column, HiveTypes.Format(field.Type));
        }
        return columns;
    }

    private static void CheckSameColumns(TableInfo table, IReadOnlyList<ColumnInfo> columns, string qualified)
    {
        if (!SameColumns(table.Columns, columns))
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument,
                $"append to '{qualified}': the stream's columns ({Describe(columns)}) differ from the table's ({Describe(table.Columns)})");
        }
    }

    private static bool SameColumns(IReadOnlyList<ColumnInfo> a, IReadOnlyList<ColumnInfo> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i].Name, b[i].Name, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(a[i].HiveType, b[i].HiveType, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        return true;
    }

    private static string Describe(IReadOnlyList<ColumnInfo> columns) => string.Join(", ", columns.Select(c => c.Name + " " + c.HiveType));

    private string DefaultLocation(DatabaseInfo database, string databaseName, string table)
    {
        var root = database.Location ?? Path.Combine(session.Warehouse, databaseName);
        return root.EndsWith('/') ? root + table : root + "/" + table;
    }

    private static StorageInfo ParquetStorage(string location)
    {
        var parquet = StorageFormats.ForStoredAs("PARQUET");
        return new StorageInfo(location, parquet.InputFormat, parquet.OutputFormat, parquet.Serde);
    }

    /// <summary>The data files of a location as readers see them (hidden '_' and '.' paths left out).</summary>
    private static IReadOnlyList<string> VisibleFiles(IObjectStore store, string location)
    {
        var files = new List<string>();
        foreach (var item in store.List(location, recursive: true))
        {
            if (!item.RelativePath.Split('/').Any(s => s.Length > 0 && s[0] is '_' or '.')) files.Add(item.Path);
        }
        return files;
    }

    /// <summary>One Parquet file being assembled in memory.</summary>
    private sealed class PendingFile(Schema schema) : IDisposable
    {
        private readonly MemoryStream _buffer = new();
        private ParquetWriter? _writer;

        public long Rows { get; private set; }

        public void Write(RecordBatch batch)
        {
            _writer ??= new ParquetWriter(_buffer, schema);
            _writer.Write(batch);
            Rows += batch.RowCount;
        }

        /// <summary>Writes the file into <paramref name="location"/> under a fresh name and returns its path.</summary>
        public string Publish(IObjectStore store, string location)
        {
            _writer ??= new ParquetWriter(_buffer, schema);
            _writer.Finish();
            var path = (location.EndsWith('/') ? location : location + "/") + $"ingest-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}.parquet";
            using (var output = store.Create(path))
            {
                _buffer.Position = 0;
                _buffer.CopyTo(output);
            }
            return path;
        }

        public void Dispose() => _buffer.Dispose();
    }
}
