using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>
/// Tokenizer for text without quoting (Hive's LazySimpleSerDe): one record per line, fields split at the delimiter,
/// optionally with an escape byte that makes the next byte literal. Delimiters and newlines are found 32 bytes at a
/// time with a SIMD compare; the bitmask of hits is consumed one hit at a time, so a field costs a few instructions.
/// Once the last projected field is passed, the rest of the line is skipped with a vectorized newline search.
/// </summary>
internal sealed class LineTokenizer : CsvTokenizer
{
    private readonly byte _delimiter;
    private readonly byte _escape;
    private readonly bool _hasEscape;

    public LineTokenizer(FieldLayout layout, byte delimiter, int escape) : base(layout)
    {
        _delimiter = delimiter;
        _hasEscape = escape >= 0;
        // Without an escape the newline stands in for it, so the compare needs no branch.
        _escape = _hasEscape ? (byte)escape : (byte)'\n';
    }

    public override TokenizeStatus Tokenize(ReadOnlySpan<byte> data, ref int position, int maxRows, bool isFinal, int stopAt, FieldIndex fields, out int rows)
    {
        var end = data.Length;
        var pos = position;
        var count = 0;
        var status = TokenizeStatus.RowLimit;
        var layout = Layout;
        var maxField = layout.MaxField;
        var slotOf = layout.SlotOf;
        var starts = fields.Starts;
        var ends = fields.Ends;
        var capacity = fields.Capacity;
        var target = new Target(maxField, slotOf, starts, ends, capacity);
        var scanner = new ByteScanner(data, _delimiter, _escape, pos);
        while (true)
        {
            if (count == maxRows) break;
            if (pos >= stopAt || (pos >= end && isFinal))
            {
                status = TokenizeStatus.Finished;
                break;
            }
            if (pos >= end)
            {
                status = TokenizeStatus.NeedMoreData;
                break;
            }

            var recordEnd = 0;
            if (maxField < 0)
            {
                var nl = data[pos..].IndexOf((byte)'\n');
                if (nl < 0)
                {
                    if (!isFinal)
                    {
                        status = TokenizeStatus.NeedMoreData;
                        break;
                    }
                    recordEnd = end;
                }
                else
                {
                    recordEnd = pos + nl;
                }
                count++;
                pos = recordEnd + 1;
                continue;
            }

            var field = 0;
            var fieldStart = pos;
            var raw = false;
            var incomplete = false;
            while (true)
            {
                var idx = scanner.Next();
                if (idx < 0)
                {
                    if (!isFinal)
                    {
                        incomplete = true;
                        break;
                    }
                    // The last record has no line terminator.
                    Record(data, target, count, field, fieldStart, end, raw, true);
                    field++;
                    recordEnd = end;
                    break;
                }
                var b = data[idx];
                if (b == (byte)'\n')
                {
                    Record(data, target, count, field, fieldStart, idx, raw, true);
                    field++;
                    recordEnd = idx;
                    break;
                }
                if (b != _delimiter)
                {
                    // The escape byte: the next byte is literal, unless it ends the line (Hive's line reader ignores escapes).
                    if (idx + 1 >= end)
                    {
                        if (!isFinal)
                        {
                            incomplete = true;
                            break;
                        }
                        continue;
                    }
                    if (data[idx + 1] == (byte)'\n') continue;
                    raw = true;
                    scanner.Reset(idx + 2);
                    continue;
                }
                Record(data, target, count, field, fieldStart, idx, raw, false);
                field++;
                fieldStart = idx + 1;
                raw = false;
                if (field > maxField)
                {
                    var nl = data[fieldStart..].IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        if (!isFinal)
                        {
                            incomplete = true;
                            break;
                        }
                        recordEnd = end;
                    }
                    else
                    {
                        recordEnd = fieldStart + nl;
                    }
                    scanner.Reset(recordEnd + 1);
                    break;
                }
            }
            if (incomplete)
            {
                status = TokenizeStatus.NeedMoreData;
                break;
            }
            for (; field <= maxField; field++)
            {
                var slot = slotOf[field];
                if (slot >= 0) ends[(slot * capacity) + count] = FieldIndex.Missing;
            }
            count++;
            pos = recordEnd + 1;
        }
        position = Math.Min(pos, end);
        rows = count;
        return status;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Record(ReadOnlySpan<byte> data, in Target target, int row, int field, int start, int stop, bool raw, bool atLineEnd)
    {
        if (field > target.MaxField) return;
        var slot = target.SlotOf[field];
        if (slot < 0) return;
        if (atLineEnd && stop > start && data[stop - 1] == (byte)'\r') stop--;
        var at = (slot * target.Capacity) + row;
        target.Starts[at] = raw ? start | FieldIndex.RawFlag : start;
        target.Ends[at] = stop;
    }

    /// <summary>Where fields go: the layout's slot map and the index arrays.</summary>
    private readonly record struct Target(int MaxField, int[] SlotOf, int[] Starts, int[] Ends, int Capacity);

    /// <summary>Finds delimiter, newline and escape bytes 32 at a time, remembering the hits of the current block.</summary>
    private ref struct ByteScanner
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly byte _a;
        private readonly byte _b;
        private int _block;
        private uint _mask;

        public ByteScanner(ReadOnlySpan<byte> data, byte delimiter, byte escape, int start)
        {
            _data = data;
            _a = delimiter;
            _b = escape;
            _block = start;
            _mask = start < data.Length ? Mask(start) : 0;
        }

        /// <summary>Position of the next delimiter, newline or escape, or -1 when the data has no more.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Next()
        {
            while (_mask == 0)
            {
                _block += 32;
                if (_block >= _data.Length) return -1;
                _mask = Mask(_block);
            }
            var idx = _block + BitOperations.TrailingZeroCount(_mask);
            _mask &= _mask - 1;
            return idx;
        }

        /// <summary>Continues the scan at <paramref name="position"/>.</summary>
        public void Reset(int position)
        {
            _block = position;
            _mask = position < _data.Length ? Mask(position) : 0;
        }

        private readonly uint Mask(int at)
        {
            ref var start = ref MemoryMarshal.GetReference(_data);
            if (at + 32 <= _data.Length)
            {
                if (Vector256.IsHardwareAccelerated)
                {
                    var v = Vector256.LoadUnsafe(ref start, (nuint)at);
                    var hits = Vector256.Equals(v, Vector256.Create(_a)) | Vector256.Equals(v, Vector256.Create((byte)'\n')) | Vector256.Equals(v, Vector256.Create(_b));
                    return hits.ExtractMostSignificantBits();
                }
                if (Vector128.IsHardwareAccelerated)
                {
                    var lo = Vector128.LoadUnsafe(ref start, (nuint)at);
                    var hi = Vector128.LoadUnsafe(ref start, (nuint)(at + 16));
                    var a = Vector128.Create(_a);
                    var n = Vector128.Create((byte)'\n');
                    var e = Vector128.Create(_b);
                    var loHits = Vector128.Equals(lo, a) | Vector128.Equals(lo, n) | Vector128.Equals(lo, e);
                    var hiHits = Vector128.Equals(hi, a) | Vector128.Equals(hi, n) | Vector128.Equals(hi, e);
                    return loHits.ExtractMostSignificantBits() | (hiHits.ExtractMostSignificantBits() << 16);
                }
            }
            uint mask = 0;
            var limit = Math.Min(32, _data.Length - at);
            for (var k = 0; k < limit; k++)
            {
                var c = Unsafe.Add(ref start, at + k);
                if (c == _a || c == (byte)'\n' || c == _b) mask |= 1u << k;
            }
            return mask;
        }
    }
}
