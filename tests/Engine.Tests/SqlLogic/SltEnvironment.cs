using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Tests.SqlLogic;

/// <summary>What a .slt session reads table files with.</summary>
public static class SltEnvironment
{
    /// <summary>
    /// The table source factory of every .slt session. Once the CSV reader is merged this line becomes
    /// <c>new FileTableSourceFactory(new LocalObjectStore())</c>.
    /// </summary>
    public static ITableSourceFactory CreateTableSources() => new UnavailableTableSources();

    private sealed class UnavailableTableSources : ITableSourceFactory
    {
        public ITableSource Create(TableInfo table) =>
            throw new NotSupportedQueryException($"reading the files of table '{table.Database}.{table.Name}' (no file reader in this build)");
    }
}
