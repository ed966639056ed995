using QueryEngine.Engine.Formats.Parquet.Encodings;

namespace QueryEngine.Engine.Formats.Parquet.Writing;

/// <summary>
/// A row group's data of one leaf column, shredded: the dense non-null values, one definition level per level entry
/// (null when the column and all its ancestors are required: every entry has a value), one repetition level per
/// entry (null when nothing above the leaf repeats), and, when repeated, where each row's entries start
/// (<see cref="Rows"/> + 1 offsets, a row starting at repetition level 0).
/// </summary>
internal sealed class ShreddedColumn(ValueBuffer values, int rows, int levels, int[]? definitions, int[]? repetitions, int[]? rowStarts)
{
    public ValueBuffer Values { get; } = values;

    public int Rows { get; } = rows;

    /// <summary>Level entries (values and nulls, empty lists and maps included): a data page's num_values.</summary>
    public int Levels { get; } = levels;

    public int[]? Definitions { get; } = definitions;

    public int[]? Repetitions { get; } = repetitions;

    /// <summary>The first level entry of <paramref name="row"/> (<see cref="Rows"/> gives <see cref="Levels"/>).</summary>
    public int LevelStart(int row) => rowStarts is null ? row : rowStarts[row];
}
