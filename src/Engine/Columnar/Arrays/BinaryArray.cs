using System.Text;

namespace QueryEngine.Engine.Columnar;

/// <summary>
/// Variable-width values (Utf8 or Binary): int32 offsets (Length + 1 entries) into one byte buffer.
/// </summary>
public sealed class BinaryArray : ArrowArray
{
    public BinaryArray(DataType type, int[] offsets, byte[] data, int length, byte[]? validity = null, int nullCount = -1)
        : base(type, length, validity, nullCount)
    {
        if (type.Id is not (TypeId.Utf8 or TypeId.Binary)) throw new ArgumentException("BinaryArray holds utf8 or binary", nameof(type));
        if (offsets.Length < length + 1) throw new ArgumentException("offsets shorter than length + 1", nameof(offsets));
        Offsets = offsets;
        Data = data;
    }

    public int[] Offsets { get; }

    public byte[] Data { get; }

    public bool IsUtf8 => Type.Id == TypeId.Utf8;

    public ReadOnlySpan<byte> GetBytes(int index) => Data.AsSpan(Offsets[index], Offsets[index + 1] - Offsets[index]);

    public string GetString(int index) => Encoding.UTF8.GetString(GetBytes(index));

    public override object? GetValue(int index)
    {
        if (IsNull(index)) return null;
        return IsUtf8 ? GetString(index) : GetBytes(index).ToArray();
    }

    public override ArrowArray Take(ReadOnlySpan<int> indices)
    {
        var offsets = new int[indices.Length + 1];
        var total = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            if (j >= 0) total += Offsets[j + 1] - Offsets[j];
        }
        var data = new byte[total];
        var pos = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var j = indices[i];
            if (j >= 0)
            {
                var start = Offsets[j];
                var len = Offsets[j + 1] - start;
                System.Buffer.BlockCopy(Data, start, data, pos, len);
                pos += len;
            }
            offsets[i + 1] = pos;
        }
        var validity = TakeValidity(indices);
        if (validity is null && indices.Contains(-1)) validity = PrimitiveArray<byte>.NullsForMissing(indices);
        return new BinaryArray(Type, offsets, data, indices.Length, validity);
    }
}
