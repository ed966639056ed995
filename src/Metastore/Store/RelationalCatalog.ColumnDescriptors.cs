using System.Data.Common;
using System.Text;
using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Store;

/// <summary>
/// Column descriptors (CDS + COLUMNS_V2) shared by a table and its partitions, as in Hive: a partition points at its
/// table's descriptor unless it has columns of its own, and a table whose columns change while partitions point at its
/// descriptor gets a new one, so the partitions keep the columns they had (ALTER TABLE without CASCADE).
/// </summary>
public abstract partial class RelationalCatalog
{
    private static long InsertColumnDescriptor(DbTransaction transaction, IReadOnlyList<ColumnInfo> columns)
    {
        var columnsId = DbCommands.ScalarInt64(transaction, "INSERT INTO CDS DEFAULT VALUES RETURNING CD_ID")!.Value;
        using var command = DbCommands.Create(
            transaction,
            "INSERT INTO COLUMNS_V2 (CD_ID, COMMENT, COLUMN_NAME, TYPE_NAME, INTEGER_IDX) VALUES (@cd, @comment, @name, @type, @idx)",
            ("@cd", columnsId));
        InsertColumns(command, columns);
        return columnsId;
    }

    /// <summary>
    /// The descriptor a new partition points at: its table's, or one for its own columns (created once per distinct
    /// column list in <paramref name="own"/>, within one write).
    /// </summary>
    private static long? PartitionColumnsId(DbTransaction transaction, PartitionInfo partition, long? tableColumnsId, Dictionary<string, long> own)
    {
        if (partition.Columns is not { } columns) return tableColumnsId;
        var key = new StringBuilder();
        foreach (var column in columns) key.Append(column.Name).Append('\t').Append(column.HiveType).Append('\t').Append(column.Comment).Append('\n');
        var text = key.ToString();
        if (!own.TryGetValue(text, out var id)) own[text] = id = InsertColumnDescriptor(transaction, columns);
        return id;
    }

    /// <summary>The columns of the descriptors in <paramref name="columnsIds"/>, by descriptor.</summary>
    private static Dictionary<long, IReadOnlyList<ColumnInfo>> ReadColumnDescriptors(DbTransaction transaction, IEnumerable<long> columnsIds)
    {
        var result = new Dictionary<long, IReadOnlyList<ColumnInfo>>();
        foreach (var id in columnsIds)
        {
            if (!result.ContainsKey(id)) result[id] = ReadColumns(transaction, "SELECT COLUMN_NAME, TYPE_NAME, COMMENT FROM COLUMNS_V2 WHERE CD_ID = @owner ORDER BY INTEGER_IDX", id);
        }
        return result;
    }

    /// <summary>Deletes the descriptors among <paramref name="columnsIds"/> that no storage descriptor points at any more.</summary>
    private static void DeleteUnusedColumnDescriptors(DbTransaction transaction, IEnumerable<long> columnsIds)
    {
        using var command = DbCommands.Create(
            transaction,
            "DELETE FROM CDS WHERE CD_ID = @cd AND NOT EXISTS (SELECT 1 FROM SDS WHERE SDS.CD_ID = @cd)",
            ("@cd", null));
        foreach (var id in columnsIds.Distinct())
        {
            command.Parameters[0].Value = id;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Whether storage descriptors other than the table's point at the table's column descriptor.</summary>
    private static bool SharedWithPartitions(DbTransaction transaction, long columnsId, long? tableStorageId) =>
        DbCommands.ScalarInt64(
            transaction,
            "SELECT COUNT(*) FROM SDS WHERE CD_ID = @cd AND SD_ID <> @sd",
            ("@cd", columnsId),
            ("@sd", tableStorageId ?? -1)) > 0;
}
