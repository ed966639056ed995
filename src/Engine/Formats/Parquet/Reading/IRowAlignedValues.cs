using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Formats.Parquet.Encodings;

namespace QueryEngine.Engine.Formats.Parquet.Reading;

/// <summary>
/// The values of a flat fixed-width column chunk written by row straight into the arrays of the batches the scan
/// hands out (see <see cref="RowAlignedValues{TIn, TOut, TConvert}"/>): each page's values are copied (and converted)
/// once, from the decompressed page into their batch's array, instead of into a dense buffer first.
/// </summary>
internal interface IRowAlignedValues
{
    /// <summary>Rows written so far.</summary>
    int Rows { get; }

    /// <summary>
    /// Writes the next <paramref name="rows"/> rows from <paramref name="values"/>, <paramref name="present"/> dense
    /// little-endian physical values, spread over the rows by <paramref name="definitions"/> (empty when every row is
    /// present; a row is present where its level equals <paramref name="maxDefinition"/>).
    /// </summary>
    void AppendDense(ReadOnlySpan<byte> values, int present, int rows, ReadOnlySpan<byte> definitions, byte maxDefinition, PageError where);

    /// <summary>
    /// Writes the next <paramref name="rows"/> rows as the values of <paramref name="dictionary"/> (physical values) at
    /// <paramref name="indices"/>, each already checked to be inside it; spread as in <see cref="AppendDense"/>.
    /// </summary>
    void AppendGathered(ReadOnlySpan<int> indices, ValueBuffer dictionary, int rows, ReadOnlySpan<byte> definitions, byte maxDefinition, PageError where);

    /// <summary>
    /// Rows [<paramref name="row"/>, row + count) as an array: the batch's own array when the rows are exactly one
    /// batch, else a copy.
    /// </summary>
    ArrowArray Take(int row, int count, byte[]? validity);
}
