namespace QueryEngine.Engine.Catalog;

/// <summary>
/// What one <c>CREATE TABLE AS</c> or <c>INSERT INTO</c> makes visible, committed by <see cref="ICatalog.CommitWrite"/>
/// in one transaction: the table (created, or the existing one at the version the writer read), the partitions the
/// write added, and the table's column statistics after the write. <see cref="QueryId"/> names the write: the catalog
/// remembers the last ids committed to a table (<see cref="QueryIdsParameter"/>) so that a retried write is not
/// applied twice.
/// </summary>
public sealed record TableWriteCommit(TableInfo Table, bool CreatesTable, string QueryId)
{
    /// <summary>Table parameter listing the ids (comma-separated, newest last) of the last writes committed to the table.</summary>
    public const string QueryIdsParameter = "qe.write.query_ids";

    /// <summary>How many write ids a table remembers.</summary>
    public const int RememberedQueryIds = 32;

    /// <summary>Partitions the write created (existing ones are left as they are).</summary>
    public IReadOnlyList<PartitionInfo> NewPartitions { get; init; } = [];

    /// <summary>Table-level statistics of the data columns after the write, replacing those stored.</summary>
    public IReadOnlyList<ColumnStatistics> Statistics { get; init; } = [];

    /// <summary>Table parameters the write sets (e.g. Hive's <c>numRows</c>), over those the table has.</summary>
    public IReadOnlyDictionary<string, string> SetParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the table's parameters record <paramref name="queryId"/> as committed.</summary>
    public static bool IsCommitted(TableInfo table, string queryId)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!table.Parameters.TryGetValue(QueryIdsParameter, out var ids)) return false;
        foreach (var id in ids.Split(','))
        {
            if (id == queryId) return true;
        }
        return false;
    }

    /// <summary>The table's parameters with <see cref="SetParameters"/> applied and <see cref="QueryId"/> appended to the remembered ids.</summary>
    public Dictionary<string, string> ParametersWithQueryId(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var result = new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        foreach (var (key, value) in SetParameters) result[key] = value;
        var ids = result.TryGetValue(QueryIdsParameter, out var existing) && existing.Length > 0 ? existing.Split(',').ToList() : [];
        ids.Add(QueryId);
        if (ids.Count > RememberedQueryIds) ids.RemoveRange(0, ids.Count - RememberedQueryIds);
        result[QueryIdsParameter] = string.Join(',', ids);
        return result;
    }
}
