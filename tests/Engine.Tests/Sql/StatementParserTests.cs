using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;
using Xunit;

namespace QueryEngine.Engine.Tests.Sql;

public sealed class StatementParserTests
{
    private static T Parse<T>(string sql) where T : Statement => Assert.IsType<T>(SqlParser.ParseStatement(sql));

    private static Identifier Id(string name) => new(name, false);

    private static string Name(QualifiedName name) => string.Join('.', name.Parts.Select(p => p.Value));

    [Fact]
    public void CreateExternalTableWithEveryClause()
    {
        var create = Parse<CreateExternalTable>("""
            CREATE EXTERNAL TABLE IF NOT EXISTS sales.orders (
              `o_orderkey` bigint COMMENT 'key',
              tags array<string>,
              attrs map<string,int>,
              s struct<a:int, b:array<string>>
            )
            COMMENT 'orders table'
            PARTITIONED BY (dt string, region string)
            CLUSTERED BY (o_orderkey) INTO 8 BUCKETS
            ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' ESCAPED BY '\\' LINES TERMINATED BY '\n' NULL DEFINED AS '\N'
            STORED AS TEXTFILE
            LOCATION 's3://bucket/orders/'
            TBLPROPERTIES ('skip.header.line.count'='1', 'classification'='csv')
            """);
        Assert.True(create.External);
        Assert.True(create.IfNotExists);
        Assert.Equal("sales.orders", Name(create.Name));
        Assert.Equal(new Identifier("o_orderkey", true), create.Columns[0].Name);
        Assert.Equal("key", create.Columns[0].Comment);
        Assert.Equal("array<string>", create.Columns[1].Type.ToHiveString());
        Assert.Equal("map<string,int>", create.Columns[2].Type.ToHiveString());
        Assert.Equal("struct<a:int,b:array<string>>", create.Columns[3].Type.ToHiveString());
        Assert.Equal("orders table", create.Comment);
        Assert.Equal(["dt", "region"], create.PartitionedBy.Select(c => c.Name.Value));
        Assert.Equal(8, create.ClusteredBy!.Buckets);
        var format = Assert.IsType<RowFormatDelimited>(create.RowFormat);
        Assert.Equal("|", format.FieldsTerminatedBy);
        Assert.Equal("\\\\", format.EscapedBy);
        Assert.Equal("\\n", format.LinesTerminatedBy);
        Assert.Equal("\\N", format.NullDefinedAs);
        Assert.Equal(new StorageFormat("TEXTFILE", null, null), create.StoredAs);
        Assert.Equal("s3://bucket/orders/", create.Location);
        Assert.Equal(new StringProperty("skip.header.line.count", "1"), create.TableProperties[0]);
    }

    [Fact]
    public void CreateExternalTableWithSerde()
    {
        var create = Parse<CreateExternalTable>(
            "create external table t (a int) row format serde 'org.apache.hadoop.hive.serde2.OpenCSVSerde' " +
            "with serdeproperties ('separatorChar' = ',') stored as inputformat 'in.Format' outputformat 'out.Format' location 's3://b/'");
        var serde = Assert.IsType<RowFormatSerde>(create.RowFormat);
        Assert.Equal("org.apache.hadoop.hive.serde2.OpenCSVSerde", serde.SerdeClass);
        Assert.Equal(new StringProperty("separatorChar", ","), Assert.Single(serde.Properties));
        Assert.Equal(new StorageFormat(null, "in.Format", "out.Format"), create.StoredAs);
    }

    [Fact]
    public void HiveDdlAcceptsDoubleQuotedStrings()
    {
        var create = Parse<CreateExternalTable>(
            "CREATE EXTERNAL TABLE t (a int COMMENT \"the a\") ROW FORMAT SERDE \"org.x.Serde\" WITH SERDEPROPERTIES (\"serialization.format\" = \"1\") " +
            "LOCATION \"s3://b/t/\" TBLPROPERTIES (\"k\" = 'v')");
        Assert.Equal("the a", create.Columns[0].Comment);
        Assert.Equal(new RowFormatSerde("org.x.Serde", NodeList.Of(new StringProperty("serialization.format", "1"))), create.RowFormat);
        Assert.Equal("s3://b/t/", create.Location);
        Assert.Equal(new StringProperty("k", "v"), Assert.Single(create.TableProperties));
    }

