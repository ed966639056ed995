using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>Compiles a <see cref="ScalarFunctionExpr"/> by canonical name into an evaluator with typed kernels.</summary>
internal static class FunctionCompiler
{
    public static Evaluator Compile(string name, Evaluator[] args, DataType type)
    {
        if (Lambdas.HigherOrderFunctions.IsHigherOrder(name)) return Lambdas.HigherOrderFunctions.Compile(name, args, type);
        if (name == "try") return new TryEvaluator(args[0]);
        if (name == QuantifiedComparison.FunctionName) return QuantifiedComparison.Compile(args);
        if (name == "$field") return Nested.NestedFunctions.Field(args[0], Nested.NestedFunctions.FieldIndex(args[1]), type);
        var argTypes = new DataType[args.Length];
        for (var i = 0; i < args.Length; i++) argTypes[i] = args[i].Type;
        var signature = ScalarSignatures.Resolve(name, argTypes)
            ?? throw new NotSupportedQueryException($"function {name}({string.Join(", ", argTypes.Select(t => t.SqlName))}) is not supported");
        for (var i = 0; i < args.Length; i++) args[i] = ExpressionCompiler.Coerce(args[i], signature.ArgTypes[i]);
        switch (signature.Name)
        {
            case "year" or "month" or "day" or "quarter" or "day_of_week" or "day_of_year" or "week" or "year_of_week" or "hour" or "minute" or "second":
                return Strict(type, args, DateFunctions.Field(signature.Name, args[0].Type));
            case "length": return Strict(type, args, StringFunctions.Length);
            case "lower": return Strict(type, args, StringFunctions.Lower);
            case "upper": return Strict(type, args, StringFunctions.Upper);
            case "trim": return Strict(type, args, StringFunctions.Trim);
            case "ltrim": return Strict(type, args, StringFunctions.LTrim);
            case "rtrim": return Strict(type, args, StringFunctions.RTrim);
            case "reverse": return Strict(type, args, StringFunctions.Reverse);
            case "substring": return Strict(type, args, StringFunctions.Substring);
            case "strpos": return Strict(type, args, StringFunctions.StrPos);
            case "starts_with": return Strict(type, args, StringFunctions.StartsWith);
            case "replace": return Strict(type, args, StringFunctions.Replace);
            case "split_part": return Strict(type, args, StringFunctions.SplitPart, canFail: true);
            case "lpad": return Strict(type, args, StringFunctions.LPad, canFail: true);
            case "rpad": return Strict(type, args, StringFunctions.RPad, canFail: true);
            case "concat": return Strict(type, args, StringFunctions.Concat);
            case "abs":
                {
                    var kernel = ArithmeticKernels.Abs(args[0].Type);
                    return new UnaryKernelEvaluator(type, args[0], kernel, args[0].Type.IsInteger);
                }
            case "round":
                return Strict(type, args, MathFunctions.Round(args[0].Type, type, args.Length == 2), canFail: !args[0].Type.IsFloating);
            case "floor": return Strict(type, args, MathFunctions.FloorCeil(args[0].Type, type, ceiling: false));
            case "ceiling": return Strict(type, args, MathFunctions.FloorCeil(args[0].Type, type, ceiling: true));
            case "mod":
                return new BinaryKernelEvaluator(type, args[0], args[1], ArithmeticKernels.Create(BinaryOp.Modulo, args[0].Type, args[1].Type, type), ArithmeticKernels.CanFail(type));
            case "power": return Strict(type, args, MathFunctions.Power());
            case "sqrt": return Strict(type, args, MathFunctions.Double<SqrtFn>());
            case "ln": return Strict(type, args, MathFunctions.Double<LnFn>());
            case "log10": return Strict(type, args, MathFunctions.Double<Log10Fn>());
            case "log2": return Strict(type, args, MathFunctions.Double<Log2Fn>());
            case "exp": return Strict(type, args, MathFunctions.Double<ExpFn>());
            case "cbrt": return Strict(type, args, MathFunctions.Double<CbrtFn>());
            case "truncate": return Strict(type, args, TruncateFunction.Create(args[0].Type, type, args.Length == 2));
            case "sign": return Strict(type, args, MathFunctions.Sign(args[0].Type));
            case "greatest": return Strict(type, args, GreatestLeast.Create(type, greatest: true));
            case "least": return Strict(type, args, GreatestLeast.Create(type, greatest: false));
            case "coalesce": return args.Length == 1 ? args[0] : new CoalesceEvaluator(type, args);
            case "if":
                return new CaseEvaluator(type, [(args[0], args[1])], args.Length == 3 ? args[2] : null);
            case "nullif":
                {
                    var common = TypeRules.CommonSuperType(args[0].Type, args[1].Type)!;
                    return new NullIfEvaluator(args[0], ExpressionCompiler.Coerce(args[0], common), ExpressionCompiler.Coerce(args[1], common));
                }
            case "date_add":
                {
                    var unit = DateFunctions.ParseUnit(ConstantText(args[0], name), args[2].Type);
                    var t = args[2].Type;
                    return Strict(type, args, (a, n) => DateFunctions.DateAdd(unit, t, a, n), canFail: true);
                }
            case "date_diff":
                {
                    var unit = DateFunctions.ParseUnit(ConstantText(args[0], name), args[1].Type);
                    var t = args[1].Type;
                    return Strict(type, args, (a, n) => DateFunctions.DateDiff(unit, t, a, n));
                }
            case "date_trunc":
                {
                    var unit = DateFunctions.ParseUnit(ConstantText(args[0], name), args[1].Type);
                    var t = args[1].Type;
                    return Strict(type, args, (a, n) => DateFunctions.DateTrunc(unit, t, a, n));
                }
            default:
                return Temporal.TimeFunctions.Compile(signature.Name, args, type)
                    ?? Nested.NestedFunctions.Compile(signature.Name, args, type)
                    ?? IntervalFunctions.Compile(signature.Name, args, type)
                    ?? LibrarySignatures.Compile(signature.Name, args, type)
                    ?? Temporal.DateTimeTextFunctions.Compile(signature.Name, args, type)
                    ?? Temporal.ZonedFunctions.Compile(signature.Name, args, type)
                    ?? ListaggFunction.Compile(signature.Name, args, type)
                    ?? Temporal.PicoTimestampFunctions.Compile(signature.Name, args, type)
                    ?? throw new NotSupportedQueryException($"function {name} is not supported by the executor");
        }
    }

    private static Evaluator Strict(DataType type, Evaluator[] args, FunctionKernel kernel, bool canFail = false) =>
        new FunctionEvaluator(type, args, kernel, canFail);

    internal static string ConstantText(Evaluator arg, string function)
    {
        if (arg is LiteralEvaluator { IsNull: false } literal) return ((BinaryArray)literal.Value).GetString(0);
        throw new NotSupportedQueryException($"{function} requires a constant unit");
    }
}
