using System.Globalization;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Catalog;

/// <summary>Recursive-descent parser for Hive type strings (see <see cref="HiveTypes"/> for the grammar).</summary>
internal struct HiveTypeParser(string text)
{
    private const int MaxDepth = 100;
    private readonly string _text = text;
    private int _pos;

    public DataType ParseWhole()
    {
        SkipSpace();
        if (_pos >= _text.Length) throw Error("the type is empty");
        var type = ParseType(0);
        SkipSpace();
        if (_pos < _text.Length) throw Error($"unexpected '{_text[_pos]}' after the type");
        return type;
    }

    private DataType ParseType(int depth)
    {
        if (depth > MaxDepth) throw Error("types are nested too deeply");
        SkipSpace();
        var start = _pos;
        var word = ReadWord();
        if (word.Length == 0)
        {
            throw _pos < _text.Length ? Error($"expected a type name, found '{_text[_pos]}'") : Error("expected a type name at the end");
        }
        switch (word.ToLowerInvariant())
        {
            case "boolean": return DataType.Boolean;
            case "tinyint": return DataType.Int8;
            case "smallint": return DataType.Int16;
            case "int":
            case "integer": return DataType.Int32;
            case "bigint": return DataType.Int64;
            case "float": return DataType.Float32;
            case "double":
                {
                    // "double precision" is accepted as a synonym, as Hive does.
                    var save = _pos;
                    SkipSpace();
                    if (string.Equals(ReadWord(), "precision", StringComparison.OrdinalIgnoreCase)) return DataType.Float64;
                    _pos = save;
                    return DataType.Float64;
                }
            case "string": return DataType.Utf8;
            case "varchar":
            case "char":
                {
                    var length = ParseLengthArgument(word);
                    var max = word.Length == 4 ? 255 : 65535;
                    if (length < 1 || length > max) throw Error($"{word.ToLowerInvariant()} length must be 1..{max}, got {length}", start);
                    return DataType.Utf8;
                }
            case "binary": return DataType.Binary;
            case "date": return DataType.Date32;
            case "timestamp": return DataType.Timestamp;
            case "json": return JsonType.Instance;
            case "time":
                {
                    // Not a Hive type: the catalog keeps Trino's time(p) so TIME columns survive a round trip.
                    SkipSpace();
                    if (_pos >= _text.Length || _text[_pos] != '(') return TimeType.Millis;
                    Expect('(');
                    var precision = ParseInteger("time precision");
                    Expect(')');
                    if (precision > TimeType.MaxPrecision) throw Error($"time precision must be 0..{TimeType.MaxPrecision}, got {precision}", start);
                    return new TimeType(precision);
                }
            case "void": return DataType.Null;
            case "decimal":
            case "numeric":
                return ParseDecimal(start);
            case "array":
                {
                    Expect('<');
                    var element = ParseType(depth + 1);
                    Expect('>');
                    return new ListType(new Field(HiveTypes.ListElementName, element));
                }
            case "map":
                {
                    Expect('<');
                    var key = ParseType(depth + 1);
                    Expect(',');
                    var value = ParseType(depth + 1);
                    Expect('>');
                    return new MapType(new Field(HiveTypes.MapKeyName, key, Nullable: false), new Field(HiveTypes.MapValueName, value));
                }
            case "struct":
                return ParseStruct(depth);
            default:
                throw Error($"unknown type '{word}'", start);
        }
    }

    private DataType ParseDecimal(int start)
    {
        SkipSpace();
        if (!TryConsume('(')) return DataType.Decimal(10, 0);
        var precision = ParseInteger("decimal precision");
        var scale = 0;
        SkipSpace();
        if (TryConsume(',')) scale = ParseInteger("decimal scale");
        Expect(')');
        if (precision is < 1 or > DecimalType.MaxPrecision) throw Error($"decimal precision must be 1..{DecimalType.MaxPrecision}, got {precision}", start);
        if (scale < 0 || scale > precision) throw Error($"decimal scale must be 0..{precision}, got {scale}", start);
        return DataType.Decimal(precision, scale);
    }

    private int ParseLengthArgument(string typeName)
    {
        Expect('(');
        var length = ParseInteger(typeName.ToLowerInvariant() + " length");
        Expect(')');
        return length;
    }

    private DataType ParseStruct(int depth)
    {
        Expect('<');
        var fields = new List<Field>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        SkipSpace();
        if (TryConsume('>')) throw Error("a struct needs at least one field");
        while (true)
        {
            SkipSpace();
            var nameStart = _pos;
            var name = ReadFieldName();
            if (!names.Add(name)) throw Error($"duplicate struct field '{name}'", nameStart);
            Expect(':');
            var type = ParseType(depth + 1);
            fields.Add(new Field(name, type));
            SkipSpace();
            if (TryConsume(',')) continue;
            Expect('>');
            return new StructType(fields);
        }
    }

    private string ReadFieldName()
    {
        if (_pos < _text.Length && _text[_pos] == '`')
        {
            var sb = new System.Text.StringBuilder();
            _pos++;
            while (true)
            {
                if (_pos >= _text.Length) throw Error("unterminated back-quoted field name");
                var c = _text[_pos++];
                if (c == '`')
                {
                    if (_pos < _text.Length && _text[_pos] == '`')
                    {
                        sb.Append('`');
                        _pos++;
                        continue;
                    }
                    break;
                }
                sb.Append(c);
            }
            if (sb.Length == 0) throw Error("empty struct field name");
            return sb.ToString();
        }
        var start = _pos;
        while (_pos < _text.Length && !IsNameStop(_text[_pos])) _pos++;
        if (_pos == start)
        {
            throw _pos < _text.Length ? Error($"expected a struct field name, found '{_text[_pos]}'") : Error("expected a struct field name at the end");
        }
        return _text[start.._pos];
    }

    private static bool IsNameStop(char c) => c is ':' or ',' or '<' or '>' or '(' or ')' or '`' || char.IsWhiteSpace(c);

    private int ParseInteger(string what)
    {
        SkipSpace();
        var start = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        if (_pos == start) throw Error($"expected the {what} (a number)");
        if (!int.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"{what} {_text[start.._pos]} is too large", start);
        }
        return value;
    }

    private string ReadWord()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
        return _text[start.._pos];
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return;
        }
        throw _pos < _text.Length ? Error($"expected '{c}', found '{_text[_pos]}'") : Error($"expected '{c}' at the end");
    }

    private bool TryConsume(char c)
    {
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private readonly SemanticException Error(string message) => Error(message, _pos);

    private readonly SemanticException Error(string message, int position) =>
        new($"invalid Hive type '{_text}': {message} (at character {position + 1})");
}
