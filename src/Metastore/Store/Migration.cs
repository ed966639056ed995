namespace QueryEngine.Metastore.Store;

/// <summary>
/// One step of the metastore's schema history. <paramref name="Statements"/> renders the step's DDL for a
/// dialect; a step is applied once, inside the transaction that records it in <c>SCHEMA_VERSION</c>.
/// </summary>
/// <param name="Version">Position in the history: 1, 2, 3, ... without gaps.</param>
/// <param name="Description">What the step adds, recorded with it.</param>
internal sealed record Migration(int Version, string Description, Func<SqlDialect, IReadOnlyList<string>> Statements);
