using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Operators;
using QueryEngine.Engine.Execution.Operators.Scan;
using QueryEngine.Engine.Execution.Plan;
using QueryEngine.Engine.Expressions;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Execution;

/// <summary>Turns a tree of <see cref="PhysicalPlan"/> records into running operators, compiling every expression once.</summary>
internal static class ExecutionBuilder
{
    private static readonly RecordBatch OneRow = new(Schema.Empty, [], 1);

    public static Operator Build(PhysicalPlan plan, ExecutionContext context)
    {
        switch (plan)
        {
            case ScanExec scan:
                return new ScanOperator(scan, context);
            case ValuesExec values:
                return BuildValues(values, context);
            case FilterExec filter:
                {
                    var input = Build(filter.Input, context);
                    var predicate = ExpressionCompiler.Coerce(ExpressionCompiler.Compile(filter.Predicate, input.Schema), DataType.Boolean);
                    return new FilterOperator(input, predicate, context);
                }
            case ProjectExec project:
                {
                    var input = Build(project.Input, context);
                    return new ProjectOperator(input, CompileOutputs(project.Exprs, input.Schema, project.Schema), project.Schema, context);
                }
            case LimitExec limit:
                return new LimitOperator(Build(limit.Input, context), limit.Offset, limit.Limit, context);
            case UnionAllExec union:
                {
                    var inputs = new Operator[union.Inputs.Count];
                    for (var i = 0; i < inputs.Length; i++) inputs[i] = Build(union.Inputs[i], context);
                    return new UnionAllOperator(inputs, union.Schema, context);
                }
            case EnforceSingleRowExec single:
                return new EnforceSingleRowOperator(Build(single.Input, context), context);
            default:
                throw new NotSupportedQueryException($"plan node {plan.GetType().Name} is not supported by the executor");
        }
    }

    /// <summary>Compiles one expression per output field, casting where the expression's type differs from the field's.</summary>
    private static Evaluator[] CompileOutputs(IReadOnlyList<PhysicalExpr> exprs, Schema input, Schema output)
    {
        if (exprs.Count != output.Count) throw new InternalException($"{exprs.Count} expressions for an output of {output.Count} columns");
        var result = new Evaluator[exprs.Count];
        for (var i = 0; i < result.Length; i++) result[i] = ExpressionCompiler.Coerce(ExpressionCompiler.Compile(exprs[i], input), output[i].Type);
        return result;
    }

    private static ValuesOperator BuildValues(ValuesExec values, ExecutionContext context)
    {
        var schema = values.Schema;
        var columns = new List<ArrowArray>[schema.Count];
        for (var c = 0; c < columns.Length; c++) columns[c] = new List<ArrowArray>(values.Rows.Count);
        foreach (var row in values.Rows)
        {
            if (row.Count != schema.Count) throw new InternalException($"VALUES row has {row.Count} values for {schema.Count} columns");
            var evaluators = CompileOutputs(row, Schema.Empty, schema);
            for (var c = 0; c < evaluators.Length; c++) columns[c].Add(evaluators[c].EvaluateFlat(OneRow));
        }
        return new ValuesOperator(ValuesOperator.Assemble(schema, columns, values.Rows.Count), context);
    }
}
