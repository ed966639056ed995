using System.Text;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Sql;
using Xunit;

namespace QueryEngine.Engine.Tests.Sql;

public sealed class SyntaxErrorTests
{
    private static SyntaxException Fail(string sql) => Assert.Throws<SyntaxException>(() => SqlParser.ParseStatement(sql));

    [Theory]
    [InlineData("SELECT * FORM t", "Expected: end of statement, found: FORM", 1, 10)]
    [InlineData("SELECT FROM t", "Expected: an expression, found: FROM", 1, 8)]
    [InlineData("SELECT (1", "Expected: ')', found: end of input", 1, 10)]
    [InlineData("SELECT (1 + 2))", "Expected: end of statement, found: )", 1, 15)]
    [InlineData("SELECT a FROM", "Expected: a table name, found: end of input", 1, 14)]
    [InlineData("SELECT a,\n  b\nFROM t WHERE", "Expected: an expression, found: end of input", 3, 13)]
    [InlineData("SELECT a\nFROM t\nWHERE a = = 1", "Expected: an expression, found: =", 3, 11)]
    [InlineData("SELECT * FROM a JOIN b", "Expected: ON or USING, found: end of input", 1, 23)]
    [InlineData("SELECT * FROM a LEFT b", "Expected: JOIN, found: b", 1, 22)]
    [InlineData("SELECT CAST(a AS) FROM t", "Expected: a data type, found: )", 1, 17)]
    [InlineData("SELECT CAST(a bigint)", "Expected: AS, found: bigint", 1, 15)]
    [InlineData("SELECT EXTRACT(foo FROM d)", "Expected: a date/time field (YEAR, QUARTER, MONTH, WEEK, DAY, DAY_OF_WEEK, DAY_OF_YEAR, YEAR_OF_WEEK, HOUR, MINUTE, SECOND, TIMEZONE_HOUR, TIMEZONE_MINUTE), found: foo", 1, 16)]
    [InlineData("SELECT CASE END", "Expected: an expression, found: END", 1, 13)]
    [InlineData("SELECT CASE x END", "Expected: WHEN, found: END", 1, 15)]
    [InlineData("SELECT a IS 1", "Expected: NULL or DISTINCT FROM, found: 1", 1, 13)]
    [InlineData("SELECT x BETWEEN 1 OR 2", "Expected: AND, found: OR", 1, 20)]
    [InlineData("SELECT INTERVAL '1' FORTNIGHT", "Expected: an interval field (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND), found: FORTNIGHT", 1, 21)]
    [InlineData("SELECT select FROM t", "Expected: an expression, found: select", 1, 8)]
    [InlineData("SELECT a AS from", "Expected: an alias, found: from", 1, 13)]
    [InlineData("UNION SELECT 1", "Expected: a statement, found: UNION", 1, 1)]
    [InlineData("", "Expected: a statement, found: end of input", 1, 1)]
    [InlineData("   ;  ", "Expected: a statement, found: ;", 1, 4)]
    [InlineData("SELECT 1; SELECT 2", "Expected: end of input (only one statement is allowed), found: SELECT", 1, 11)]
    [InlineData("SELECT 'abc", "Unterminated string literal", 1, 8)]
    [InlineData("SELECT \"abc", "Unterminated quoted identifier", 1, 8)]
    [InlineData("SELECT a /* never closed", "Unterminated comment: '/*' has no matching '*/'", 1, 10)]
    [InlineData("SELECT \"\"", "Zero-length delimited identifier not allowed", 1, 8)]
    [InlineData("SELECT 1abc", "Invalid number or identifier '1abc': identifiers must not start with a digit; surround the identifier with double quotes", 1, 8)]
    [InlineData("SELECT a # b", "Unexpected character '#'", 1, 10)]
    [InlineData("SELECT X'ABC'", "Binary literal must contain an even number of digits", 1, 8)]
    [InlineData("SELECT X'XY'", "Binary literal can only contain hexadecimal digits", 1, 8)]
    [InlineData("SELECT U&'\\00'", "Incomplete Unicode escape sequence: expected 4 hex digits after '\\'", 1, 8)]
    [InlineData("SELECT U&'\\D800'", "Invalid Unicode code point U+D800", 1, 8)]
    [InlineData("SELECT 1e400", "Double literal 1e400 is out of range", 1, 8)]
    [InlineData("SELECT 1 LIMIT 99999999999999999999", "Integer 99999999999999999999 is too large", 1, 16)]
    [InlineData("SELECT 1 LIMIT x", "Expected: a row count, found: x", 1, 16)]
    [InlineData("SELECT * FROM t FETCH FIRST 2 ROWS", "Expected: ONLY or WITH TIES, found: end of input", 1, 35)]
    [InlineData("SELECT count(DISTINCT) FROM t", "Expected: an expression, found: )", 1, 22)]
    [InlineData("SELECT lag(x) IGNORE NULLS FROM t", "Expected: OVER, found: FROM", 1, 28)]
    [InlineData("SELECT sum(x) OVER (ROWS 1) FROM t", "Expected: PRECEDING or FOLLOWING, found: )", 1, 27)]
    [InlineData("CREATE TABLE", "Expected: a table name, found: end of input", 1, 13)]
    [InlineData("CREATE EXTERNAL TABLE t AS SELECT 1", "Expected: '(' and a column list, found: AS", 1, 25)]
    [InlineData("CREATE EXTERNAL TABLE t (a int) STORED AS PARQUET STORED AS ORC", "Duplicate STORED AS clause", 1, 51)]
    [InlineData("CREATE EXTERNAL TABLE t (a int) ROW FORMAT JSON", "Expected: DELIMITED, found: JSON", 1, 44)]
    [InlineData("CREATE TABLE t (a)", "Expected: AS, found: end of input", 1, 19)]
    [InlineData("DROP FUNCTION f", "Expected: SCHEMA, DATABASE, TABLE or VIEW, found: FUNCTION", 1, 6)]
    [InlineData("ALTER TABLE t ADD PARTITION dt = 1", "Expected: '(', found: dt", 1, 29)]
    [InlineData("ALTER TABLE t FOO", "Expected: ADD, DROP, REPLACE COLUMNS, RENAME TO, SET LOCATION, SET TBLPROPERTIES, UNSET TBLPROPERTIES or PARTITION, found: FOO", 1, 15)]
    [InlineData("SHOW STUFF", "Expected: SCHEMAS, DATABASES, CATALOGS, TABLES, VIEWS, COLUMNS, PARTITIONS, STATS FOR, CREATE, TBLPROPERTIES, FUNCTIONS or SESSION, found: STUFF", 1, 6)]
    [InlineData("INSERT t VALUES 1", "Expected: INTO, found: t", 1, 8)]
    [InlineData("UNLOAD (SELECT 1) 's3://x'", "Expected: TO, found: 's3://x'", 1, 19)]
    [InlineData("SELECT * FROM t WHERE x IN ()", "Expected: an expression, found: )", 1, 29)]
    [InlineData("WITH a AS SELECT 1 SELECT 2", "Expected: '(', found: SELECT", 1, 11)]
    [InlineData("SELECT ARRAY[1, 2", "Expected: ']', found: end of input", 1, 18)]
    [InlineData("EXPLAIN (FORMAT YAML) SELECT 1", "Expected: TEXT, GRAPHVIZ or JSON, found: YAML", 1, 17)]
    public void ReportsExpectedAndFoundWithPosition(string sql, string message, int line, int column)
    {
        var error = Fail(sql);
        Assert.Equal(message, error.Message);
        Assert.NotNull(error.Span);
        Assert.Equal(line, error.Span.Value.Line);
        Assert.Equal(column, error.Span.Value.Column);
        Assert.Equal(ErrorCode.SyntaxError, error.Code);
    }

