using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Storage;

namespace QueryEngine.Engine.Tests.SqlLogic;

/// <summary>What a .slt session reads table files with.</summary>
public static class SltEnvironment
{
    /// <summary>The table source factory of every .slt session.</summary>
    public static ITableSourceFactory CreateTableSources() => new FileTableSourceFactory(new LocalObjectStore());
}
