using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Functions;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Evaluation;

/// <summary>
/// Turns a <see cref="PhysicalExpr"/> tree into an <see cref="Evaluator"/> tree once per operator: checks column
/// references against the input schema, inserts defensive casts where operand types differ from what a kernel takes,
/// picks typed kernels and folds constant subtrees (keeping the runtime node when folding raises an error, so an error
/// in a branch that is never taken is never reported).
/// </summary>
internal static class ExpressionCompiler
{
    private static readonly RecordBatch OneRow = new(Schema.Empty, [], 1);

    public static Evaluator Compile(PhysicalExpr expr, Schema input) => Fold(Build(expr, input, false));

    /// <summary>
    /// As <see cref="Compile"/> for an expression whose every result is consumed before the next batch is evaluated
    /// (an aggregate's argument that the accumulator folds into its state and does not keep): decimal arithmetic over
    /// columns then writes each batch into one buffer per node, reused, instead of a new array per node and batch.
    /// </summary>
    public static Evaluator CompileReusingBuffers(PhysicalExpr expr, Schema input) => Fold(Build(expr, input, true));

    public static Evaluator[] CompileAll(IReadOnlyList<PhysicalExpr> exprs, Schema input)
    {
        var result = new Evaluator[exprs.Count];
        for (var i = 0; i < result.Length; i++) result[i] = Compile(exprs[i], input);
        return result;
    }

    private static Evaluator Build(PhysicalExpr expr, Schema input, bool reuseBuffers)
    {
        switch (expr)
        {
            case ColumnExpr c:
                if ((uint)c.Index >= (uint)input.Count) throw new InternalException($"column {c.Index} ({c.Name}) is outside an input of {input.Count} columns");
                if (!input[c.Index].Type.Equals(c.Type))
                {
                    throw new InternalException($"column {c.Index} ({c.Name}) is typed {c.Type} but the input column is {input[c.Index].Type}");
                }
                return new ColumnEvaluator(c.Index, c.Type);
            case LiteralExpr l:
                return new LiteralEvaluator(ArrayFactory.FromValue(l.Value, l.Type));
            case LambdaExpr l:
                return LambdaEvaluator.Create(l, input);
            case LambdaVariableExpr v:
                {
                    var index = input.IndexOf(LambdaEvaluator.VariableName(v.Id));
                    if (index < 0) throw new InternalException($"lambda parameter {v.Name} is used outside its lambda");
                    return new ColumnEvaluator(index, v.Type);
                }
            case BinaryExpr b:
                return BuildBinary(b, input, reuseBuffers);
            case NotExpr n:
                return new NotEvaluator(Coerce(Compile(n.Input, input), DataType.Boolean));
            case NegateExpr n:
                {
                    var operand = Compile(n.Input, input);
                    if (operand.Type.Id == TypeId.Null) return new LiteralEvaluator(ArrayFactory.AllNull(n.Type, 1));
                    return new UnaryKernelEvaluator(operand.Type, operand, ArithmeticKernels.Negate(operand.Type), operand.Type.IsInteger);
                }
            case IsNullExpr i:
                return new IsNullEvaluator(Compile(i.Input, input), i.Negated);
            case CastExpr c:
                return new CastEvaluator(Compile(c.Input, input), c.Type, c.IsTry);
            case CaseExpr c:
                {
                    var whens = new (Evaluator, Evaluator)[c.Whens.Count];
                    for (var i = 0; i < whens.Length; i++)
                    {
                        whens[i] = (Coerce(Compile(c.Whens[i].Condition, input), DataType.Boolean), Coerce(Compile(c.Whens[i].Result, input), c.Type));
                    }
                    var elseResult = c.Else is null ? null : Coerce(Compile(c.Else, input), c.Type);
                    return (Evaluator?)ConstantCaseEvaluator.TryCreate(c.Type, whens, elseResult) ?? new CaseEvaluator(c.Type, whens, elseResult);
                }
            case InListExpr i:
                return BuildInList(i, input);
            case LikeExpr l:
                return new LikeEvaluator(
                    Coerce(Compile(l.Input, input), DataType.Utf8),
                    Coerce(Compile(l.Pattern, input), DataType.Utf8),
                    l.Escape is null ? null : Coerce(Compile(l.Escape, input), DataType.Utf8),
                    l.Negated);
            case ScalarFunctionExpr f:
                {
                    var args = new Evaluator[f.Args.Count];
                    for (var i = 0; i < args.Length; i++) args[i] = Compile(f.Args[i], input);
                    return FunctionCompiler.Compile(f.Name, args, f.Type);
                }
            default:
                throw new NotSupportedQueryException($"expression {expr.GetType().Name} is not supported by the executor");
        }
    }