    [Fact]
    public void CreateTableFlavours()
    {
        var trino = Parse<CreateTable>("CREATE TABLE t (a bigint NOT NULL, b varchar COMMENT 'b') WITH (format = 'PARQUET')");
        Assert.True(trino.Columns[0].NotNull);
        Assert.Equal(new Property(Id("format"), new StringLiteral("PARQUET")), Assert.Single(trino.Properties));

        var hive = Parse<CreateExternalTable>("CREATE TABLE t (a int) STORED AS PARQUET");
        Assert.False(hive.External);
        Assert.Equal("PARQUET", hive.StoredAs!.Name);

        var ctas = Parse<CreateTableAsSelect>("CREATE TABLE IF NOT EXISTS t (x, y) WITH (format = 'ORC') AS SELECT 1, 2 WITH NO DATA");
        Assert.True(ctas.IfNotExists);
        Assert.False(ctas.WithData);
        Assert.Equal(2, ctas.ColumnAliases.Count);
        Assert.True(Parse<CreateTableAsSelect>("CREATE TABLE t AS SELECT 1").WithData);
    }

    [Fact]
    public void CreateViewKeepsOriginalQueryText()
    {
        var view = Parse<CreateView>("CREATE OR REPLACE VIEW v AS\n  SELECT a,  b FROM t -- note\n;");
        Assert.True(view.OrReplace);
        Assert.Equal("SELECT a,  b FROM t", view.QueryText);
        Assert.Equal(view, Parse<CreateView>("CREATE OR REPLACE VIEW v AS SELECT a, b FROM t"));
    }

    [Fact]
    public void SchemaStatements()
    {
        var create = Parse<CreateSchema>("CREATE DATABASE IF NOT EXISTS db COMMENT 'c' LOCATION 's3://b/db/' WITH DBPROPERTIES ('k' = 'v')");
        Assert.True(create.IfNotExists);
        Assert.Equal("c", create.Comment);
        Assert.Equal("s3://b/db/", create.Location);
        Assert.Single(create.DbProperties);
        var drop = Parse<DropSchema>("DROP SCHEMA IF EXISTS db CASCADE");
        Assert.True(drop.IfExists);
        Assert.True(drop.Cascade);
        Assert.Equal(new Use(null, Id("db")), Parse<Use>("USE db"));
        Assert.Equal(new Use(Id("cat"), Id("db")), Parse<Use>("USE cat.db"));
    }

    [Fact]
    public void ShowAndDescribe()
    {
        Assert.Equal(new ShowSchemas(null, "s*", null), Parse<ShowSchemas>("SHOW DATABASES LIKE 's*'"));
        var tables = Parse<ShowTables>("SHOW TABLES IN db 'a*|b*'");
        Assert.Equal("db", Name(tables.Schema!));
        Assert.Equal("a*|b*", tables.Pattern);
        Assert.Equal("db.t", Name(Parse<ShowColumns>("SHOW COLUMNS IN t FROM db").Table));
        Assert.Equal("p", Parse<ShowTblProperties>("SHOW TBLPROPERTIES t ('p')").PropertyName);
        Assert.IsType<ShowPartitions>(SqlParser.ParseStatement("SHOW PARTITIONS t"));
        Assert.IsType<ShowCreateTable>(SqlParser.ParseStatement("SHOW CREATE TABLE t"));
        Assert.IsType<ShowCreateView>(SqlParser.ParseStatement("SHOW CREATE VIEW v"));
        Assert.IsType<ShowViews>(SqlParser.ParseStatement("SHOW VIEWS"));
        var describe = Parse<DescribeTable>("DESCRIBE FORMATTED db.t");
        Assert.True(describe.Formatted);
        Assert.False(Parse<DescribeTable>("DESC t").Formatted);
        Assert.Equal("extended", Name(Parse<DescribeTable>("DESCRIBE extended").Table));
        Assert.Equal("db.v", Name(Parse<DescribeTable>("DESCRIBE VIEW db.v").Table));
        Assert.Equal("view", Name(Parse<DescribeTable>("DESCRIBE view").Table));
    }

