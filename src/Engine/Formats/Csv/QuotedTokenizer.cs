using System.Buffers;

namespace QueryEngine.Engine.Formats.Csv;

/// <summary>
/// Tokenizer for quoted CSV (RFC 4180, OpenCSV): a field starting with the quote runs to the matching quote; doubled
/// quotes and escapes inside are left for the decoder (the field is marked raw). With quoted newlines allowed a record
/// may span lines; otherwise every newline ends the record, as Hive's line reader does, and an unclosed quote just runs
/// to the end of the line.
/// </summary>
internal sealed class QuotedTokenizer : CsvTokenizer
{
    private readonly byte _delimiter;
    private readonly byte _quote;
    private readonly int _escape;
    private readonly bool _quotedNewlines;
    private readonly SearchValues<byte> _unquotedStops;
    private readonly SearchValues<byte> _quotedStops;

    public QuotedTokenizer(FieldLayout layout, byte delimiter, byte quote, int escape, bool quotedNewlines) : base(layout)
    {
        _delimiter = delimiter;
        _quote = quote;
        _escape = escape;
        _quotedNewlines = quotedNewlines;
        var unquoted = new List<byte> { delimiter, (byte)'\n' };
        var quoted = new List<byte> { quote };
        if (escape >= 0)
        {
            unquoted.Add((byte)escape);
            quoted.Add((byte)escape);
        }
        if (!quotedNewlines) quoted.Add((byte)'\n');
        _unquotedStops = SearchValues.Create([.. unquoted]);
        _quotedStops = SearchValues.Create([.. quoted]);
    }

