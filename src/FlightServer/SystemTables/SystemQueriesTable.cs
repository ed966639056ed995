using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;

namespace QueryEngine.FlightServer.SystemTables;

/// <summary>The definition of <c>system.queries</c> and its rows from a <see cref="QueryRegistry"/>.</summary>
internal static class SystemQueriesTable
{
    public const string Database = "system";
    public const string Name = "queries";

    /// <summary>The input format that marks the table (nothing is read from storage).</summary>
    public const string InputFormat = "queryengine.system.queries";

    public static readonly TableInfo Table = new(Database, Name, TableKind.External,
    [
        new ColumnInfo("query_id", "bigint"),
        new ColumnInfo("user", "string"),
        new ColumnInfo("state", "string"),
        new ColumnInfo("query", "string"),
        new ColumnInfo("start_time", "timestamp"),
        new ColumnInfo("end_time", "timestamp"),
        new ColumnInfo("rows", "bigint"),
        new ColumnInfo("bytes_scanned", "bigint"),
        new ColumnInfo("error", "string"),
    ], new StorageInfo(null, InputFormat, InputFormat, InputFormat))
    {
        Comment = "Statements run by this Flight SQL server: running ones and the latest that ended",
    };

    public static readonly DatabaseInfo DatabaseInfo = new(Database, "System tables of the Flight SQL server");

    public static RecordBatch Rows(QueryRegistry registry, Schema schema)
    {
        var records = registry.Snapshot();
        var id = new PrimitiveBuilder<long>(DataType.Int64, records.Count);
        var user = new BinaryBuilder(DataType.Utf8);
        var state = new BinaryBuilder(DataType.Utf8);
        var query = new BinaryBuilder(DataType.Utf8);
        var start = new PrimitiveBuilder<long>(DataType.Timestamp, records.Count);
        var end = new PrimitiveBuilder<long>(DataType.Timestamp, records.Count);
        var rows = new PrimitiveBuilder<long>(DataType.Int64, records.Count);
        var bytes = new PrimitiveBuilder<long>(DataType.Int64, records.Count);
        var error = new BinaryBuilder(DataType.Utf8);
        foreach (var record in records)
        {
            var now = record.Snapshot();
            id.Append(record.Id);
            user.Append(record.User);
            state.Append(now.State);
            query.Append(record.Sql);
            start.Append(Micros(record.Start));
            if (now.End is { } ended) end.Append(Micros(ended));
            else end.AppendNull();
            rows.Append(now.Rows);
            bytes.Append(now.BytesScanned);
            if (now.Error is { } message) error.Append(message);
            else error.AppendNull();
        }
        return new RecordBatch(schema, [id.Build(), user.Build(), state.Build(), query.Build(), start.Build(), end.Build(), rows.Build(), bytes.Build(), error.Build()], records.Count);
    }

    private static long Micros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}
