using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Operators;
using QueryEngine.Engine.Execution.Operators.Aggregate;
using QueryEngine.Engine.Execution.Operators.Join;
using QueryEngine.Engine.Execution.Operators.Join.HashJoin;
using QueryEngine.Engine.Execution.Operators.Scan;
using QueryEngine.Engine.Execution.Operators.Sort;
using QueryEngine.Engine.Execution.Operators.Window;
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
        // Streaming steps over a scan run as parallel pipelines when the query may use several threads.
        if (plan is FilterExec or ProjectExec or HashJoinExec && Pipelines.Partitioner(plan, context) is { } partitions)
        {
            _ = BuildSerial(plan, context);
            return new GatherOperator(plan.Schema, partitions, context);
        }
        var op = BuildSerial(plan, context);
        return context.Profile is { } profile ? new ProfiledOperator(op, profile.For(plan), context) : op;
    }

    private static Operator BuildSerial(PhysicalPlan plan, ExecutionContext context)
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
            case HashJoinExec join:
                return new HashJoinOperator(join, Build(join.Left, context), Build(join.Right, context), context);
            case NestedLoopJoinExec join:
                return new NestedLoopJoinOperator(join, Build(join.Left, context), Build(join.Right, context), context);
            case SortExec sort:
                return new SortOperator(Build(sort.Input, context), sort, context);
            case TopNExec topN:
                return new TopNOperator(Build(topN.Input, context), topN, context);
            case RecursiveUnionExec recursive:
                return new RecursiveUnionOperator(recursive, Build(recursive.Anchor, context), context);
            case SharedSpoolExec shared:
                return new SharedSpoolOperator(shared, context);
            case WorkTableScanExec workTable:
                return new WorkTableScanOperator(workTable, context);
            case SampleExec sample:
                return new SampleOperator(Build(sample.Input, context), sample.System, sample.Ratio, context);
            case UnnestExec unnest:
                {
                    var input = Build(unnest.Input, context);
                    return new UnnestOperator(input, ExpressionCompiler.CompileAll(unnest.Expressions, input.Schema), unnest.WithOrdinality, unnest.Outer, unnest.Schema, context);
                }
            case WindowExec window:
                return new WindowOperator(window, Build(window.Input, context), context);
            case HashAggregateExec aggregate:
                {
                    var input = Build(aggregate.Input, context);
                    return new HashAggregateOperator(aggregate, input, Pipelines.Partitioner(aggregate.Input, context), context);
                }
            default:
                throw new NotSupportedQueryException($"plan node {plan.GetType().Name} is not supported by the executor");
        }
    }

    /// <summary>Compiles one expression per output field, casting where the expression's type differs from the field's.</summary>
    internal static Evaluator[] CompileOutputs(IReadOnlyList<PhysicalExpr> exprs, Schema input, Schema output)
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