    [Fact]
    public void RenderPointsAtTheOffendingToken()
    {
        const string sql = "SELECT *\nFORM t";
        var error = Fail(sql);
        Assert.Equal("Syntax error: Expected: end of statement, found: FORM at line 2, column 1\n  FORM t\n  ^^^^", error.Render(sql));
    }

    [Fact]
    public void ExpressionAndTypeEntryPointsRejectTrailingInput()
    {
        var error = Assert.Throws<SyntaxException>(() => SqlParser.ParseExpression("a + b c"));
        Assert.Equal("Expected: end of input, found: c", error.Message);
        Assert.Equal(7, error.Span!.Value.Column);
    }

    public static TheoryData<string, string> DeepInputs()
    {
        const int depth = 100_000;
        string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();
        return new TheoryData<string, string>
        {
            { "parentheses", "SELECT " + Repeat("(", depth) + "1" + Repeat(")", depth) },
            { "unclosed parentheses", "SELECT " + Repeat("(", depth) },
            { "unary minus", "SELECT " + Repeat("- ", depth) + "1" },
            { "not", "SELECT " + Repeat("NOT ", depth) + "x" },
            { "addition chain", "SELECT 1" + Repeat(" + 1", depth) },
            { "concat chain", "SELECT 'a'" + Repeat(" || 'a'", depth) },
            { "function calls", "SELECT " + Repeat("f(", depth) + "1" + Repeat(")", depth) },
            { "arrays", "SELECT " + Repeat("ARRAY[", depth) + "1" + Repeat("]", depth) },
            { "subscripts", "SELECT a" + Repeat("[1]", depth) },
            { "dereferences", "SELECT a" + Repeat(".b", depth) },
            { "case", "SELECT " + Repeat("CASE WHEN x THEN ", depth) + "1" + Repeat(" END", depth) },
            { "scalar subqueries", Repeat("SELECT (", depth) + "1" + Repeat(")", depth) },
            { "table subqueries", "SELECT * FROM " + Repeat("(SELECT * FROM ", depth) + "t" + Repeat(")", depth) },
            { "parenthesized relations", "SELECT * FROM " + Repeat("(", depth) + "t" + Repeat(")", depth) },
            { "joins", "SELECT * FROM t" + Repeat(" CROSS JOIN t", depth) },
            { "comma joins", "SELECT * FROM t" + Repeat(", t", depth) },
            { "unions", "SELECT 1" + Repeat(" UNION SELECT 1", depth) },
            { "types", "SELECT CAST(x AS " + Repeat("array(", depth) + "int" + Repeat(")", depth) + ")" },
            { "hive types", "SELECT CAST(x AS " + Repeat("array<", depth) + "int" + Repeat(">", depth) + ")" },
            { "explain", Repeat("EXPLAIN ", depth) + "SELECT 1" },
            { "lambdas", "SELECT " + Repeat("x -> ", depth) + "1" },
        };
    }

