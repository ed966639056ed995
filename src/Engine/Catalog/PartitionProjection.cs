using System.Globalization;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Formats;

namespace QueryEngine.Engine.Catalog;

/// <summary>
/// Athena partition projection: with <c>projection.enabled=true</c> a table's partitions are computed from its
/// properties instead of being read from the catalog. Per key, <c>projection.&lt;key&gt;.type</c> is <c>enum</c>
/// (<c>.values</c>), <c>integer</c> (<c>.range</c> "min,max", <c>.interval</c>, <c>.digits</c>), <c>date</c>
/// (<c>.range</c> "start,end" where an end may be <c>NOW[+-n UNIT]</c>, <c>.format</c> as a Java date pattern,
/// <c>.interval</c>, <c>.interval.unit</c>) or <c>injected</c> (values only from equality filters). The location is
/// <c>storage.location.template</c> with <c>${key}</c> replaced, else <c>&lt;location&gt;/k1=v1/k2=v2</c>.
/// Equality and IN filters narrow each key before the combinations are formed.
/// </summary>
internal sealed class PartitionProjection
{
    /// <summary>Most combinations one scan may project.</summary>
    public const int MaxPartitions = 1_000_000;

    private readonly TableInfo _table;
    private readonly Func<IReadOnlyList<PhysicalExpr>, int, Schema, IReadOnlyList<string>>[] _keys;

    private PartitionProjection(TableInfo table, Func<IReadOnlyList<PhysicalExpr>, int, Schema, IReadOnlyList<string>>[] keys)
    {
        _table = table;
        _keys = keys;
    }

    /// <summary>The projection of a table with <c>projection.enabled=true</c>, else null.</summary>
    public static PartitionProjection? TryCreate(TableInfo table)
    {
        if (!table.Parameters.TryGetValue("projection.enabled", out var enabled) || !string.Equals(enabled.Trim(), "true", StringComparison.OrdinalIgnoreCase)) return null;
        var keys = new Func<IReadOnlyList<PhysicalExpr>, int, Schema, IReadOnlyList<string>>[table.PartitionKeys.Count];
        for (var k = 0; k < keys.Length; k++) keys[k] = KeyValues(table, k);
        return new PartitionProjection(table, keys);
    }

    /// <summary>The projected partitions that equality / IN filters on the keys allow.</summary>
    public IReadOnlyList<PartitionInfo> Partitions(IReadOnlyList<PhysicalExpr> filters, Schema schema)
    {
        var dataColumns = _table.Columns.Count;
        var perKey = new IReadOnlyList<string>[_keys.Length];
        long combinations = 1;
        for (var k = 0; k < perKey.Length; k++)
        {
            perKey[k] = Narrow(_keys[k](filters, dataColumns + k, schema), filters, dataColumns + k, schema);
            combinations *= Math.Max(1, perKey[k].Count);
            if (perKey[k].Count == 0) return [];
            if (combinations > MaxPartitions)
            {
                throw new ResourceExhaustedException(
                    $"Partition projection of table '{_table.Database}.{_table.Name}' gives more than {MaxPartitions} partitions; filter on its partition keys");
            }
        }
        var result = new List<PartitionInfo>((int)combinations);
        var values = new string[perKey.Length];
        Combine(0);
        return result;

        void Combine(int k)
        {
            if (k == perKey.Length)
            {
                var copy = (string[])values.Clone();
                result.Add(new PartitionInfo(_table.Database, _table.Name, copy, _table.Storage with { Location = Location(copy) }));
                return;
            }
            foreach (var v in perKey[k])
            {
                values[k] = v;
                Combine(k + 1);
            }
        }
    }

    private string? Location(string[] values)
    {
        if (_table.Parameters.TryGetValue("storage.location.template", out var template))
        {
            for (var k = 0; k < values.Length; k++) template = template.Replace("${" + _table.PartitionKeys[k].Name + "}", values[k], StringComparison.OrdinalIgnoreCase);
            return template;
        }
        return CatalogRules.ChildLocation(_table.Storage.Location, PartitionNames.Of(_table.PartitionKeys, values));
    }

