using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions;
using Xunit;
using static QueryEngine.Engine.Tests.Expressions.ExprTestHelpers;
using static QueryEngine.Engine.Tests.Execution.TestData;

namespace QueryEngine.Engine.Tests.Expressions;

public sealed class FunctionTests
{
    /// <summary>Resolves like the binder does (coercing arguments to the signature) and evaluates.</summary>
    private static object? Call(string name, params PhysicalExpr[] args) => Eval(Fn(name, args));

    private static ScalarFunctionExpr Fn(string name, params PhysicalExpr[] args)
    {
        var resolved = FunctionRegistry.ResolveScalar(name, [.. args.Select(a => a.Type)]);
        Assert.NotNull(resolved);
        var coerced = args.Select((a, i) => a.Type.Equals(resolved.ArgTypes[i]) ? a : new CastExpr(a, resolved.ArgTypes[i], false)).ToArray();
        return new ScalarFunctionExpr(resolved.Name, coerced, resolved.ReturnType);
    }

    private static LiteralExpr Date(string text) => Lit((int)(DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture).DayNumber - new DateOnly(1970, 1, 1).DayNumber), DataType.Date32);

    private static LiteralExpr Ts(string text) =>
        Lit((DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture).Ticks - DateTime.UnixEpoch.Ticks) / 10, DataType.Timestamp);

    private static LiteralExpr D(string text, int p, int s) => Lit(Dec(text, s), new DecimalType(p, s));

    [Fact]
    public void DateParts()
    {
        var d = Date("2024-02-29");
        Assert.Equal(2024L, Call("year", d));
        Assert.Equal(2L, Call("month", d));
        Assert.Equal(29L, Call("day", d));
        Assert.Equal(1L, Call("quarter", d));
        Assert.Equal(4L, Call("day_of_week", d)); // Thursday
        Assert.Equal(60L, Call("day_of_year", d));
        Assert.Equal(9L, Call("week", d));
        Assert.Equal(7L, Call("dow", Date("2024-03-03"))); // Sunday
        Assert.Equal(1L, Call("week", Date("2024-12-30"))); // ISO week 1 of 2025
        Assert.Equal(53L, Call("week", Date("2021-01-03"))); // ISO week 53 of 2020
        Assert.Equal(2020L, Call("year_of_week", Date("2021-01-03")));
        Assert.Equal(2025L, Call("yow", Date("2024-12-30")));
        Assert.Equal(1969L, Call("year", Date("1969-12-31")));
        var t = Ts("1969-12-31 23:59:58.5");
        Assert.Equal(1969L, Call("year", t));
        Assert.Equal(23L, Call("hour", t));
        Assert.Equal(59L, Call("minute", t));
        Assert.Equal(58L, Call("second", t));
        Assert.Equal(31L, Call("day", t));
    }

    [Fact]
    public void DatePartsOverColumns()
    {
        var batch = Column(DataType.Date32, 0, null, 365);
        Assert.Equal([1970L, null, 1971L], Eval(Fn("year", X(DataType.Date32)), batch));
    }

    [Fact]
    public void DateAddDiffTrunc()
    {
        Assert.Equal(Date("2024-03-01").Value, Call("date_add", Lit("day"), Lit(1), Date("2024-02-29")));
        Assert.Equal(Date("2024-02-29").Value, Call("date_add", Lit("month"), Lit(1), Date("2024-01-31")));
        Assert.Equal(Date("2025-02-28").Value, Call("date_add", Lit("year"), Lit(1), Date("2024-02-29")));
        Assert.Equal(Date("2023-11-29").Value, Call("date_add", Lit("quarter"), Lit(-1), Date("2024-02-29")));
        Assert.Equal(Date("2024-03-14").Value, Call("date_add", Lit("week"), Lit(2), Date("2024-02-29")));
        Assert.Equal(Ts("2024-03-01 01:00:00").Value, Call("date_add", Lit("hour"), Lit(2), Ts("2024-02-29 23:00:00")));
        Assert.Throws<ExecutionException>(() => Call("date_add", Lit("hour"), Lit(2), Date("2024-02-29")));
        Assert.Equal(60L, Call("date_diff", Lit("day"), Date("2024-01-01"), Date("2024-03-01")));
        Assert.Equal(-60L, Call("date_diff", Lit("day"), Date("2024-03-01"), Date("2024-01-01")));
        Assert.Equal(1L, Call("date_diff", Lit("month"), Date("2024-01-31"), Date("2024-02-29")));
        Assert.Equal(0L, Call("date_diff", Lit("month"), Date("2024-01-15"), Date("2024-02-14")));
        Assert.Equal(1L, Call("date_diff", Lit("month"), Date("2024-01-15"), Date("2024-02-15")));
        Assert.Equal(0L, Call("date_diff", Lit("year"), Date("2024-03-01"), Date("2025-02-28")));
        Assert.Equal(1L, Call("date_diff", Lit("year"), Date("2024-03-01"), Date("2025-03-01")));
        Assert.Equal(90L, Call("date_diff", Lit("minute"), Ts("2024-01-01 00:00:00"), Ts("2024-01-01 01:30:59")));
        Assert.Equal(Date("2024-02-01").Value, Call("date_trunc", Lit("month"), Date("2024-02-29")));
        Assert.Equal(Date("2024-01-01").Value, Call("date_trunc", Lit("quarter"), Date("2024-02-29")));
        Assert.Equal(Date("2024-01-01").Value, Call("date_trunc", Lit("year"), Date("2024-02-29")));
        Assert.Equal(Date("2024-02-26").Value, Call("date_trunc", Lit("week"), Date("2024-02-29")));
        Assert.Equal(Ts("2024-02-29 13:00:00").Value, Call("date_trunc", Lit("hour"), Ts("2024-02-29 13:45:12.5")));
        Assert.Equal(Ts("1969-12-31 23:00:00").Value, Call("date_trunc", Lit("hour"), Ts("1969-12-31 23:59:58.5")));
    }

    [Fact]
    public void SubstringFollowsTrino()
    {
        Assert.Equal("bcd", Call("substring", Lit("abcdef"), Lit(2), Lit(3)));
        Assert.Equal("bcdef", Call("substring", Lit("abcdef"), Lit(2)));
        Assert.Equal("ef", Call("substring", Lit("abcdef"), Lit(-2)));
        Assert.Equal("de", Call("substring", Lit("abcdef"), Lit(-3), Lit(2)));
        Assert.Equal("", Call("substring", Lit("abcdef"), Lit(0)));
        Assert.Equal("", Call("substring", Lit("abcdef"), Lit(7)));
        Assert.Equal("", Call("substring", Lit("abcdef"), Lit(-7)));
        Assert.Equal("", Call("substring", Lit("abcdef"), Lit(2), Lit(-1)));
        Assert.Equal("abcdef", Call("substring", Lit("abcdef"), Lit(1), Lit(100)));
        Assert.Equal("本語", Call("substr", Lit("日本語"), Lit(2)));
        Assert.Equal("本", Call("substr", Lit("日本語"), Lit(-2), Lit(1)));
        Assert.Null(Call("substring", Lit(null, DataType.Utf8), Lit(1)));
    }

    [Fact]
    public void StringFunctions()
    {
        Assert.Equal(3L, Call("length", Lit("日本語")));
        Assert.Equal("héllo", Call("lower", Lit("HÉLLO")));
        Assert.Equal("HÉLLO", Call("upper", Lit("héllo")));
        Assert.Equal("a b", Call("trim", Lit("  a b \t")));
        Assert.Equal("a b \t", Call("ltrim", Lit("  a b \t")));
        Assert.Equal("  a b", Call("rtrim", Lit("  a b \t")));
        Assert.Equal("x", Call("trim", Lit("\u3000x\u3000")));
        Assert.Equal("\u00A0x", Call("trim", Lit("\u00A0x\n")));
        Assert.Equal("語本日", Call("reverse", Lit("日本語")));
        Assert.Equal(2L, Call("strpos", Lit("日本語"), Lit("本")));
        Assert.Equal(0L, Call("strpos", Lit("abc"), Lit("z")));
        Assert.Equal(1L, Call("strpos", Lit("abc"), Lit("")));
        Assert.Equal("a-b-c", Call("replace", Lit("a.b.c"), Lit("."), Lit("-")));
        Assert.Equal("abc", Call("replace", Lit("a.b.c"), Lit(".")));
        Assert.Equal("xaxbx", Call("replace", Lit("ab"), Lit(""), Lit("x")));
        Assert.Equal("b", Call("split_part", Lit("a,b,c"), Lit(","), Lit(2)));
        Assert.Equal("c", Call("split_part", Lit("a,b,c"), Lit(","), Lit(3)));
        Assert.Null(Call("split_part", Lit("a,b,c"), Lit(","), Lit(4)));
        Assert.Equal("", Call("split_part", Lit("a,,c"), Lit(","), Lit(2)));
        Assert.Throws<ExecutionException>(() => Call("split_part", Lit("a,b"), Lit(","), Lit(0)));
        Assert.Equal("xyxhi", Call("lpad", Lit("hi"), Lit(5), Lit("xy")));
        Assert.Equal("hixyx", Call("rpad", Lit("hi"), Lit(5), Lit("xy")));
        Assert.Equal("he", Call("lpad", Lit("hello"), Lit(2), Lit("x")));
        Assert.Throws<ExecutionException>(() => Call("lpad", Lit("a"), Lit(3), Lit("")));
        Assert.Equal(true, Call("starts_with", Lit("hello"), Lit("he")));
        Assert.Equal(false, Call("starts_with", Lit("hello"), Lit("lo")));
        Assert.Equal("abc", Call("concat", Lit("a"), Lit("b"), Lit("c")));
        Assert.Null(Call("concat", Lit("a"), Lit(null, DataType.Utf8)));
    }

    [Fact]
    public void StringFunctionsOverColumns()
    {
        var batch = Column(DataType.Utf8, "Abc", null, "", "日本");
        Assert.Equal(["abc", null, "", "日本"], Eval(Fn("lower", X(DataType.Utf8)), batch));
        Assert.Equal([3L, null, 0L, 2L], Eval(Fn("length", X(DataType.Utf8)), batch));
        Assert.Equal(["bc", null, "", "本"], Eval(Fn("substring", X(DataType.Utf8), Lit(2)), batch));
    }

    [Fact]
    public void MathFunctions()
    {
        Assert.Equal(5L, Call("abs", Lit(-5)));
        Assert.Equal(Dec("1.50", 2), Call("abs", D("-1.50", 3, 2)));
        Assert.Throws<ExecutionException>(() => Call("abs", Lit(long.MinValue)));
        Assert.Equal(3.0, Call("round", Lit(2.5, DataType.Float64)));
        Assert.Equal(-3.0, Call("round", Lit(-2.5, DataType.Float64)));
        Assert.Equal(1.24, Call("round", Lit(1.235, DataType.Float64), Lit(2)));
        Assert.Equal(1200L, Call("round", Lit(1250), Lit(-2)) is long l && l == 1300 ? 1200L : Call("round", Lit(1249), Lit(-2)));
        Assert.Equal(1300L, Call("round", Lit(1250), Lit(-2)));
        Assert.Equal(Dec("13", 0), Call("round", D("12.5", 3, 1)));
        Assert.Equal(Dec("-13", 0), Call("round", D("-12.5", 3, 1)));
        Assert.Equal(Dec("12.350", 3), Call("round", D("12.345", 5, 3), Lit(2)));
        Assert.Equal(Dec("10.00", 2), Call("round", D("9.99", 3, 2), Lit(1)));
        Assert.Equal(new DecimalType(4, 2), Fn("round", D("9.99", 3, 2), Lit(1)).Type);
        Assert.Equal(2.0, Call("floor", Lit(2.7, DataType.Float64)));
        Assert.Equal(-3.0, Call("floor", Lit(-2.1, DataType.Float64)));
        Assert.Equal(3.0, Call("ceil", Lit(2.1, DataType.Float64)));
        Assert.Equal(Dec("-3", 0), Call("floor", D("-2.5", 2, 1)));
        Assert.Equal(Dec("3", 0), Call("ceiling", D("2.1", 2, 1)));
        Assert.Equal(7L, Call("floor", Lit(7)));
        Assert.Equal(1L, Call("mod", Lit(7), Lit(3)));
        Assert.Equal(-1L, Call("mod", Lit(-7), Lit(3)));
        Assert.Equal(Dec("1.5", 1), Call("mod", D("7.5", 2, 1), Lit(3)));
        Assert.Throws<ExecutionException>(() => Call("mod", Lit(7), Lit(0)));
        Assert.Equal(8.0, Call("power", Lit(2), Lit(3)));
        Assert.Equal(3.0, Call("sqrt", Lit(9)));
        Assert.True(double.IsNaN((double)Call("sqrt", Lit(-1))!));
        Assert.Equal(0.0, Call("ln", Lit(1)));
        Assert.Equal(1.0, Call("exp", Lit(0)));
        Assert.Equal(2.0, Call("log10", Lit(100)));
        Assert.Equal(-1L, Call("sign", Lit(-9)));
        Assert.Equal(9L, Call("greatest", Lit(3), Lit(9), Lit(5)));
        Assert.Equal(3L, Call("least", Lit(3), Lit(9), Lit(5)));
        Assert.Null(Call("greatest", Lit(3), Lit(null, DataType.Int64)));
        Assert.Equal("b", Call("greatest", Lit("a"), Lit("b")));
        Assert.Equal(2.5, Call("greatest", Lit(2), Lit(2.5, DataType.Float64)));
    }

    [Fact]
    public void ConditionalFunctions()
    {
        Assert.Equal(2L, Call("coalesce", Lit(null, DataType.Int64), Lit(2), Lit(3)));
        Assert.Null(Call("coalesce", Lit(null, DataType.Int64), Lit(null, DataType.Int64)));
        var batch = Column(DataType.Int64, 1L, null, 0L, null);
        var x = X(DataType.Int64);
        Assert.Equal([1L, -1L, 0L, -1L], Eval(Fn("coalesce", x, Lit(-1)), batch));
        // Later arguments are evaluated only where earlier ones are null: 10 / x would fail on x = 0.
        var lazy = Fn("coalesce", x, new BinaryExpr(BinaryOp.Divide, Lit(10), new BinaryExpr(BinaryOp.Add, x, Lit(0), DataType.Int64), DataType.Int64), Lit(7));
        Assert.Equal([1L, 7L, 0L, 7L], Eval(lazy, batch));
        Assert.Equal([null, null, 0L, null], Eval(Fn("nullif", x, Lit(1)), batch));
        Assert.Equal(["one", "other", "other", "other"], Eval(Fn("if", new BinaryExpr(BinaryOp.Equal, x, Lit(1), DataType.Boolean), Lit("one"), Lit("other")), batch));
        Assert.Equal([10L, null, null, null], Eval(Fn("if", new BinaryExpr(BinaryOp.Equal, x, Lit(1), DataType.Boolean), Lit(10)), batch));
        var ifLazy = Fn("if", new BinaryExpr(BinaryOp.Equal, x, Lit(0), DataType.Boolean), Lit(0), new BinaryExpr(BinaryOp.Divide, Lit(10), x, DataType.Int64));
        Assert.Equal([10L, null, 0L, null], Eval(ifLazy, batch));
    }

    [Fact]
    public void UnknownFunctionsDoNotResolve()
    {
        Assert.Null(FunctionRegistry.ResolveScalar("no_such_function", [DataType.Int64]));
        Assert.Null(FunctionRegistry.ResolveScalar("length", [DataType.Int64]));
    }
}
