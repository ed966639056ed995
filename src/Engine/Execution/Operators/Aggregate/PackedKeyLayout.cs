using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate;

/// <summary>
/// Packs a tuple of small group keys (short strings, booleans, 8/16/32-bit integers and dates) into one 64-bit word,
/// so <see cref="GroupTable"/> can resolve most rows with a <see cref="LongKeyMap"/> probe instead of encoding and
/// hashing a byte string per row. Every column owns a fixed byte range of the word: a header byte (0 for NULL,
/// otherwise 1, or for strings length + 1) followed by the value bytes, so equal words mean equal key tuples. A batch
/// packs only when all its values fit their ranges (strings no longer than their range allows).
/// </summary>
internal sealed class PackedKeyLayout
{
    private enum Kind
    {
        Null,
        Boolean,
        Integer,
        String,
    }

    private readonly record struct Part(Kind Kind, int Shift, int ValueBytes);

    private readonly Part[] _parts;

    private PackedKeyLayout(Part[] parts) => _parts = parts;

    /// <summary>The layout for these key types, or null when they cannot share 64 bits.</summary>
    public static PackedKeyLayout? TryCreate(IReadOnlyList<DataType> types)
    {
        var fixedBytes = 0;
        var strings = 0;
        foreach (var type in types)
        {
            switch (type.Id)
            {
                case TypeId.Null: break;
                case TypeId.Boolean: fixedBytes += 1; break;
                case TypeId.Int8: fixedBytes += 2; break;
                case TypeId.Int16: fixedBytes += 3; break;
                case TypeId.Int32 or TypeId.Date32: fixedBytes += 5; break;
                case TypeId.Utf8 or TypeId.Binary: strings++; break;
                default: return null;
            }
        }
        var stringBytes = strings == 0 ? 0 : (sizeof(long) - fixedBytes) / strings;
        if (fixedBytes > sizeof(long) || (strings > 0 && stringBytes < 2)) return null;
        var parts = new Part[types.Count];
        var shift = 0;
        for (var c = 0; c < parts.Length; c++)
        {
            var (kind, bytes) = types[c].Id switch
            {
                TypeId.Null => (Kind.Null, 0),
                TypeId.Boolean => (Kind.Boolean, 1),
                TypeId.Int8 => (Kind.Integer, 2),
                TypeId.Int16 => (Kind.Integer, 3),
                TypeId.Int32 or TypeId.Date32 => (Kind.Integer, 5),
                _ => (Kind.String, stringBytes),
            };
            parts[c] = new Part(kind, shift, Math.Max(0, bytes - 1));
            shift += bytes * 8;
        }
        return new PackedKeyLayout(parts);
    }

    /// <summary>Packs every row into <paramref name="packed"/>; false (contents undefined) when some value does not fit.</summary>
    public bool TryPack(IReadOnlyList<ArrowArray> columns, int rows, Span<long> packed)
    {
        packed = packed[..rows];
        packed.Clear();
        for (var c = 0; c < _parts.Length; c++)
        {
            var part = _parts[c];
            var fits = part.Kind switch
            {
                Kind.Null => true,
                Kind.Boolean => PackBoolean((BooleanArray)columns[c], part.Shift, packed),
                Kind.String => PackString((BinaryArray)columns[c], part, packed),
                _ => columns[c] switch
                {
                    PrimitiveArray<sbyte> a => PackInteger(a.Values, a.Validity, part.Shift, 0xFF, packed),
                    PrimitiveArray<short> a => PackInteger(a.Values, a.Validity, part.Shift, 0xFFFF, packed),
                    PrimitiveArray<int> a => PackInteger(a.Values, a.Validity, part.Shift, 0xFFFF_FFFF, packed),
                    _ => false,
                },
            };
            if (!fits) return false;
        }
        return true;
    }

    private static bool PackBoolean(BooleanArray column, int shift, Span<long> packed)
    {
        var bits = column.Bits;
        var validity = column.Validity;
        for (var i = 0; i < packed.Length; i++)
        {
            var header = validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0 ? 0L : 1L + ((bits[i >> 3] >> (i & 7)) & 1);
            packed[i] |= header << shift;
        }
        return true;
    }

    private static bool PackInteger<T>(ReadOnlySpan<T> values, byte[]? validity, int shift, ulong mask, Span<long> packed)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        values = values[..packed.Length];
        for (var i = 0; i < packed.Length; i++)
        {
            if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0) continue;
            var bits = 1UL | ((ulong.CreateTruncating(values[i]) & mask) << 8);
            packed[i] |= (long)(bits << shift);
        }
        return true;
    }

    private static bool PackString(BinaryArray column, Part part, Span<long> packed)
    {
        var offsets = column.Offsets;
        var data = column.Data;
        var validity = column.Validity;
        for (var i = 0; i < packed.Length; i++)
        {
            if (validity is not null && (validity[i >> 3] & (1 << (i & 7))) == 0) continue;
            var start = offsets[i];
            var length = offsets[i + 1] - start;
            if (length > part.ValueBytes) return false;
            var bits = (ulong)(length + 1);
            for (var k = 0; k < length; k++) bits |= (ulong)data[start + k] << ((k + 1) * 8);
            packed[i] |= (long)(bits << part.Shift);
        }
        return true;
    }
}