    private static Evaluator BuildBinary(BinaryExpr b, Schema input, bool reuseBuffers)
    {
        var left = Fold(Build(b.Left, input, reuseBuffers));
        var right = Fold(Build(b.Right, input, reuseBuffers));
        switch (b.Op)
        {
            case BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply or BinaryOp.Divide or BinaryOp.Modulo:
                {
                    var type = b.Type;
                    if (type.Id == TypeId.Decimal128)
                    {
                        left = Coerce(left, TypeRules.AsDecimal(left.Type.Id == TypeId.Null ? type : left.Type) ?? throw Mismatch(b, left.Type));
                        right = Coerce(right, TypeRules.AsDecimal(right.Type.Id == TypeId.Null ? type : right.Type) ?? throw Mismatch(b, right.Type));
                    }
                    else if (type.IsNumeric)
                    {
                        left = Coerce(left, type);
                        right = Coerce(right, type);
                    }
                    else
                    {
                        throw new InternalException($"arithmetic {b.Op} with result type {type}");
                    }
                    // A node without columns is folded to a literal from its first result, which must not live in a reused buffer.
                    var reuse = reuseBuffers && (left.Columns.Length != 0 || right.Columns.Length != 0);
                    var kernel = ArithmeticKernels.Create(b.Op, left.Type, right.Type, type, reuse);
                    return new BinaryKernelEvaluator(type, left, right, kernel, ArithmeticKernels.CanFail(b.Op, left.Type, right.Type, type));
                }
            case BinaryOp.Equal or BinaryOp.NotEqual or BinaryOp.Less or BinaryOp.LessOrEqual or BinaryOp.Greater or BinaryOp.GreaterOrEqual
                or BinaryOp.Distinct or BinaryOp.NotDistinct:
                {
                    if (!left.Type.Equals(right.Type))
                    {
                        var common = TypeRules.CommonSuperType(left.Type, right.Type) ?? throw Mismatch(b, right.Type);
                        left = Coerce(left, common);
                        right = Coerce(right, common);
                    }
                    return new BinaryKernelEvaluator(DataType.Boolean, left, right, ComparisonKernels.Create(b.Op, left.Type), false);
                }
            case BinaryOp.And or BinaryOp.Or:
                return new AndOrEvaluator(Coerce(left, DataType.Boolean), Coerce(right, DataType.Boolean), b.Op == BinaryOp.And);
            case BinaryOp.Concat:
                return new BinaryKernelEvaluator(DataType.Utf8, Coerce(left, DataType.Utf8), Coerce(right, DataType.Utf8), StringKernels.Concat, false);
            default:
                throw new NotSupportedQueryException($"operator {b.Op} is not supported");
        }
    }

    private static InternalException Mismatch(BinaryExpr b, DataType operand) =>
        new($"operator {b.Op} cannot take a {operand} operand for result {b.Type}");

    private static Evaluator BuildInList(InListExpr expr, Schema input)
    {
        var value = Compile(expr.Input, input);
        var items = new Evaluator[expr.List.Count];
        var allConstant = true;
        var type = value.Type;
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Compile(expr.List[i], input);
            if (!items[i].Type.Equals(type) && items[i].Type.Id != TypeId.Null)
            {
                type = TypeRules.CommonSuperType(type, items[i].Type) ?? throw new InternalException($"IN list item of type {items[i].Type} for a {value.Type} value");
            }
        }
        value = Coerce(value, type);
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Fold(Coerce(items[i], type));
            allConstant &= items[i] is LiteralEvaluator;
        }
        if (allConstant && type.Id != TypeId.Null && !type.IsNested)
        {
            var constants = new ArrowArray[items.Length];
            for (var i = 0; i < items.Length; i++) constants[i] = ((LiteralEvaluator)items[i]).Value;
            return new InListEvaluator(value, constants, expr.Negated);
        }
        // General form: x = a OR x = b OR ... (the same null semantics as IN).
        Evaluator? result = null;
        foreach (var item in items)
        {
            Evaluator eq = new BinaryKernelEvaluator(DataType.Boolean, value, item, ComparisonKernels.Create(BinaryOp.Equal, type), false);
            result = result is null ? eq : new AndOrEvaluator(result, eq, false);
        }
        result ??= new LiteralEvaluator(ArrayFactory.FromValue(false, DataType.Boolean));
        return expr.Negated ? new NotEvaluator(result) : result;
    }

    /// <summary>Casts <paramref name="e"/> to <paramref name="type"/> unless it already has it.</summary>
    public static Evaluator Coerce(Evaluator e, DataType type)
    {
        if (e.Type.Equals(type)) return e;
        if (e.Type.Id == TypeId.Null) return new LiteralEvaluator(ArrayFactory.AllNull(type, 1));
        return Fold(new CastEvaluator(e, type, false));
    }

    /// <summary>Replaces a constant subtree by its value; keeps it when evaluation fails (the error surfaces only if rows reach it).</summary>
    public static Evaluator Fold(Evaluator e)
    {
        if (e is LiteralEvaluator || e.Columns.Length != 0 || e is ColumnEvaluator or LambdaEvaluator) return e;
        try
        {
            var v = e.Evaluate(OneRow);
            var array = v.IsConstant ? v.Array : v.Array.Length == 1 ? v.Array : null;
            return array is null ? e : new LiteralEvaluator(array);
        }
        catch (QueryException)
        {
            return e;
        }
    }
}
