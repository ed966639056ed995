using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>Computes one text or binary value for a row (arguments are valid); false means the result is NULL and nothing was written.</summary>
internal interface IRowBytes
{
    bool Write(int row, Utf8ColumnWriter output);
}

/// <summary>Computes one fixed-width value for a row (arguments are valid); false means the result is NULL.</summary>
internal interface IRowValue<T>
{
    bool Compute(int row, out T value);
}

/// <summary>
/// Loops of strict functions (NULL in, NULL out) written as a per-row struct operation. The operation is a generic
/// struct argument, so each call is direct and inlinable: no delegate or virtual call per row.
/// </summary>
internal static class RowKernels
{
    public static ArrowArray Bytes<TOp>(Vec[] args, int rows, DataType type, TOp op)
        where TOp : struct, IRowBytes
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var writer = new Utf8ColumnWriter(rows, rows * 16);
        for (var i = 0; i < rows; i++)
        {
            if (!FunctionArgs.IsValid(validity, i)) writer.EndRow();
            else if (op.Write(i, writer)) writer.EndRow();
            else writer.NullRow();
        }
        return writer.Build(validity, type);
    }

    public static ArrowArray Values<T, TOp>(Vec[] args, int rows, DataType type, TOp op)
        where T : unmanaged
        where TOp : struct, IRowValue<T>
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var result = new T[rows];
        byte[]? nulls = null;
        for (var i = 0; i < rows; i++)
        {
            if (!FunctionArgs.IsValid(validity, i) || op.Compute(i, out result[i])) continue;
            nulls ??= Bitmap.AllSet(rows);
            Bitmap.Clear(nulls, i);
        }
        return new PrimitiveArray<T>(type, result, rows, Bits.And(validity, nulls, rows));
    }

    public static ArrowArray Booleans<TOp>(Vec[] args, int rows, TOp op)
        where TOp : struct, IRowValue<bool>
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var bits = new byte[Bitmap.BytesFor(rows)];
        byte[]? nulls = null;
        for (var i = 0; i < rows; i++)
        {
            if (!FunctionArgs.IsValid(validity, i)) continue;
            if (op.Compute(i, out var value))
            {
                if (value) Bitmap.Set(bits, i);
                continue;
            }
            nulls ??= Bitmap.AllSet(rows);
            Bitmap.Clear(nulls, i);
        }
        return new BooleanArray(bits, rows, Bits.And(validity, nulls, rows));
    }

}

/// <summary>Builds an array(varchar) column: elements are appended to the current row, rows end with <see cref="EndRow"/>.</summary>
internal sealed class TextListBuilder
{
    private readonly int[] _rowOffsets;
    private readonly int _rows;
    private int[] _elementOffsets = new int[64];
    private byte[] _elementValidity = new byte[8];
    private byte[] _data = new byte[256];
    private int _elements;
    private int _length;
    private int _row;
    private bool _hasNullElement;

    public TextListBuilder(int rows)
    {
        _rows = rows;
        _rowOffsets = new int[rows + 1];
    }

    public void Add(ReadOnlySpan<byte> value)
    {
        Grow(value.Length);
        value.CopyTo(_data.AsSpan(_length));
        _length += value.Length;
        Bitmap.Set(_elementValidity, _elements);
        _elementOffsets[++_elements] = _length;
    }

    public void AddNull()
    {
        Grow(0);
        _hasNullElement = true;
        _elementOffsets[++_elements] = _length;
    }

    public void EndRow() => _rowOffsets[++_row] = _elements;

    private void Grow(int bytes)
    {
        if (_elements + 2 > _elementOffsets.Length) Array.Resize(ref _elementOffsets, _elementOffsets.Length * 2);
        if (Bitmap.BytesFor(_elements + 1) > _elementValidity.Length) Array.Resize(ref _elementValidity, _elementValidity.Length * 2);
        if (_length + bytes > _data.Length)
        {
            if ((long)_length + bytes > int.MaxValue) throw new Common.ResourceExhaustedException("a string column exceeds 2 GB");
            Array.Resize(ref _data, Math.Max(_data.Length * 2, _length + bytes));
        }
    }

    public ListArray Build(byte[]? validity)
    {
        var offsets = _elementOffsets.AsSpan(0, _elements + 1).ToArray();
        var elementValidity = _hasNullElement ? _elementValidity.AsSpan(0, Bitmap.BytesFor(_elements)).ToArray() : null;
        var values = new BinaryArray(DataType.Utf8, offsets, _data, _elements, elementValidity);
        return new ListArray(new ListType(new Field("element", DataType.Utf8)), _rowOffsets, values, _rows, validity);
    }
}
