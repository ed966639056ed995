using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QueryEngine.Engine.Formats.Parquet.Encodings;

/// <summary>
/// The non-null values of a column chunk, dense, as they come out of the pages: fixed-width values as raw
/// little-endian bytes of <see cref="Width"/> each (booleans as one byte 0/1), byte arrays as offsets into
/// <see cref="Data"/>. A pooled buffer rents its arrays from <see cref="ArrayPool{T}.Shared"/> and gives them back
/// on <see cref="Release"/>, after which it must not be used.
/// </summary>
internal sealed class ValueBuffer
{
    private readonly bool _pooled;
    private byte[] _data;
    private int[] _offsets;

    /// <param name="width">Bytes per value, or 0 for variable-length byte arrays.</param>
    /// <param name="capacity">Values to make room for (more are accepted; the buffer grows).</param>
    /// <param name="byteCapacity">For variable-length values, the data bytes to make room for (else 8 per value).</param>
    /// <param name="pooled">Whether the arrays come from (and go back to) the shared array pools.</param>
    public ValueBuffer(int width, int capacity, long byteCapacity = -1, bool pooled = false)
    {
        Width = width;
        _pooled = pooled;
        var bytes = width == 0 ? (byteCapacity >= 0 ? byteCapacity : capacity * 8L) : (long)capacity * width;
        _data = NewBytes((int)Math.Min(Array.MaxLength, Math.Max(16, bytes)));
        _offsets = width == 0 ? NewInts(Math.Max(16, capacity + 1)) : [];
        if (width == 0) _offsets[0] = 0;
    }

    public int Width { get; }

    public int Count { get; private set; }

    public int ByteLength { get; private set; }

    public byte[] Data => _data;

    /// <summary>Count + 1 offsets (variable width only).</summary>
    public int[] Offsets => _offsets;

    public ReadOnlySpan<byte> Bytes => _data.AsSpan(0, ByteLength);

    /// <summary>Appends <paramref name="count"/> fixed-width values and returns their space to fill.</summary>
    public Span<byte> AppendFixed(int count)
    {
        var bytes = checked(count * Width);
        EnsureData(bytes);
        var span = _data.AsSpan(ByteLength, bytes);
        ByteLength += bytes;
        Count += count;
        return span;
    }

    /// <summary>Makes room for <paramref name="values"/> more variable-length values of <paramref name="bytes"/> bytes in all.</summary>
    public void Reserve(int values, long bytes)
    {
        if (bytes > Array.MaxLength) throw new Common.ResourceExhaustedException("a Parquet column chunk decodes to more than 2 GiB");
        EnsureData((int)bytes);
        EnsureOffsets(values);
    }

    public void AppendBytes(ReadOnlySpan<byte> value)
    {
        EnsureData(value.Length);
        EnsureOffsets(1);
        value.CopyTo(_data.AsSpan(ByteLength));
        ByteLength += value.Length;
        Count++;
        _offsets[Count] = ByteLength;
    }

    /// <summary>Appends one variable-length value into room made by <see cref="Reserve"/> (bounds still checked).</summary>
    public void AppendReserved(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_data.AsSpan(ByteLength));
        ByteLength += value.Length;
        Count++;
        _offsets[Count] = ByteLength;
    }

    /// <summary>
    /// Appends the variable-length values of <paramref name="dictionary"/> at <paramref name="indices"/> (each already
    /// checked to be inside the dictionary): the total size is summed first, so the buffer grows at most once.
    /// </summary>
    public void AppendGathered(ReadOnlySpan<int> indices, ValueBuffer dictionary)
    {
        var sourceOffsets = dictionary._offsets;
        long total = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            total += sourceOffsets[j + 1] - sourceOffsets[j];
        }
        Reserve(indices.Length, total);
        ref var source = ref MemoryMarshal.GetArrayDataReference(dictionary._data);
        ref var target = ref MemoryMarshal.GetArrayDataReference(_data);
        var offsets = _offsets.AsSpan(Count + 1, indices.Length);
        var position = ByteLength;
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            var start = sourceOffsets[j];
            var length = sourceOffsets[j + 1] - start;
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref target, position), ref Unsafe.Add(ref source, start), (uint)length);
            position += length;
            offsets[i] = position;
        }
        ByteLength = position;
        Count += indices.Length;
    }

    /// <summary>The i-th variable-length value.</summary>
    public ReadOnlySpan<byte> Get(int index) => _data.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>The i-th fixed-width value.</summary>
    public ReadOnlySpan<byte> GetFixed(int index) => _data.AsSpan(index * Width, Width);

    /// <summary>Gives pooled arrays back (no-op for an unpooled buffer); the buffer is empty and unusable afterwards.</summary>
    public void Release()
    {
        if (!_pooled) return;
        var data = _data;
        var offsets = _offsets;
        _data = [];
        _offsets = [];
        Count = 0;
        ByteLength = 0;
        if (data.Length > 0) ArrayPool<byte>.Shared.Return(data);
        if (offsets.Length > 0) ArrayPool<int>.Shared.Return(offsets);
    }

    private void EnsureData(int extra)
    {
        if ((long)ByteLength + extra > Array.MaxLength) throw new Common.ResourceExhaustedException("a Parquet column chunk decodes to more than 2 GiB");
        if (ByteLength + extra <= _data.Length) return;
        var size = (int)Math.Min(Array.MaxLength, Math.Max((long)_data.Length * 2, (long)ByteLength + extra));
        var bigger = NewBytes(size);
        _data.AsSpan(0, ByteLength).CopyTo(bigger);
        if (_pooled) ArrayPool<byte>.Shared.Return(_data);
        _data = bigger;
    }

    private void EnsureOffsets(int extra)
    {
        if ((long)Count + extra + 1 <= _offsets.Length) return;
        var size = (int)Math.Min(Array.MaxLength, Math.Max((long)_offsets.Length * 2, (long)Count + extra + 1));
        var bigger = NewInts(size);
        _offsets.AsSpan(0, Count + 1).CopyTo(bigger);
        if (_pooled) ArrayPool<int>.Shared.Return(_offsets);
        _offsets = bigger;
    }

    private byte[] NewBytes(int size) => _pooled ? ArrayPool<byte>.Shared.Rent(size) : new byte[size];

    private int[] NewInts(int size) => _pooled ? ArrayPool<int>.Shared.Rent(size) : new int[size];
}
