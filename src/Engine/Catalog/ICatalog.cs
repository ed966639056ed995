namespace QueryEngine.Engine.Catalog;

/// <summary>
/// The engine's view of the metastore: databases and tables in Hive's model. Implementations live in
/// QueryEngine.Metastore (SQLite, PostgreSQL) and <c>InMemoryCatalog</c>. Names are case-insensitive
/// and stored lower-case. Errors: <see cref="Common.NotFoundException"/> for a missing object,
/// <see cref="Common.SemanticException"/> with <see cref="Common.ErrorCode.AlreadyExists"/> for a duplicate.
/// </summary>
public interface ICatalog
{
    IReadOnlyList<string> ListDatabases();

    DatabaseInfo? GetDatabase(string name);

    void CreateDatabase(DatabaseInfo database, bool ifNotExists);

    /// <summary>Drops a database; without <paramref name="cascade"/> it must be empty.</summary>
    void DropDatabase(string name, bool ifExists, bool cascade);

    /// <summary>
    /// Replaces a database's description, location, parameters and owner with those of <paramref name="updated"/>
    /// (Hive's <c>alter_database</c>; a database is not renamed). A missing database is a <see cref="Common.NotFoundException"/>.
    /// </summary>
    void AlterDatabase(DatabaseInfo updated);

    IReadOnlyList<string> ListTables(string database);

    TableInfo? GetTable(string database, string table);

    void CreateTable(TableInfo table, bool ifNotExists);

    void DropTable(string database, string table, bool ifExists);

    /// <summary>
    /// Replaces a table's definition with <paramref name="updated"/> (columns, storage, parameters, owner, view text);
    /// a different database or name in it renames the table. <paramref name="updated"/> must carry the version read
    /// (<see cref="TableInfo.Version"/>), else <see cref="Common.ConcurrentModificationException"/>. Partition keys
    /// cannot change. Statistics of columns that were removed or changed type are deleted.
    /// </summary>
    void AlterTable(string database, string table, TableInfo updated);

    /// <summary>The partitions of a table ordered by partition name, restricted by <paramref name="filter"/> when given.</summary>
    IReadOnlyList<PartitionInfo> ListPartitions(string database, string table, PartitionFilter? filter = null);

    /// <summary>
    /// Hands the partitions <paramref name="request"/> selects to <paramref name="reader"/>: their count, then pages
    /// in name order, read in one transaction, so that a large listing is neither held in memory at once nor
    /// changed half-way by a concurrent writer.
    /// </summary>
    void ReadPartitionPages(string database, string table, PartitionPageRequest request, IPartitionPageReader reader);

    /// <summary>The names (<c>k1=v1/k2=v2</c>) of a table's partitions, in order.</summary>
    IReadOnlyList<string> ListPartitionNames(string database, string table);

    /// <summary>How many partitions a table has, without listing them.</summary>
    int CountPartitions(string database, string table);

    PartitionInfo? GetPartition(string database, string table, IReadOnlyList<string> values);

    /// <summary>
    /// Gives the partition with <paramref name="values"/> the key values <paramref name="newValues"/> (Hive's
    /// <c>rename_partition</c>), keeping its storage (the catalog moves no files), parameters and statistics. A missing
    /// partition is a <see cref="Common.NotFoundException"/>; an existing target is an <see cref="Common.ErrorCode.AlreadyExists"/> error.
    /// </summary>
    void RenamePartition(string database, string table, IReadOnlyList<string> values, IReadOnlyList<string> newValues);

    /// <summary>
    /// Adds partitions in one transaction: all or none. An existing partition (or one given twice) is an error unless
    /// <paramref name="ifNotExists"/>, when it is skipped. Returns how many were added.
    /// </summary>
    int AddPartitions(string database, string table, IReadOnlyList<PartitionInfo> partitions, bool ifNotExists);

    /// <summary>Drops partitions in one transaction; a missing one is an error unless <paramref name="ifExists"/>. Returns how many were dropped.</summary>
    int DropPartitions(string database, string table, IReadOnlyList<IReadOnlyList<string>> values, bool ifExists);

    /// <summary>
    /// Replaces a partition's storage, columns (null: its table's) and parameters; it must carry the version read
    /// (<see cref="PartitionInfo.Version"/>).
    /// </summary>
    void AlterPartition(PartitionInfo updated);

    /// <summary>
    /// Stores column statistics of a table (<paramref name="partitionValues"/> null) or of one partition, replacing
    /// earlier statistics of the same columns.
    /// </summary>
    void UpdateColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, IReadOnlyList<ColumnStatistics> statistics);

    /// <summary>Statistics of the given columns (all when null) that have any, in column order.</summary>
    IReadOnlyList<ColumnStatistics> GetColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, IReadOnlyList<string>? columns = null);

    /// <summary>Deletes the statistics of one column, or of every column when <paramref name="column"/> is null; returns how many were deleted.</summary>
    int DeleteColumnStatistics(string database, string table, IReadOnlyList<string>? partitionValues, string? column = null);

    /// <summary>
    /// Commits a table write in one transaction: creates the table (when <see cref="TableWriteCommit.CreatesTable"/>;
    /// an existing one is an error) or checks that the existing table still has the version the writer read (else
    /// <see cref="Common.ConcurrentModificationException"/>), records the write's query id, adds the new partitions
    /// (skipping existing ones) and replaces the table's column statistics. Returns false, changing nothing, when the
    /// table already records the query id (a retried write).
    /// </summary>
    bool CommitWrite(TableWriteCommit commit);
}