    [Fact]
    public void ExplainOptions()
    {
        var explain = Parse<Explain>("EXPLAIN ANALYZE (FORMAT JSON, TYPE LOGICAL) SELECT 1");
        Assert.True(explain.Analyze);
        Assert.Equal(ExplainFormat.Json, explain.Format);
        Assert.Equal(ExplainType.Logical, explain.Type);
        Assert.IsType<QueryStatement>(explain.Statement);
        Assert.IsType<TableSubquery>(Assert.IsType<QueryStatement>(Parse<Explain>("EXPLAIN (SELECT 1)").Statement).Query.Body);
    }

    [Fact]
    public void InsertUnloadAndPreparedStatements()
    {
        var insert = Parse<InsertInto>("INSERT INTO db.t (a, b) VALUES (1, 2)");
        Assert.Equal(2, insert.Columns.Count);
        Assert.IsType<Values>(insert.Query.Body);
        Assert.Empty(Parse<InsertInto>("INSERT INTO t (SELECT 1)").Columns);

        var unload = Parse<Unload>("UNLOAD (SELECT * FROM t) TO 's3://b/out/' WITH (format = 'PARQUET')");
        Assert.Equal("s3://b/out/", unload.Location);
        Assert.Single(unload.Properties);

        var prepare = Parse<Prepare>("PREPARE q FROM SELECT * FROM t WHERE a = ?");
        Assert.Equal(Id("q"), prepare.Name);
        var execute = Parse<Execute>("EXECUTE q USING 1, 'a'");
        Assert.Equal(2, execute.Parameters.Count);
        Assert.Equal(new Deallocate(Id("q")), Parse<Deallocate>("DEALLOCATE PREPARE q"));
    }

    [Fact]
    public void AlterTableStatements()
    {
        var add = Parse<AlterTableAddPartition>("ALTER TABLE t ADD IF NOT EXISTS PARTITION (dt = '2020-01-01', h = 1) LOCATION 's3://b/x/' PARTITION (dt = '2020-01-02', h = 2)");
        Assert.True(add.IfNotExists);
        Assert.Equal(2, add.Partitions.Count);
        Assert.Equal("s3://b/x/", add.Partitions[0].Location);
        Assert.Null(add.Partitions[1].Location);
        Assert.Equal(new PartitionValue(Id("h"), new LongLiteral(1)), add.Partitions[0].Values[1]);

        var drop = Parse<AlterTableDropPartition>("ALTER TABLE t DROP IF EXISTS PARTITION (dt = 'a'), PARTITION (dt = 'b')");
        Assert.True(drop.IfExists);
        Assert.Equal(2, drop.Partitions.Count);

        Assert.NotNull(Parse<AlterTableSetLocation>("ALTER TABLE t PARTITION (dt = 'a') SET LOCATION 's3://x/'").Partition);
        var rename = Parse<AlterTableRenamePartition>("ALTER TABLE t PARTITION (dt = 'a') RENAME TO PARTITION (dt = 'b')");
        Assert.Equal("dt", rename.Target.Values[0].Column.CanonicalValue);
        Assert.Single(Parse<AlterTableSetProperties>("ALTER TABLE t SET TBLPROPERTIES ('a' = 'b')").Properties);
        Assert.Equal(2, Parse<AlterTableAddColumns>("ALTER TABLE t ADD COLUMNS (a int, b string)").Columns.Count);
        Assert.Single(Parse<AlterTableReplaceColumns>("ALTER TABLE t REPLACE COLUMNS (a int)").Columns);
        Assert.Equal("u", Name(Parse<RenameTable>("ALTER TABLE t RENAME TO u").Target));
        Assert.Equal("db.t", Name(Parse<MsckRepairTable>("MSCK REPAIR TABLE db.t").Table));
    }

    [Fact]
    public void SessionStatements()
    {
        var set = Parse<SetSession>("SET SESSION hive.x = 'y'");
        Assert.Equal("hive.x", Name(set.Name));
        Assert.Equal("a", Name(Parse<ResetSession>("RESET SESSION a").Name));
        Assert.Null(Parse<SetTimeZone>("SET TIME ZONE LOCAL").Zone);
        Assert.Equal("Europe/Paris", Assert.IsType<StringLiteral>(Parse<SetTimeZone>("SET TIME ZONE 'Europe/Paris'").Zone).Value);
    }
}
