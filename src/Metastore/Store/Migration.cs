using System.Data.Common;

namespace QueryEngine.Metastore.Store;

/// <summary>
/// One step of the metastore's schema history. <paramref name="Statements"/> renders the step's DDL for a
/// dialect; <see cref="Backfill"/>, when set, then fills new columns of existing rows with what SQL alone cannot
/// compute the same way in every dialect. A step is applied once, inside the transaction that records it in
/// <c>SCHEMA_VERSION</c>.
/// </summary>
/// <param name="Version">Position in the history: 1, 2, 3, ... without gaps.</param>
/// <param name="Description">What the step adds, recorded with it.</param>
internal sealed record Migration(int Version, string Description, Func<SqlDialect, IReadOnlyList<string>> Statements)
{
    public Action<DbTransaction>? Backfill { get; init; }
}
