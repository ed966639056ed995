namespace QueryEngine.Engine.Sql.Ast;

/// <summary>
/// Athena/Hive DDL: <c>CREATE [EXTERNAL] TABLE [IF NOT EXISTS] name (col type [COMMENT 'c'], ...) [COMMENT 'c']
/// [PARTITIONED BY (col type [COMMENT 'c'], ...)] [CLUSTERED BY (cols) [SORTED BY (...)] INTO n BUCKETS]
/// [ROW FORMAT ...] [STORED AS ...] [LOCATION 'uri'] [TBLPROPERTIES ('k'='v', ...)]</c>.
/// Parsed whenever a CREATE TABLE with a column list uses a Hive-only clause or EXTERNAL.
/// </summary>
public sealed record CreateExternalTable(
    bool External,
    bool IfNotExists,
    QualifiedName Name,
    IReadOnlyList<ColumnDefinition> Columns,
    string? Comment,
    IReadOnlyList<ColumnDefinition> PartitionedBy,
    BucketSpec? ClusteredBy,
    RowFormat? RowFormat,
    StorageFormat? StoredAs,
    string? Location,
    IReadOnlyList<StringProperty> TableProperties) : Statement;

/// <summary><c>CLUSTERED BY (cols) [SORTED BY (col [ASC|DESC], ...)] INTO n BUCKETS</c>.</summary>
public sealed record BucketSpec(IReadOnlyList<Identifier> Columns, IReadOnlyList<BucketSortColumn> SortedBy, long Buckets) : Node;

public sealed record BucketSortColumn(Identifier Name, SortOrdering Ordering) : Node;

public abstract record RowFormat : Node;

/// <summary><c>ROW FORMAT DELIMITED [FIELDS TERMINATED BY 'x' [ESCAPED BY 'y']] [COLLECTION ITEMS TERMINATED BY 'x']
/// [MAP KEYS TERMINATED BY 'x'] [LINES TERMINATED BY 'x'] [NULL DEFINED AS 'x']</c>.</summary>
public sealed record RowFormatDelimited(
    string? FieldsTerminatedBy,
    string? EscapedBy,
    string? CollectionItemsTerminatedBy,
    string? MapKeysTerminatedBy,
    string? LinesTerminatedBy,
    string? NullDefinedAs) : RowFormat;

/// <summary><c>ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES ('k'='v', ...)]</c>.</summary>
public sealed record RowFormatSerde(string SerdeClass, IReadOnlyList<StringProperty> Properties) : RowFormat;

/// <summary>
/// <c>STORED AS name</c> (<see cref="Name"/> upper-cased: PARQUET, TEXTFILE, ORC, AVRO, JSONFILE, ION, ...) or
/// <c>STORED AS INPUTFORMAT 'in' OUTPUTFORMAT 'out'</c> (Name null).
/// </summary>
public sealed record StorageFormat(string? Name, string? InputFormat, string? OutputFormat) : Node;

/// <summary>A partition spec <c>(k1 = v1, k2 = v2)</c> with an optional <c>LOCATION 'uri'</c> (ADD PARTITION only).</summary>
public sealed record PartitionSpec(IReadOnlyList<PartitionValue> Values, string? Location) : Node;

/// <summary><c>column = literal</c> inside a partition spec.</summary>
public sealed record PartitionValue(Identifier Column, Expression Value) : Node;

/// <summary><c>ALTER TABLE t ADD [IF NOT EXISTS] PARTITION (spec) [LOCATION 'x'] [PARTITION ...]</c>.</summary>
public sealed record AlterTableAddPartition(QualifiedName Table, bool IfNotExists, IReadOnlyList<PartitionSpec> Partitions) : Statement;

/// <summary><c>ALTER TABLE t DROP [IF EXISTS] PARTITION (spec) [, PARTITION (spec)]</c>.</summary>
public sealed record AlterTableDropPartition(QualifiedName Table, bool IfExists, IReadOnlyList<PartitionSpec> Partitions) : Statement;

/// <summary><c>ALTER TABLE t [PARTITION (spec)] SET LOCATION 'uri'</c>.</summary>
public sealed record AlterTableSetLocation(QualifiedName Table, PartitionSpec? Partition, string Location) : Statement;

/// <summary><c>ALTER TABLE t PARTITION (spec) RENAME TO PARTITION (spec)</c> (Hive): gives a partition new key values.</summary>
public sealed record AlterTableRenamePartition(QualifiedName Table, PartitionSpec Partition, PartitionSpec Target) : Statement;

/// <summary><c>ALTER TABLE t SET TBLPROPERTIES ('k'='v', ...)</c>.</summary>
public sealed record AlterTableSetProperties(QualifiedName Table, IReadOnlyList<StringProperty> Properties) : Statement;

/// <summary><c>ALTER TABLE t UNSET TBLPROPERTIES [IF EXISTS] ('k', ...)</c> (Hive).</summary>
public sealed record AlterTableUnsetProperties(QualifiedName Table, bool IfExists, IReadOnlyList<string> Keys) : Statement;

/// <summary><c>ALTER TABLE t ADD COLUMNS (col type [COMMENT 'c'], ...)</c> (also Trino <c>ADD COLUMN col type</c>).</summary>
public sealed record AlterTableAddColumns(QualifiedName Table, IReadOnlyList<ColumnDefinition> Columns) : Statement;

/// <summary><c>ALTER TABLE t REPLACE COLUMNS (col type, ...)</c>.</summary>
public sealed record AlterTableReplaceColumns(QualifiedName Table, IReadOnlyList<ColumnDefinition> Columns) : Statement;

/// <summary><c>ALTER TABLE t RENAME TO u</c>.</summary>
public sealed record RenameTable(QualifiedName Source, QualifiedName Target) : Statement;

/// <summary><c>MSCK REPAIR TABLE t</c>.</summary>
public sealed record MsckRepairTable(QualifiedName Table) : Statement;
