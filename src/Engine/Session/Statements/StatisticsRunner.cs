using System.Globalization;
using System.Text;
using QueryEngine.Engine.Catalog;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Planning.Binder;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Session.Statements;

/// <summary>
/// <c>ANALYZE table</c> and <c>SHOW STATS FOR table</c>. ANALYZE scans the table once with one aggregate query and
/// stores, as Hive does, the row count in the table parameter <c>numRows</c> and table-level column statistics
/// (nulls, exact distinct count, low/high for numbers, decimals and dates, max/average length for strings,
/// true/false counts for booleans) in the catalog, where the Hive Metastore API serves them. SHOW STATS prints
/// them in Trino's layout: one row per column (column_name, data_size, distinct_values_count, nulls_fraction,
/// row_count, low_value, high_value) and a last row with the row count; what the catalog does not know is NULL.
/// </summary>
internal sealed class StatisticsRunner(QuerySession session)
{
    public StatementResult Show(ShowStats statement)
    {
        var table = Table(statement.Table);
        // Hive writes numRows = -1 for "not computed": like every other reader, SHOW STATS takes only a count.
        double? rows = table.RecordedRowCount;
        IReadOnlyList<ColumnStatistics> stats = table.Kind == TableKind.View ? [] : session.Catalog.GetColumnStatistics(table.Database, table.Name, null);
        var names = new BinaryBuilder(DataType.Utf8);
        var dataSize = new PrimitiveBuilder<double>(DataType.Float64);
        var distinct = new PrimitiveBuilder<double>(DataType.Float64);
        var nullsFraction = new PrimitiveBuilder<double>(DataType.Float64);
        var rowCount = new PrimitiveBuilder<double>(DataType.Float64);
        var low = new BinaryBuilder(DataType.Utf8);
        var high = new BinaryBuilder(DataType.Utf8);
        var lines = 0;
        foreach (var column in table.Columns.Concat(table.PartitionKeys))
        {
            var s = stats.FirstOrDefault(x => string.Equals(x.Column, column.Name, StringComparison.OrdinalIgnoreCase));
            names.Append(column.Name);
            Append(dataSize, s?.AverageLength is { } average && rows is { } r ? Math.Round(average * (r - s.NumNulls)) : null);
            Append(distinct, s?.NumDistinct);
            Append(nullsFraction, s is not null && rows is { } n ? (n == 0 ? 0 : s.NumNulls / n) : null);
            rowCount.AppendNull();
            Append(low, s is null ? null : Bound(s, lowBound: true));
            Append(high, s is null ? null : Bound(s, lowBound: false));
            lines++;
        }
        names.AppendNull();
        dataSize.AppendNull();
        distinct.AppendNull();
        nullsFraction.AppendNull();
        Append(rowCount, rows);
        low.AppendNull();
        high.AppendNull();
        lines++;
        var schema = new Schema([
            new Field("column_name", DataType.Utf8), new Field("data_size", DataType.Float64),
            new Field("distinct_values_count", DataType.Float64), new Field("nulls_fraction", DataType.Float64),
            new Field("row_count", DataType.Float64), new Field("low_value", DataType.Utf8), new Field("high_value", DataType.Utf8),
        ]);
        var arrays = new[] { names.Build(), dataSize.Build(), distinct.Build(), nullsFraction.Build(), rowCount.Build(), low.Build(), high.Build() };
        return new StatementResult(schema, [new RecordBatch(schema, arrays, lines)]);
    }