    private static Func<IReadOnlyList<PhysicalExpr>, int, Schema, IReadOnlyList<string>> KeyValues(TableInfo table, int k)
    {
        var key = table.PartitionKeys[k].Name;
        string? Property(string name) => table.Parameters.TryGetValue($"projection.{key}.{name}", out var v) ? v.Trim() : null;
        string Required(string name) => Property(name)
            ?? throw new SemanticException($"Partition projection of table '{table.Database}.{table.Name}': property 'projection.{key}.{name}' is missing");
        var type = Required("type").ToLowerInvariant();
        switch (type)
        {
            case "enum":
                {
                    var values = Required("values").Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();
                    return (_, _, _) => values;
                }
            case "integer":
                {
                    var (low, high) = Range(Required("range"), text => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture));
                    var interval = Property("interval") is { } i ? long.Parse(i, NumberStyles.Integer, CultureInfo.InvariantCulture) : 1;
                    var digits = Property("digits") is { } d ? int.Parse(d, NumberStyles.Integer, CultureInfo.InvariantCulture) : 0;
                    if (interval <= 0) throw Invalid(table, key, "interval must be positive");
                    return (_, _, _) => Count(low, high, interval).Select(v => v.ToString("D" + digits, CultureInfo.InvariantCulture)).ToArray();
                }
            case "date":
                {
                    var format = JavaToDotNet(Required("format"));
                    var (start, end) = Range(Required("range"), text => ParseDate(text, format, table, key));
                    var interval = Property("interval") is { } i ? int.Parse(i, NumberStyles.Integer, CultureInfo.InvariantCulture) : 1;
                    var unit = (Property("interval.unit") ?? (format.Contains('H', StringComparison.Ordinal) ? "HOURS" : "DAYS")).ToUpperInvariant();
                    if (interval <= 0) throw Invalid(table, key, "interval must be positive");
                    return (_, _, _) => Dates(start, end, interval, unit, table, key).Select(d => d.ToString(format, CultureInfo.InvariantCulture)).ToArray();
                }
            case "injected":
                return (filters, column, schema) => Injected(filters, column, schema)
                    ?? throw new SemanticException($"Partition key '{key}' of table '{table.Database}.{table.Name}' is injected: the query must filter it with = or IN");
            default:
                throw Invalid(table, key, $"unknown projection type '{type}' (enum, integer, date or injected)");
        }
    }

    private static SemanticException Invalid(TableInfo table, string key, string message) =>
        new($"Partition projection of table '{table.Database}.{table.Name}', key '{key}': {message}");

    private static (T Low, T High) Range<T>(string range, Func<string, T> parse)
    {
        var parts = range.Split(',');
        if (parts.Length != 2) throw new SemanticException($"Partition projection range '{range}' must be 'start,end'");
        return (parse(parts[0].Trim()), parse(parts[1].Trim()));
    }

    private static IEnumerable<long> Count(long low, long high, long interval)
    {
        for (var v = low; v <= high; v += interval) yield return v;
    }

    private static IEnumerable<DateTime> Dates(DateTime start, DateTime end, int interval, string unit, TableInfo table, string key)
    {
        Func<DateTime, DateTime> next = unit switch
        {
            "YEARS" => d => d.AddYears(interval),
            "MONTHS" => d => d.AddMonths(interval),
            "WEEKS" => d => d.AddDays(7 * interval),
            "DAYS" => d => d.AddDays(interval),
            "HOURS" => d => d.AddHours(interval),
            "MINUTES" => d => d.AddMinutes(interval),
            "SECONDS" => d => d.AddSeconds(interval),
            _ => throw Invalid(table, key, $"unknown interval unit '{unit}'"),
        };
        for (var d = start; d <= end; d = next(d)) yield return d;
    }

    /// <summary>A date bound: text in the projection's format, or <c>NOW</c> optionally shifted (<c>NOW-3DAYS</c>).</summary>
    private static DateTime ParseDate(string text, string format, TableInfo table, string key)
    {
        if (text.StartsWith("NOW", StringComparison.OrdinalIgnoreCase))
        {
            var now = DateTime.UtcNow;
            var shift = text[3..].Replace(" ", "", StringComparison.Ordinal);
            if (shift.Length == 0) return now;
            var digits = shift.Skip(1).TakeWhile(char.IsAsciiDigit).Count();
            if (shift[0] is not ('+' or '-') || digits == 0) throw Invalid(table, key, $"cannot read the date '{text}'");
            var amount = int.Parse(shift.AsSpan(1, digits), NumberStyles.Integer, CultureInfo.InvariantCulture) * (shift[0] == '-' ? -1 : 1);
            return shift[(1 + digits)..].ToUpperInvariant().TrimEnd('S') switch
            {
                "YEAR" => now.AddYears(amount),
                "MONTH" => now.AddMonths(amount),
                "WEEK" => now.AddDays(7 * amount),
                "DAY" => now.AddDays(amount),
                "HOUR" => now.AddHours(amount),
                "MINUTE" => now.AddMinutes(amount),
                _ => throw Invalid(table, key, $"cannot read the date '{text}'"),
            };
        }
        if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)) return date;
        throw Invalid(table, key, $"the date '{text}' does not match the format");
    }

    /// <summary>Java DateTimeFormatter letters that differ in .NET: 'u' (year) and 'a' (AM/PM); the common ones agree.</summary>
    private static string JavaToDotNet(string format) => format.Replace('u', 'y').Replace("a", "tt", StringComparison.Ordinal);

    /// <summary>The literal values of = / IN filters on a column as partition value strings, or null when there are none.</summary>
    private static IReadOnlyList<string>? Injected(IReadOnlyList<PhysicalExpr> filters, int column, Schema schema)
    {
        List<string>? result = null;
        foreach (var filter in filters)
        {
            if (EqualityValues(filter, column) is not { } values) continue;
            var texts = values.Select(v => ValueFormatter.FormatValue(v, schema[column].Type)).ToList();
            result = result is null ? texts : result.Intersect(texts, StringComparer.Ordinal).ToList();
        }
        return result;
    }

    /// <summary>Keeps the candidates whose typed value satisfies every = / IN filter on the column.</summary>
    private static IReadOnlyList<string> Narrow(IReadOnlyList<string> candidates, IReadOnlyList<PhysicalExpr> filters, int column, Schema schema)
    {
        var sets = filters.Select(f => EqualityValues(f, column)).OfType<object?[]>().ToArray();
        if (sets.Length == 0) return candidates;
        var type = schema[column].Type;
        return candidates.Where(c => PartitionValues.TryConvert(c, type, out var typed) && sets.All(s => s.Any(v => Equals(v, typed)))).ToArray();
    }

    private static object?[]? EqualityValues(PhysicalExpr filter, int column) => filter switch
    {
        BinaryExpr { Op: BinaryOp.Equal, Left: ColumnExpr c, Right: LiteralExpr l } when c.Index == column => [l.Value],
        BinaryExpr { Op: BinaryOp.Equal, Left: LiteralExpr l, Right: ColumnExpr c } when c.Index == column => [l.Value],
        InListExpr { Negated: false, Input: ColumnExpr c } inList when c.Index == column && inList.List.All(e => e is LiteralExpr) =>
            inList.List.Select(e => ((LiteralExpr)e).Value).ToArray(),
        _ => null,
    };
}