    public override TokenizeStatus Tokenize(ReadOnlySpan<byte> data, ref int position, int maxRows, bool isFinal, int stopAt, FieldIndex fields, out int rows)
    {
        var end = data.Length;
        var pos = position;
        var count = 0;
        var status = TokenizeStatus.RowLimit;
        var maxField = Layout.MaxField;
        var slotOf = Layout.SlotOf;
        var capacity = fields.Capacity;
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

            var field = 0;
            var p = pos;
            var outcome = FieldOutcome.Delimiter;
            while (outcome == FieldOutcome.Delimiter)
            {
                outcome = ScanField(data, p, isFinal, out var start, out var stop, out var raw, out var next);
                if (outcome is FieldOutcome.NeedMore or FieldOutcome.Unterminated)
                {
                    if (outcome == FieldOutcome.Unterminated) pos = p;
                    break;
                }
                if (field <= maxField && slotOf[field] is var slot and >= 0)
                {
                    var at = (slot * capacity) + count;
                    fields.Starts[at] = raw ? start | FieldIndex.RawFlag : start;
                    fields.Ends[at] = stop;
                }
                field++;
                p = next;
            }
            if (outcome == FieldOutcome.NeedMore)
            {
                status = TokenizeStatus.NeedMoreData;
                break;
            }
            if (outcome == FieldOutcome.Unterminated)
            {
                status = TokenizeStatus.UnterminatedQuote;
                break;
            }
            for (; field <= maxField; field++)
            {
                var slot = slotOf[field];
                if (slot >= 0) fields.Ends[(slot * capacity) + count] = FieldIndex.Missing;
            }
            count++;
            pos = p;
        }
        position = Math.Min(pos, end);
        rows = count;
        return status;
    }

    private enum FieldOutcome
    {
        Delimiter,
        RecordEnd,
        NeedMore,
        Unterminated,
    }

    /// <summary>
    /// Scans one field starting at <paramref name="p"/>: its content bounds (raw bounds including quotes when
    /// <paramref name="raw"/>), how it ended and where the next field or record starts.
    /// </summary>
    private FieldOutcome ScanField(ReadOnlySpan<byte> data, int p, bool isFinal, out int start, out int stop, out bool raw, out int next)
    {
        var end = data.Length;
        start = p;
        stop = p;
        raw = false;
        next = end;
        if (p < end && data[p] == _quote)
        {
            var q = p + 1;
            int closing;
            while (true)
            {
                var k = data[q..].IndexOfAny(_quotedStops);
                if (k < 0)
                {
                    if (!isFinal) return FieldOutcome.NeedMore;
                    return FieldOutcome.Unterminated;
                }
                var at = q + k;
                var b = data[at];
                if (b == (byte)'\n')
                {
                    // Newlines end records even inside quotes (QuotedNewlines off): the field runs to the line end.
                    raw = true;
                    stop = at > p && data[at - 1] == (byte)'\r' ? at - 1 : at;
                    next = at + 1;
                    return FieldOutcome.RecordEnd;
                }
                if (b != _quote)
                {
                    // Escape: a following quote or escape is literal.
                    if (at + 1 >= end)
                    {
                        if (!isFinal) return FieldOutcome.NeedMore;
                        return FieldOutcome.Unterminated;
                    }
                    raw = true;
                    var following = data[at + 1];
                    q = following == _quote || following == (byte)_escape ? at + 2 : at + 1;
                    continue;
                }
                if (at + 1 >= end && !isFinal) return FieldOutcome.NeedMore;
                if (at + 1 < end && data[at + 1] == _quote)
                {
                    raw = true;
                    q = at + 2;
                    continue;
                }
                closing = at;
                break;
            }
            var after = closing + 1;
            if (after >= end)
            {
                SetQuoted(p, closing, raw, out start, out stop);
                next = end;
                return FieldOutcome.RecordEnd;
            }
            var c = data[after];
            if (c == _delimiter)
            {
                SetQuoted(p, closing, raw, out start, out stop);
                next = after + 1;
                return FieldOutcome.Delimiter;
            }
            if (c == (byte)'\n')
            {
                SetQuoted(p, closing, raw, out start, out stop);
                next = after + 1;
                return FieldOutcome.RecordEnd;
            }
            if (c == (byte)'\r')
            {
                if (after + 1 >= end && !isFinal) return FieldOutcome.NeedMore;
                if (after + 1 < end && data[after + 1] == (byte)'\n')
                {
                    SetQuoted(p, closing, raw, out start, out stop);
                    next = after + 2;
                    return FieldOutcome.RecordEnd;
                }
            }
            // Text after the closing quote belongs to the field: keep it raw up to the next delimiter or newline.
            raw = true;
            return ScanUnquoted(data, after, p, isFinal, ref raw, out stop, out next);
        }
        return ScanUnquoted(data, p, p, isFinal, ref raw, out stop, out next);
    }

    private static void SetQuoted(int p, int closing, bool raw, out int start, out int stop)
    {
        // A raw field keeps its quotes for the decoder; a clean one is just the text between them.
        start = raw ? p : p + 1;
        stop = raw ? closing + 1 : closing;
    }

    /// <summary>Scans unquoted text from <paramref name="from"/> to the next delimiter or newline; the field began at <paramref name="fieldStart"/>.</summary>
    private FieldOutcome ScanUnquoted(ReadOnlySpan<byte> data, int from, int fieldStart, bool isFinal, ref bool raw, out int stop, out int next)
    {
        var end = data.Length;
        var q = from;
        while (true)
        {
            var k = data[q..].IndexOfAny(_unquotedStops);
            if (k < 0)
            {
                if (!isFinal)
                {
                    stop = next = end;
                    return FieldOutcome.NeedMore;
                }
                stop = end > fieldStart && data[end - 1] == (byte)'\r' ? end - 1 : end;
                next = end;
                return FieldOutcome.RecordEnd;
            }
            var at = q + k;
            var b = data[at];
            if (b == _delimiter)
            {
                stop = at;
                next = at + 1;
                return FieldOutcome.Delimiter;
            }
            if (b == (byte)'\n')
            {
                stop = at > fieldStart && data[at - 1] == (byte)'\r' ? at - 1 : at;
                next = at + 1;
                return FieldOutcome.RecordEnd;
            }
            // Escape (OpenCSV): a following quote or escape is literal; the escape itself is dropped by the decoder.
            raw = true;
            if (at + 1 >= end && !isFinal)
            {
                stop = next = end;
                return FieldOutcome.NeedMore;
            }
            q = at + 1 < end && (data[at + 1] == _quote || data[at + 1] == (byte)_escape) ? at + 2 : at + 1;
        }
    }
}