    [Theory]
    [MemberData(nameof(DeepInputs))]
    public void DeepNestingIsASyntaxErrorNotAStackOverflow(string kind, string sql)
    {
        var error = Fail(sql);
        Assert.True(error.Message == "Statement is too deeply nested (more than 500 levels)", $"{kind}: {error.Message}");
    }

    [Fact]
    public void SmallThreadStacksAreProtectedToo()
    {
        Exception? caught = null;
        var sql = "SELECT " + new string('(', 450) + "1" + new string(')', 450);
        var thread = new Thread(() =>
        {
            try
            {
                SqlParser.ParseStatement(sql);
            }
            catch (Exception e)
            {
                caught = e;
            }
        }, maxStackSize: 192 * 1024);
        thread.Start();
        thread.Join();
        var error = Assert.IsType<SyntaxException>(caught);
        Assert.Equal("Statement is too deeply nested for the available stack", error.Message);
    }

    [Fact]
    public void NestingJustBelowTheLimitIsAccepted()
    {
        const int depth = 200;
        var sql = "SELECT " + new string('(', depth) + "1" + new string(')', depth) + " + " + string.Concat(Enumerable.Repeat("f(", depth)) + "1" + new string(')', depth);
        SqlTestSupport.AssertStatementRoundTrips(sql);
        var chain = "SELECT " + string.Join(" + ", Enumerable.Repeat("x", 400));
        SqlTestSupport.AssertStatementRoundTrips(chain);
    }

    [Fact]
    public void LongFlatListsAreNotNesting()
    {
        var inList = "SELECT * FROM t WHERE x IN (" + string.Join(", ", Enumerable.Range(0, 50_000)) + ")";
        Assert.NotNull(SqlParser.ParseStatement(inList));
        var ands = "SELECT * FROM t WHERE " + string.Join(" AND ", Enumerable.Range(0, 20_000).Select(i => $"c{i} = {i}"));
        Assert.NotNull(SqlParser.ParseStatement(ands));
        var values = "VALUES " + string.Join(", ", Enumerable.Range(0, 20_000).Select(i => $"({i}, 'v{i}')"));
        Assert.NotNull(SqlParser.ParseStatement(values));
    }
}
