using System.Globalization;
using System.Text;
using QueryEngine.Engine.Catalog;

namespace QueryEngine.Metastore.Hms;

/// <summary>
/// Hive's partition filter grammar (<c>get_partitions_by_filter</c>): comparisons <c>key op literal</c> (or
/// <c>literal op key</c>) with <c>= &lt;&gt; != &lt; &gt; &lt;= &gt;=</c>, string literals in single or double quotes,
/// integer literals, combined with AND, OR and parentheses. Evaluated over the listed partitions: an integer
/// literal compares numerically (a value that is not a number does not match), a string literal as an ordinal
/// string. A malformed filter or an unknown key is a MetaException, as in Hive.
/// </summary>
internal sealed class HmsPartitionFilter
{
    private readonly TableInfo _table;
    private readonly List<string> _tokens;
    private int _position;

    private HmsPartitionFilter(TableInfo table, List<string> tokens)
    {
        _table = table;
        _tokens = tokens;
    }

    /// <summary>A predicate over a partition's values (in key order).</summary>
    public static Func<IReadOnlyList<string>, bool> Parse(TableInfo table, string filter)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(filter);
        var parser = new HmsPartitionFilter(table, Tokenize(filter));
        if (parser._tokens.Count == 0) return _ => true;
        var predicate = parser.ParseOr();
        if (parser._position != parser._tokens.Count) throw Error($"unexpected '{parser._tokens[parser._position]}'");
        return predicate;
    }

    /// <summary>
    /// The part of a filter the catalog's partition indexes can answer, for filters whose comparisons are joined by
    /// AND only (a filter with OR is not narrowed): <c>key = 'string'</c>, and <c>key op integer</c> with
    /// <c>= &lt; &gt; &lt;= &gt;=</c>, which the catalog compares as numbers exactly as <see cref="Parse"/> does.
    /// The caller still applies the whole filter to what is listed.
    /// </summary>
    public static PartitionFilter IndexFilter(TableInfo table, string filter)
    {
        ArgumentNullException.ThrowIfNull(table);
        var tokens = Tokenize(filter ?? string.Empty);
        if (tokens.Exists(t => string.Equals(t, "OR", StringComparison.OrdinalIgnoreCase))) return PartitionFilter.None;
        var keys = new List<PartitionKeyFilter>();
        var numbers = new List<PartitionNumberFilter>();
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            var op = tokens[i + 1];
            if (op is not ("=" or "<" or ">" or "<=" or ">=")) continue;
            var (name, literal) = IsLiteral(tokens[i]) ? (tokens[i + 2], tokens[i]) : (tokens[i], tokens[i + 2]);
            if (!IsLiteral(literal) || IsLiteral(name) || name is "(" or ")") continue;
            if (IsLiteral(tokens[i])) op = op switch { "<" => ">", ">" => "<", "<=" => ">=", ">=" => "<=", _ => op };
            var key = table.PartitionKeys.FirstOrDefault(k => string.Equals(k.Name, name.Trim('`'), StringComparison.OrdinalIgnoreCase));
            if (key is null) continue;
            if (literal[0] is '\'' or '"')
            {
                if (op == "=") keys.Add(new PartitionKeyFilter(key.Name, [literal[1..^1]]));
            }
            else if (long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                numbers.Add(op switch
                {
                    "=" => new PartitionNumberFilter(key.Name, number, number),
                    ">=" => new PartitionNumberFilter(key.Name, number, null),
                    "<=" => new PartitionNumberFilter(key.Name, null, number),
                    ">" => number == long.MaxValue ? new PartitionNumberFilter(key.Name, long.MaxValue, long.MinValue) : new PartitionNumberFilter(key.Name, number + 1, null),
                    _ => number == long.MinValue ? new PartitionNumberFilter(key.Name, long.MaxValue, long.MinValue) : new PartitionNumberFilter(key.Name, null, number - 1),
                });
            }
        }
        return new PartitionFilter(keys) { Numbers = numbers };
    }

    private Func<IReadOnlyList<string>, bool> ParseOr()
    {
        var left = ParseAnd();
        while (Accept("OR"))
        {
            var l = left;
            var right = ParseAnd();
            left = v => l(v) || right(v);
        }
        return left;
    }

    private Func<IReadOnlyList<string>, bool> ParseAnd()
    {
        var left = ParsePrimary();
        while (Accept("AND"))
        {
            var l = left;
            var right = ParsePrimary();
            left = v => l(v) && right(v);
        }
        return left;
    }

    private Func<IReadOnlyList<string>, bool> ParsePrimary()
    {
        if (Accept("("))
        {
            var inner = ParseOr();
            if (!Accept(")")) throw Error("missing ')'");
            return inner;
        }
        var first = Next();
        var op = Next();
        var second = Next();
        if (op is not ("=" or "<>" or "!=" or "<" or ">" or "<=" or ">=")) throw Error($"expected a comparison, found '{op}'");
        if (IsLiteral(first) && !IsLiteral(second))
        {
            (first, second) = (second, first);
            op = op switch { "<" => ">", ">" => "<", "<=" => ">=", ">=" => "<=", _ => op };
        }
        if (IsLiteral(first) || !IsLiteral(second)) throw Error($"expected a partition key compared with a literal near '{first}'");
        var index = KeyIndex(first);
        Func<string, int?> compare;
        if (second[0] is '\'' or '"')
        {
            var literal = second[1..^1];
            compare = value => string.CompareOrdinal(value, literal);
        }
        else
        {
            if (!long.TryParse(second, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                throw Error($"integer literal {second} is out of range");
            }
            compare = value => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n.CompareTo(number) : null;
        }
        return values => compare(values[index]) is { } c && op switch
        {
            "=" => c == 0,
            "<>" or "!=" => c != 0,
            "<" => c < 0,
            ">" => c > 0,
            "<=" => c <= 0,
            _ => c >= 0,
        };
    }

    private int KeyIndex(string name)
    {
        var key = name.Trim('`');
        for (var i = 0; i < _table.PartitionKeys.Count; i++)
        {
            if (string.Equals(_table.PartitionKeys[i].Name, key, StringComparison.OrdinalIgnoreCase)) return i;
        }
        throw Error($"{key} is not a partition key of {_table.Database}.{_table.Name}");
    }

    private static bool IsLiteral(string token) => token[0] is '\'' or '"' or '-' || char.IsAsciiDigit(token[0]);

    private bool Accept(string token)
    {
        if (_position < _tokens.Count && string.Equals(_tokens[_position], token, StringComparison.OrdinalIgnoreCase))
        {
            _position++;
            return true;
        }
        return false;
    }

    private string Next() => _position < _tokens.Count ? _tokens[_position++] : throw Error("unexpected end of filter");

    private static List<string> Tokenize(string filter)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < filter.Length)
        {
            var c = filter[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                var sb = new StringBuilder().Append(c);
                i++;
                while (i < filter.Length && filter[i] != c) sb.Append(filter[i++]);
                if (i == filter.Length) throw Error("unterminated string literal");
                tokens.Add(sb.Append(c).ToString());
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c is '=' or '<' or '>' or '!')
            {
                var two = i + 1 < filter.Length ? filter.Substring(i, 2) : null;
                if (two is "<=" or ">=" or "<>" or "!=")
                {
                    tokens.Add(two);
                    i += 2;
                }
                else if (c == '!')
                {
                    throw Error("unexpected '!'");
                }
                else
                {
                    tokens.Add(c.ToString());
                    i++;
                }
            }
            else if (c == '-' || char.IsAsciiDigit(c))
            {
                var start = i++;
                while (i < filter.Length && char.IsAsciiDigit(filter[i])) i++;
                if (i - start == 1 && c == '-') throw Error("unexpected '-'");
                tokens.Add(filter[start..i]);
            }
            else if (char.IsLetter(c) || c is '_' or '`')
            {
                var start = i++;
                while (i < filter.Length && (char.IsLetterOrDigit(filter[i]) || filter[i] is '_' or '`' or '.')) i++;
                tokens.Add(filter[start..i]);
            }
            else
            {
                throw Error($"unexpected '{c}'");
            }
        }
        return tokens;
    }

    private static HmsException Error(string detail) =>
        new(HmsErrorKind.MetaException, $"Error parsing partition filter: {detail}");
}
