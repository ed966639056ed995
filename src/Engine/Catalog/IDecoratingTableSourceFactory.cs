namespace QueryEngine.Engine.Catalog;

/// <summary>
/// A table source factory that answers some tables itself (system tables, information_schema, partitioned tables) and
/// hands the others to <see cref="Inner"/>. Sessions and scans reach the <see cref="FileTableSourceFactory"/> beneath
/// any number of such factories through <see cref="TableSourceFactories"/>, so that wrapping a factory never hides
/// the file factory's settings or optimizations.
/// </summary>
public interface IDecoratingTableSourceFactory : ITableSourceFactory
{
    /// <summary>The factory this one hands the other tables to.</summary>
    ITableSourceFactory Inner { get; }

    /// <summary>This factory, handing the other tables to <paramref name="inner"/> instead.</summary>
    ITableSourceFactory WithInner(ITableSourceFactory inner);
}
