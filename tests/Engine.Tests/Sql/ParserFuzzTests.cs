using System.Text;
using System.Text.RegularExpressions;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql;
using QueryEngine.Engine.Sql.Ast;
using Xunit;

namespace QueryEngine.Engine.Tests.Sql;

/// <summary>
/// Random inputs (fixed seeds) must produce statements or a <see cref="SyntaxException"/>, never any other
/// exception; whatever parses must also survive the format/parse round trip.
/// </summary>
public sealed partial class ParserFuzzTests
{
    private static readonly string[] Vocabulary =
    [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH", "FIRST", "ROWS", "ONLY",
        "UNION", "ALL", "INTERSECT", "EXCEPT", "DISTINCT", "AS", "ON", "USING", "JOIN", "LEFT", "CROSS", "NATURAL",
        "WITH", "RECURSIVE", "VALUES", "TABLE", "UNNEST", "LATERAL", "TABLESAMPLE", "BERNOULLI", "AND", "OR", "NOT",
        "IS", "NULL", "IN", "LIKE", "ESCAPE", "BETWEEN", "EXISTS", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST",
        "TRY_CAST", "EXTRACT", "YEAR", "TRIM", "BOTH", "LEADING", "POSITION", "SUBSTRING", "FOR", "INTERVAL", "DAY",
        "TO", "MONTH", "ARRAY", "ROW", "MAP", "DATE", "TIMESTAMP", "TIME", "ZONE", "AT", "OVER", "PARTITION",
        "RANGE", "PRECEDING", "FOLLOWING", "CURRENT", "UNBOUNDED", "FILTER", "IGNORE", "NULLS", "WINDOW", "ROLLUP",
        "CUBE", "GROUPING", "SETS", "ANY", "SOME", "TRUE", "FALSE", "CURRENT_DATE", "CURRENT_TIMESTAMP", "CREATE",
        "EXTERNAL", "STORED", "PARQUET", "LOCATION", "PARTITIONED", "CLUSTERED", "INTO", "BUCKETS", "SERDE",
        "DELIMITED", "FIELDS", "TERMINATED", "TBLPROPERTIES", "INSERT", "UNLOAD", "SHOW", "TABLES", "DESCRIBE",
        "EXPLAIN", "ANALYZE", "ALTER", "ADD", "DROP", "IF", "PREPARE", "EXECUTE", "DEALLOCATE", "MSCK", "REPAIR",
        "VIEW", "REPLACE", "SCHEMA", "DATABASE", "COMMENT", "struct", "bigint", "varchar", "decimal", "string",
        "a", "b", "t", "x", "count", "sum", "f", "\"q\"", "`bq`", "1", "2.5", ".5", "1e3", "'s'", "''", "X'AB'",
        "U&'\\0041'", "?", "(", ")", "[", "]", ",", ".", ";", ":", "+", "-", "*", "/", "%", "||", "->", "=>", "=",
        "<>", "!=", "<", "<=", ">", ">=", "<", ">",
    ];

    private static readonly string[] Seeds =
    [
        "SELECT a, b FROM t WHERE a > 1 ORDER BY b LIMIT 5",
        "WITH x AS (SELECT 1 AS a) SELECT * FROM x JOIN y USING (a)",
        "SELECT CASE WHEN a THEN 1 ELSE 2 END, CAST(b AS decimal(10,2)), x -> x + 1 FROM t",
        "SELECT sum(x) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t",
        "CREATE EXTERNAL TABLE t (a int, s struct<x:array<string>>) PARTITIONED BY (dt string) STORED AS PARQUET LOCATION 's3://b/'",
        "INSERT INTO t (a) VALUES (1), (2)",
        "SELECT * FROM UNNEST(ARRAY[1, 2]) WITH ORDINALITY AS u (x, n) CROSS JOIN LATERAL (SELECT 1)",
        "ALTER TABLE t ADD IF NOT EXISTS PARTITION (dt = '2020') LOCATION 's3://x/'",
        "SELECT trim(LEADING 'x' FROM s), substring(s FROM 1 FOR 2), position('a' IN s), extract(year FROM d)",
        "SELECT 1 UNION ALL (SELECT 2 INTERSECT SELECT 3) EXCEPT SELECT 4",
        "SELECT date '2020-01-01' + INTERVAL '1' DAY AT TIME ZONE 'UTC', a[1].b, ROW(1, 2)",
        "CREATE TABLE t WITH (format = 'PARQUET') AS SELECT * FROM u WITH NO DATA",
    ];

