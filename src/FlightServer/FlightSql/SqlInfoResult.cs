using System.Runtime.InteropServices;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Columnar.Ipc;
using QueryEngine.FlightServer.Protocol.Sql;

namespace QueryEngine.FlightServer.FlightSql;

/// <summary>
/// CommandGetSqlInfo: the server and SQL facts (SqlInfo ids of FlightSql.proto) as rows of
/// <c>info_name uint32, value dense_union&lt;string, bool, int64, int32 bitmask, list&lt;utf8&gt;, map&lt;int32, list&lt;int32&gt;&gt;&gt;</c>.
/// </summary>
internal static class SqlInfoResult
{
    private const sbyte StringValue = 0;
    private const sbyte BoolValue = 1;
    private const sbyte Int32Bitmask = 3;
    private const sbyte StringList = 4;

    /// <summary>Every id we answer, in id order, with its value.</summary>
    private static readonly (uint Id, sbyte Kind, object Value)[] Facts =
    [
        (0, StringValue, "QueryEngine"),                  // FLIGHT_SQL_SERVER_NAME
        (1, StringValue, ServerVersion()),                // FLIGHT_SQL_SERVER_VERSION
        (2, StringValue, "1.5.0"),                        // FLIGHT_SQL_SERVER_ARROW_VERSION (columnar format, metadata V5)
        (3, BoolValue, false),                            // FLIGHT_SQL_SERVER_READ_ONLY
        (4, BoolValue, true),                             // FLIGHT_SQL_SERVER_SQL
        (5, BoolValue, false),                            // FLIGHT_SQL_SERVER_SUBSTRAIT
        (8, Int32Bitmask, 0),                             // FLIGHT_SQL_SERVER_TRANSACTION: none
        (9, BoolValue, false),                            // FLIGHT_SQL_SERVER_CANCEL
        (10, BoolValue, true),                            // FLIGHT_SQL_SERVER_BULK_INGESTION (CommandStatementIngest)
        (11, BoolValue, false),                           // FLIGHT_SQL_SERVER_INGEST_TRANSACTIONS_SUPPORTED
        (100, Int32Bitmask, 0),                           // FLIGHT_SQL_SERVER_STATEMENT_TIMEOUT: none
        (101, Int32Bitmask, 0),                           // FLIGHT_SQL_SERVER_TRANSACTION_TIMEOUT: none
        (500, BoolValue, false),                          // SQL_DDL_CATALOG
        (501, BoolValue, true),                           // SQL_DDL_SCHEMA
        (502, BoolValue, true),                           // SQL_DDL_TABLE
        (503, Int32Bitmask, 3),                           // SQL_IDENTIFIER_CASE: lowercase
        (504, StringValue, "\""),                         // SQL_IDENTIFIER_QUOTE_CHAR
        (505, Int32Bitmask, 1),                           // SQL_QUOTED_IDENTIFIER_CASE: case-insensitive
        (506, BoolValue, true),                           // SQL_ALL_TABLES_ARE_SELECTABLE
        (507, Int32Bitmask, 3),                           // SQL_NULL_ORDERING: nulls sorted at the end
        (508, StringList, new[] { "EXTERNAL", "LOCATION", "TBLPROPERTIES", "UNLOAD" }), // SQL_KEYWORDS beyond SQL-92
        (529, StringValue, "schema"),                     // SQL_SCHEMA_TERM
        (531, StringValue, "catalog"),                    // SQL_CATALOG_TERM
    ];

    public static FlightResult Build(CommandGetSqlInfo command)
    {
        var rows = new List<(uint Id, sbyte Kind, object Value)>();
        foreach (var fact in Facts)
        {
            if (command.Info.Count == 0 || command.Info.Contains(fact.Id)) rows.Add(fact);
        }
        if (rows.Count == 0) return FlightResult.Empty(MetadataSchemas.SqlInfo);

        var ids = new uint[rows.Count];
        var types = new sbyte[rows.Count];
        var offsets = new int[rows.Count];
        var strings = new BinaryBuilder(DataType.Utf8);
        var bools = new BooleanBuilder();
        var ints = new PrimitiveBuilder<int>(DataType.Int32);
        var listOffsets = new List<int> { 0 };
        var listItems = new BinaryBuilder(DataType.Utf8);
        for (var i = 0; i < rows.Count; i++)
        {
            var (id, kind, value) = rows[i];
            ids[i] = id;
            types[i] = kind;
            switch (kind)
            {
                case StringValue:
                    offsets[i] = strings.Length;
                    strings.Append((string)value);
                    break;
                case BoolValue:
                    offsets[i] = bools.Length;
                    bools.Append((bool)value);
                    break;
                case Int32Bitmask:
                    offsets[i] = ints.Length;
                    ints.Append((int)value);
                    break;
                default:
                    offsets[i] = listOffsets.Count - 1;
                    foreach (var item in (string[])value) listItems.Append(item);
                    listOffsets.Add(listItems.Length);
                    break;
            }
        }

        var body = new IpcBodyBuilder();
        body.AddNode(rows.Count, 0);                                   // info_name
        body.AddEmptyBuffer();
        body.AddBuffer(MemoryMarshal.AsBytes(ids.AsSpan()));
        body.AddNode(rows.Count, 0);                                   // value: dense union (no validity buffer)
        body.AddBuffer(MemoryMarshal.AsBytes(types.AsSpan()));
        body.AddBuffer(MemoryMarshal.AsBytes(offsets.AsSpan()));
        IpcArrayEncoder.Encode(strings.Build(), body);                 // 0 string_value
        IpcArrayEncoder.Encode(bools.Build(), body);                   // 1 bool_value
        IpcArrayEncoder.Encode(new PrimitiveArray<long>(DataType.Int64, []), body); // 2 bigint_value
        IpcArrayEncoder.Encode(ints.Build(), body);                    // 3 int32_bitmask
        body.AddNode(listOffsets.Count - 1, 0);                        // 4 string_list
        body.AddEmptyBuffer();
        body.AddBuffer(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(listOffsets)));
        IpcArrayEncoder.Encode(listItems.Build(), body);
        body.AddNode(0, 0);                                            // 5 int32_to_int32_list_map: empty
        body.AddEmptyBuffer();
        body.AddBuffer(MemoryMarshal.AsBytes(new[] { 0 }.AsSpan()));
        body.AddNode(0, 0);                                            //   entries
        body.AddEmptyBuffer();
        IpcArrayEncoder.Encode(new PrimitiveArray<int>(DataType.Int32, []), body); // key
        body.AddNode(0, 0);                                            //   value: list<int32>
        body.AddEmptyBuffer();
        body.AddBuffer(MemoryMarshal.AsBytes(new[] { 0 }.AsSpan()));
        IpcArrayEncoder.Encode(new PrimitiveArray<int>(DataType.Int32, []), body); // $data$
        return new FlightResult(MetadataSchemas.SqlInfo, [IpcMessageEncoder.RecordBatch(rows.Count, body)]);
    }

    private static string ServerVersion() =>
        typeof(SqlInfoResult).Assembly.GetName().Version?.ToString() ?? "0.1.0";
}
