using System.Data.Common;
using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Store;

/// <summary>
/// Inserts partitions row by row with commands prepared once per batch (SERDES, SERDE_PARAMS, SDS, PARTITIONS,
/// PARTITION_KEY_VALS with each value also as a number when it is one, PARTITION_PARAMS), so that adding thousands
/// of partitions in one transaction costs only the inserts themselves.
/// </summary>
internal sealed class PartitionInserter : IPartitionWriter
{
    private readonly DbCommand _serde;
    private readonly DbCommand _serdeParam;
    private readonly DbCommand _storage;
    private readonly DbCommand _partition;
    private readonly DbCommand _keyValue;
    private readonly DbCommand _partitionParam;
    private readonly long _tableId;

    public PartitionInserter(DbTransaction transaction, long tableId)
    {
        _tableId = tableId;
        _serde = DbCommands.Create(transaction, "INSERT INTO SERDES (NAME, SLIB) VALUES (NULL, @slib) RETURNING SERDE_ID");
        DbCommands.Add(_serde, "@slib", null);
        _serdeParam = DbCommands.Create(transaction, "INSERT INTO SERDE_PARAMS (SERDE_ID, PARAM_KEY, PARAM_VALUE) VALUES (@owner, @key, @value)");
        AddOwnerKeyValue(_serdeParam);
        _storage = DbCommands.Create(
            transaction,
            "INSERT INTO SDS (CD_ID, SERDE_ID, INPUT_FORMAT, OUTPUT_FORMAT, LOCATION) VALUES (@cd, @serde, @input, @output, @location) RETURNING SD_ID");
        foreach (var name in (string[])["@cd", "@serde", "@input", "@output", "@location"]) DbCommands.Add(_storage, name, null);
        _partition = DbCommands.Create(
            transaction,
            "INSERT INTO PARTITIONS (TBL_ID, SD_ID, PART_NAME, CREATE_TIME) VALUES (@tbl, @sd, @name, @time) RETURNING PART_ID");
        foreach (var name in (string[])["@tbl", "@sd", "@name", "@time"]) DbCommands.Add(_partition, name, null);
        _keyValue = DbCommands.Create(
            transaction,
            "INSERT INTO PARTITION_KEY_VALS (PART_ID, PART_KEY_VAL, INTEGER_IDX, PART_KEY_NUM) VALUES (@part, @value, @idx, @num)");
        foreach (var name in (string[])["@part", "@value", "@idx", "@num"]) DbCommands.Add(_keyValue, name, null);
        _partitionParam = DbCommands.Create(transaction, "INSERT INTO PARTITION_PARAMS (PART_ID, PARAM_KEY, PARAM_VALUE) VALUES (@owner, @key, @value)");
        AddOwnerKeyValue(_partitionParam);
    }

    /// <summary>Inserts one normalized partition (its storage is set) under <paramref name="name"/>.</summary>
    public void Add(PartitionInfo partition, string name, long? columnsId)
    {
        var storage = partition.Storage!;
        _serde.Parameters[0].Value = storage.SerdeLibrary;
        var serdeId = Scalar(_serde);
        InsertParameters(_serdeParam, serdeId, storage.SerdeParameters);

        _storage.Parameters[0].Value = (object?)columnsId ?? DBNull.Value;
        _storage.Parameters[1].Value = serdeId;
        _storage.Parameters[2].Value = storage.InputFormat;
        _storage.Parameters[3].Value = storage.OutputFormat;
        _storage.Parameters[4].Value = (object?)storage.Location ?? DBNull.Value;
        var storageId = Scalar(_storage);

        _partition.Parameters[0].Value = _tableId;
        _partition.Parameters[1].Value = storageId;
        _partition.Parameters[2].Value = name;
        _partition.Parameters[3].Value = partition.CreateTime.ToUnixTimeSeconds();
        var partitionId = Scalar(_partition);

        for (var i = 0; i < partition.Values.Count; i++)
        {
            _keyValue.Parameters[0].Value = partitionId;
            _keyValue.Parameters[1].Value = partition.Values[i];
            _keyValue.Parameters[2].Value = i;
            _keyValue.Parameters[3].Value = PartitionNumberFilter.TryRead(partition.Values[i], out var number) ? number : DBNull.Value;
            _keyValue.ExecuteNonQuery();
        }
        InsertParameters(_partitionParam, partitionId, partition.Parameters);
    }

    /// <summary>Nothing is buffered: every row is written by <see cref="Add"/>.</summary>
    public void Flush()
    {
    }

    public void Dispose()
    {
        _serde.Dispose();
        _serdeParam.Dispose();
        _storage.Dispose();
        _partition.Dispose();
        _keyValue.Dispose();
        _partitionParam.Dispose();
    }

    private static void AddOwnerKeyValue(DbCommand command)
    {
        DbCommands.Add(command, "@owner", null);
        DbCommands.Add(command, "@key", null);
        DbCommands.Add(command, "@value", null);
    }

    private static void InsertParameters(DbCommand command, long owner, IReadOnlyDictionary<string, string> parameters)
    {
        foreach (var (key, value) in parameters)
        {
            command.Parameters[0].Value = owner;
            command.Parameters[1].Value = key;
            command.Parameters[2].Value = value;
            command.ExecuteNonQuery();
        }
    }

    private static long Scalar(DbCommand command) => Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
}