    [GeneratedRegex(@"'(?:[^']|'')*'|""(?:[^""]|"""")*""|\w+|\|\||->|=>|<>|!=|<=|>=|\S", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    [Fact]
    public void RandomTokenSoupsNeverCrash()
    {
        var random = new Random(20240611);
        var failures = new List<string>();
        for (var i = 0; i < 1200; i++)
        {
            var count = random.Next(1, 40);
            var sb = new StringBuilder();
            if (random.Next(3) == 0) sb.Append("SELECT ");
            for (var j = 0; j < count; j++)
            {
                sb.Append(Vocabulary[random.Next(Vocabulary.Length)]);
                sb.Append(random.Next(8) == 0 ? "" : " ");
            }

            Check(sb.ToString(), failures);
        }

        AssertNoFailures(failures);
    }

    [Fact]
    public void MutatedTpchQueriesNeverCrash()
    {
        var random = new Random(4242);
        var sources = SqlTestSupport.TpchQueries().Select(q => q.Sql).Concat(Seeds).ToArray();
        var failures = new List<string>();
        for (var i = 0; i < 1200; i++)
        {
            var source = sources[random.Next(sources.Length)];
            Check(random.Next(4) == 0 ? MutateCharacters(source, random) : MutateTokens(source, random), failures);
        }

        AssertNoFailures(failures);
    }

    [Fact]
    public void RandomExpressionsAndTypesNeverCrash()
    {
        var random = new Random(77);
        var failures = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            var count = random.Next(1, 15);
            var text = string.Join(" ", Enumerable.Range(0, count).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
            try
            {
                var expression = SqlParser.ParseExpression(text);
                var again = SqlParser.ParseExpression(SqlFormatter.Format(expression));
                var difference = SqlTestSupport.FindDifference(expression, again);
                if (difference is not null) failures.Add($"expression round trip: {text} -> {SqlFormatter.Format(expression)}: {difference}");
            }
            catch (SyntaxException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"expression {text}: {e.GetType().Name}: {e.Message}");
            }

            try
            {
                var type = SqlParser.ParseDataType(text);
                var again = SqlParser.ParseDataType(type.ToCanonicalString());
                if (!type.Equals(again)) failures.Add($"type round trip: {text} -> {type.ToCanonicalString()}");
            }
            catch (SyntaxException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"type {text}: {e.GetType().Name}: {e.Message}");
            }
        }

        AssertNoFailures(failures);
    }

    private static string MutateTokens(string sql, Random random)
    {
        var tokens = TokenPattern().Matches(sql).Select(m => m.Value).ToList();
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && tokens.Count > 0; m++)
        {
            var at = random.Next(tokens.Count);
            switch (random.Next(6))
            {
                case 0:
                    tokens.RemoveAt(at);
                    break;
                case 1:
                    tokens.Insert(at, tokens[at]);
                    break;
                case 2:
                    if (at + 1 < tokens.Count) (tokens[at], tokens[at + 1]) = (tokens[at + 1], tokens[at]);
                    break;
                case 3:
                    tokens.Insert(at, Vocabulary[random.Next(Vocabulary.Length)]);
                    break;
                case 4:
                    tokens[at] = Vocabulary[random.Next(Vocabulary.Length)];
                    break;
                default:
                    tokens.RemoveRange(at, tokens.Count - at);
                    break;
            }
        }

        return string.Join(" ", tokens);
    }

    private static string MutateCharacters(string sql, Random random)
    {
        const string noise = "'\"`()[];,.*/-+|&!?#$@\\\n\t\0é😀{}<>=:0123456789eE_xXuU";
        var sb = new StringBuilder(sql);
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && sb.Length > 0; m++)
        {
            var at = random.Next(sb.Length);
            switch (random.Next(3))
            {
                case 0:
                    sb.Remove(at, 1);
                    break;
                case 1:
                    sb.Insert(at, noise[random.Next(noise.Length)]);
                    break;
                default:
                    sb[at] = noise[random.Next(noise.Length)];
                    break;
            }
        }

        return sb.ToString();
    }

    private static void Check(string sql, List<string> failures)
    {
        IReadOnlyList<Statement> statements;
        try
        {
            statements = SqlParser.ParseStatements(sql);
        }
        catch (SyntaxException e)
        {
            if (e.Span is not { IsKnown: true } span || span.Offset > sql.Length || span.Line < 1 || span.Column < 1)
            {
                failures.Add($"bad span {e.Span} for: {sql}");
            }

            return;
        }
        catch (Exception e)
        {
            failures.Add($"{e.GetType().Name}: {e.Message} for: {sql}");
            return;
        }

        foreach (var statement in statements)
        {
            var printed = SqlFormatter.Format(statement);
            try
            {
                var again = SqlParser.ParseStatement(printed);
                var difference = SqlTestSupport.FindDifference(statement, again);
                if (difference is not null) failures.Add($"round trip changed {difference}: {sql} -> {printed}");
            }
            catch (Exception e)
            {
                failures.Add($"formatted SQL fails ({e.Message}): {sql} -> {printed}");
            }
        }
    }

    private static void AssertNoFailures(List<string> failures)
    {
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(15)));
    }
}
