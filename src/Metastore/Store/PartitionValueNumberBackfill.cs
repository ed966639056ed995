using System.Data.Common;
using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Store;

/// <summary>
/// Fills PARTITION_KEY_VALS.PART_KEY_NUM of the rows written before the column existed, reading each value with the
/// same rule as new rows (<see cref="PartitionNumberFilter.TryRead"/>): one pass over the values, one prepared update
/// per value that is a number.
/// </summary>
internal static class PartitionValueNumberBackfill
{
    public static void Run(DbTransaction transaction)
    {
        var numbers = new List<(long PartitionId, int Index, long Number)>();
        using (var select = DbCommands.Create(transaction, "SELECT PART_ID, INTEGER_IDX, PART_KEY_VAL FROM PARTITION_KEY_VALS"))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                if (PartitionNumberFilter.TryRead(reader.GetString(2), out var number)) numbers.Add((reader.GetInt64(0), reader.GetInt32(1), number));
            }
        }
        if (numbers.Count == 0) return;
        using var update = DbCommands.Create(
            transaction,
            "UPDATE PARTITION_KEY_VALS SET PART_KEY_NUM = @num WHERE PART_ID = @part AND INTEGER_IDX = @idx",
            ("@num", null),
            ("@part", null),
            ("@idx", null));
        foreach (var (partitionId, index, number) in numbers)
        {
            update.Parameters[0].Value = number;
            update.Parameters[1].Value = partitionId;
            update.Parameters[2].Value = index;
            update.ExecuteNonQuery();
        }
    }
}
