using System.Globalization;
using Npgsql;
using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Store.Postgres;

/// <summary>
/// Writes new partitions to PostgreSQL in few round trips: ids for SERDES, SDS and PARTITIONS are taken from their
/// identity sequences in one query per chunk, and the chunk's inserts go to the server as one <see cref="NpgsqlBatch"/>.
/// </summary>
internal sealed class PostgresPartitionWriter(NpgsqlTransaction transaction, long tableId) : IPartitionWriter
{
    private const int ChunkSize = 1000;
    private readonly List<(PartitionInfo Partition, string Name, long? ColumnsId)> _pending = [];

    public void Add(PartitionInfo partition, string name, long? columnsId)
    {
        _pending.Add((partition, name, columnsId));
        if (_pending.Count >= ChunkSize) Flush();
    }

    public void Flush()
    {
        if (_pending.Count == 0) return;
        var serdeIds = AllocateIds("serdes", "serde_id");
        var storageIds = AllocateIds("sds", "sd_id");
        var partitionIds = AllocateIds("partitions", "part_id");
        using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        for (var i = 0; i < _pending.Count; i++)
        {
            var (partition, name, columnsId) = _pending[i];
            var storage = partition.Storage!;
            Add(batch, "INSERT INTO SERDES (SERDE_ID, NAME, SLIB) VALUES ($1, NULL, $2)", serdeIds[i], storage.SerdeLibrary);
            foreach (var (key, value) in storage.SerdeParameters)
            {
                Add(batch, "INSERT INTO SERDE_PARAMS (SERDE_ID, PARAM_KEY, PARAM_VALUE) VALUES ($1, $2, $3)", serdeIds[i], key, value);
            }
            Add(
                batch,
                "INSERT INTO SDS (SD_ID, CD_ID, SERDE_ID, INPUT_FORMAT, OUTPUT_FORMAT, LOCATION) VALUES ($1, $2, $3, $4, $5, $6)",
                storageIds[i], columnsId, serdeIds[i], storage.InputFormat, storage.OutputFormat, storage.Location);
            Add(
                batch,
                "INSERT INTO PARTITIONS (PART_ID, TBL_ID, SD_ID, PART_NAME, CREATE_TIME) VALUES ($1, $2, $3, $4, $5)",
                partitionIds[i], tableId, storageIds[i], name, partition.CreateTime.ToUnixTimeSeconds());
            for (var k = 0; k < partition.Values.Count; k++)
            {
                long? number = PartitionNumberFilter.TryRead(partition.Values[k], out var n) ? n : null;
                Add(
                    batch,
                    "INSERT INTO PARTITION_KEY_VALS (PART_ID, PART_KEY_VAL, INTEGER_IDX, PART_KEY_NUM) VALUES ($1, $2, $3, $4)",
                    partitionIds[i], partition.Values[k], k, number);
            }
            foreach (var (key, value) in partition.Parameters)
            {
                Add(batch, "INSERT INTO PARTITION_PARAMS (PART_ID, PARAM_KEY, PARAM_VALUE) VALUES ($1, $2, $3)", partitionIds[i], key, value);
            }
        }
        batch.ExecuteNonQuery();
        _pending.Clear();
    }

    public void Dispose()
    {
    }

    /// <summary>One id per pending partition from the identity sequence of <paramref name="table"/>.<paramref name="column"/>.</summary>
    private long[] AllocateIds(string table, string column)
    {
        using var command = new NpgsqlCommand(
            string.Create(CultureInfo.InvariantCulture, $"SELECT nextval(pg_get_serial_sequence('{table}', '{column}')) FROM generate_series(1, {_pending.Count})"),
            transaction.Connection,
            transaction);
        var ids = new long[_pending.Count];
        using var reader = command.ExecuteReader();
        for (var i = 0; i < ids.Length && reader.Read(); i++) ids[i] = reader.GetInt64(0);
        return ids;
    }

    private static void Add(NpgsqlBatch batch, string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        batch.BatchCommands.Add(command);
    }
}
