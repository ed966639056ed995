using QueryEngine.Engine.Catalog;

namespace QueryEngine.Tpch;

/// <summary>
/// The eight TPC-H tables with the column types of the TPC-H specification (as in the reference kit's schema.sql),
/// in Hive type names, and their catalog entries over dbgen's '|'-delimited <c>.tbl</c> files.
/// </summary>
public static class TpchSchema
{
    /// <summary>Columns of each table in <c>.tbl</c> field order.</summary>
    public static IReadOnlyList<ColumnInfo> Columns(TpchTable table) => table switch
    {
        TpchTable.Region => [C("r_regionkey", "int"), C("r_name", "string"), C("r_comment", "string")],
        TpchTable.Nation => [C("n_nationkey", "int"), C("n_name", "string"), C("n_regionkey", "int"), C("n_comment", "string")],
        TpchTable.Supplier =>
        [
            C("s_suppkey", "bigint"), C("s_name", "string"), C("s_address", "string"), C("s_nationkey", "int"),
            C("s_phone", "string"), C("s_acctbal", "decimal(15,2)"), C("s_comment", "string"),
        ],
        TpchTable.Customer =>
        [
            C("c_custkey", "bigint"), C("c_name", "string"), C("c_address", "string"), C("c_nationkey", "int"),
            C("c_phone", "string"), C("c_acctbal", "decimal(15,2)"), C("c_mktsegment", "string"), C("c_comment", "string"),
        ],
        TpchTable.Part =>
        [
            C("p_partkey", "bigint"), C("p_name", "string"), C("p_mfgr", "string"), C("p_brand", "string"), C("p_type", "string"),
            C("p_size", "int"), C("p_container", "string"), C("p_retailprice", "decimal(15,2)"), C("p_comment", "string"),
        ],
        TpchTable.PartSupp =>
        [
            C("ps_partkey", "bigint"), C("ps_suppkey", "bigint"), C("ps_availqty", "bigint"), C("ps_supplycost", "decimal(15,2)"),
            C("ps_comment", "string"),
        ],
        TpchTable.Orders =>
        [
            C("o_orderkey", "bigint"), C("o_custkey", "bigint"), C("o_orderstatus", "string"), C("o_totalprice", "decimal(15,2)"),
            C("o_orderdate", "date"), C("o_orderpriority", "string"), C("o_clerk", "string"), C("o_shippriority", "int"),
            C("o_comment", "string"),
        ],
        TpchTable.LineItem =>
        [
            C("l_orderkey", "bigint"), C("l_partkey", "bigint"), C("l_suppkey", "bigint"), C("l_linenumber", "bigint"),
            C("l_quantity", "decimal(15,2)"), C("l_extendedprice", "decimal(15,2)"), C("l_discount", "decimal(15,2)"),
            C("l_tax", "decimal(15,2)"), C("l_returnflag", "string"), C("l_linestatus", "string"), C("l_shipdate", "date"),
            C("l_commitdate", "date"), C("l_receiptdate", "date"), C("l_shipinstruct", "string"), C("l_shipmode", "string"),
            C("l_comment", "string"),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "unknown TPC-H table"),
    };

    /// <summary>
    /// The catalog entry of one table: external, '|'-delimited text (LazySimpleSerDe) at <paramref name="location"/>
    /// (a folder holding the table's <c>.tbl</c> file, or the file itself).
    /// </summary>
    public static TableInfo TextTable(string database, TpchTable table, string location, string comment) => new(
        database,
        TpchTables.Name(table),
        TableKind.External,
        Columns(table),
        new StorageInfo(location, StorageInfo.Formats.TextInput, StorageInfo.Formats.TextOutput, StorageInfo.Formats.LazySimpleSerde)
        {
            SerdeParameters = new Dictionary<string, string> { ["field.delim"] = "|", ["serialization.format"] = "|" },
        })
    {
        Parameters = new Dictionary<string, string> { ["EXTERNAL"] = "TRUE", ["classification"] = "csv" },
        Comment = comment,
        CreateTime = DateTimeOffset.UtcNow,
    };

    /// <summary>
    /// The catalog entry of one table stored as Parquet (<c>STORED AS PARQUET</c>) at <paramref name="location"/>
    /// (a folder holding the table's <c>.parquet</c> file).
    /// </summary>
    public static TableInfo ParquetTable(string database, TpchTable table, string location, string comment) => new(
        database,
        TpchTables.Name(table),
        TableKind.External,
        Columns(table),
        new StorageInfo(location, StorageInfo.Formats.ParquetInput, StorageInfo.Formats.ParquetOutput, StorageInfo.Formats.ParquetSerde))
    {
        Parameters = new Dictionary<string, string> { ["EXTERNAL"] = "TRUE", ["classification"] = "parquet" },
        Comment = comment,
        CreateTime = DateTimeOffset.UtcNow,
    };

    /// <summary>Registers the eight tables of a dbgen output folder (<c>&lt;table&gt;/&lt;table&gt;.tbl</c>) in <paramref name="database"/>.</summary>
    public static void Register(ICatalog catalog, string database, string folder, string comment) =>
        Register(catalog, database, folder, comment, TpchFormat.Tbl);

    /// <summary>
    /// Registers the eight tables of a generated folder (<c>&lt;table&gt;/&lt;table&gt;.tbl</c> or
    /// <c>&lt;table&gt;/&lt;table&gt;.parquet</c>, per <paramref name="format"/>) in <paramref name="database"/>.
    /// </summary>
    public static void Register(ICatalog catalog, string database, string folder, string comment, TpchFormat format)
    {
        catalog.CreateDatabase(new DatabaseInfo(database, comment, folder), ifNotExists: true);
        foreach (var table in TpchTables.All)
        {
            var location = Path.Combine(folder, TpchTables.Name(table));
            catalog.CreateTable(
                format == TpchFormat.Parquet ? ParquetTable(database, table, location, comment) : TextTable(database, table, location, comment),
                ifNotExists: true);
        }
    }

    private static ColumnInfo C(string name, string type) => new(name, type);
}