    public StatementResult Analyze(AnalyzeTable statement, CancellationToken cancellation)
    {
        var table = Table(statement.Table);
        if (table.Kind == TableKind.View)
        {
            throw new SemanticException($"'{table.Database}.{table.Name}' is a view; ANALYZE needs a table", statement.Table.Span);
        }
        var plan = new List<(ColumnInfo Column, StatisticsKind Kind, int First)>();
        var sql = new StringBuilder("SELECT count(*)");
        var next = 1;
        foreach (var column in table.Columns)
        {
            var kind = KindOf(column.HiveType);
            if (kind == StatisticsKind.None) continue;
            var name = Quote(column.Name);
            plan.Add((column, kind, next));
            sql.Append(CultureInfo.InvariantCulture, $", count({name}), count(DISTINCT {name})");
            next += 2;
            var extra = kind switch
            {
                StatisticsKind.Integer or StatisticsKind.Floating => $", min({name}), max({name})",
                StatisticsKind.Decimal or StatisticsKind.Date => $", CAST(min({name}) AS varchar), CAST(max({name}) AS varchar)",
                StatisticsKind.Text => $", max(length({name})), avg(CAST(length({name}) AS double))",
                StatisticsKind.Boolean => $", sum(CASE WHEN {name} THEN 1 ELSE 0 END), sum(CASE WHEN NOT {name} THEN 1 ELSE 0 END)",
                _ => "",
            };
            sql.Append(extra);
            if (extra.Length > 0) next += 2;
        }
        sql.Append(CultureInfo.InvariantCulture, $" FROM {Quote(table.Database)}.{Quote(table.Name)}");
        var result = session.Execute(sql.ToString(), cancellation);
        var batch = result.Batches.Single(b => b.RowCount > 0);
        var rows = Convert.ToInt64(batch.Column(0).GetValue(0), CultureInfo.InvariantCulture);
        var analyzed = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var statistics = new List<ColumnStatistics>(plan.Count);
        foreach (var (column, kind, first) in plan)
        {
            var nonNull = Long(batch, first) ?? 0;
            var stats = new ColumnStatistics(column.Name, column.HiveType)
            {
                NumNulls = rows - nonNull,
                NumDistinct = Long(batch, first + 1) ?? 0,
                LastAnalyzed = analyzed,
            };
            stats = kind switch
            {
                StatisticsKind.Integer => stats with { LongLow = Long(batch, first + 2), LongHigh = Long(batch, first + 3) },
                StatisticsKind.Floating => stats with { DoubleLow = Double(batch, first + 2), DoubleHigh = Double(batch, first + 3) },
                StatisticsKind.Decimal => stats with { DecimalLow = Text(batch, first + 2), DecimalHigh = Text(batch, first + 3) },
                StatisticsKind.Date => stats with { LongLow = Days(Text(batch, first + 2)), LongHigh = Days(Text(batch, first + 3)) },
                StatisticsKind.Text => stats with { MaxLength = Long(batch, first + 2) ?? 0, AverageLength = Double(batch, first + 3) ?? 0 },
                StatisticsKind.Boolean => stats with { NumTrues = Long(batch, first + 2) ?? 0, NumFalses = Long(batch, first + 3) ?? 0 },
                _ => stats,
            };
            statistics.Add(stats);
        }
        var parameters = new Dictionary<string, string>(table.Parameters, StringComparer.Ordinal)
        {
            [TableInfo.RowCountParameter] = rows.ToString(CultureInfo.InvariantCulture),
        };
        session.Catalog.AlterTable(table.Database, table.Name, table with { Parameters = parameters });
        if (statistics.Count > 0) session.Catalog.UpdateColumnStatistics(table.Database, table.Name, null, statistics);
        return new StatementResult(Schema.Empty, [], rows, "ANALYZE");
    }

    private TableInfo Table(QualifiedName name)
    {
        var binder = new QueryBinder(session.Catalog, session.Sources, session.CurrentDatabase);
        var (database, table) = binder.ResolveTableName(name);
        return session.Catalog.GetTable(database, table)
            ?? throw new NotFoundException(ErrorCode.TableNotFound, $"Table '{database}.{table}' does not exist", name.Span);
    }

    private enum StatisticsKind
    {
        None,
        Counts,
        Integer,
        Floating,
        Decimal,
        Date,
        Text,
        Boolean,
    }

    /// <summary>Which statistics a Hive type gets; nested types get none, as in Hive.</summary>
    private static StatisticsKind KindOf(string hiveType)
    {
        var type = hiveType.Trim().ToLowerInvariant();
        var paren = type.IndexOfAny(['(', '<']);
        if (paren > 0) type = type[..paren].Trim();
        return type switch
        {
            "tinyint" or "smallint" or "int" or "integer" or "bigint" => StatisticsKind.Integer,
            "float" or "double" or "real" => StatisticsKind.Floating,
            "decimal" => StatisticsKind.Decimal,
            "date" => StatisticsKind.Date,
            "string" or "varchar" or "char" => StatisticsKind.Text,
            "boolean" => StatisticsKind.Boolean,
            "array" or "map" or "struct" or "uniontype" => StatisticsKind.None,
            _ => StatisticsKind.Counts,
        };
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static object? Value(RecordBatch batch, int column) => batch.Column(column).GetValue(0);

    private static long? Long(RecordBatch batch, int column) =>
        Value(batch, column) is { } value ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;

    private static double? Double(RecordBatch batch, int column) =>
        Value(batch, column) is { } value ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : null;

    private static string? Text(RecordBatch batch, int column) => Value(batch, column) as string;

    private static long? Days(string? date) =>
        date is not null && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber
            : null;

    /// <summary>The low or high value as text: numbers, decimals, dates (from days since the epoch).</summary>
    private static string? Bound(ColumnStatistics s, bool lowBound)
    {
        if (s.DecimalLow is not null || s.DecimalHigh is not null) return lowBound ? s.DecimalLow : s.DecimalHigh;
        if (s.DoubleLow is not null || s.DoubleHigh is not null)
        {
            return (lowBound ? s.DoubleLow : s.DoubleHigh)?.ToString("R", CultureInfo.InvariantCulture);
        }
        var value = lowBound ? s.LongLow : s.LongHigh;
        if (value is null) return null;
        if (s.HiveType.Trim().Equals("date", StringComparison.OrdinalIgnoreCase))
        {
            return DateOnly.FromDateTime(DateTime.UnixEpoch).AddDays((int)value.Value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return value.Value.ToString(CultureInfo.InvariantCulture);
    }

    private static void Append(PrimitiveBuilder<double> builder, double? value)
    {
        if (value is { } v) builder.Append(v);
        else builder.AppendNull();
    }

    private static void Append(BinaryBuilder builder, string? value)
    {
        if (value is not null) builder.Append(value);
        else builder.AppendNull();
    }
}
