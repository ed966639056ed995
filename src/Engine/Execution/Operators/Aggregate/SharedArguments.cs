using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;
using QueryEngine.Engine.Expressions;

namespace QueryEngine.Engine.Execution.Operators.Aggregate;

/// <summary>
/// Common subexpressions across aggregate arguments: when an aggregate's argument (an expression, not a plain column)
/// reappears inside a later aggregate's argument, as in TPC-H Q1's <c>sum(p * (1 - d))</c> and
/// <c>sum(p * (1 - d) * (1 + t))</c>, the earlier value is published as an extra column after the input columns and
/// the later argument reads that column instead of computing it again. Aggregates with FILTER neither publish nor read
/// (their arguments are evaluated on a subset of rows), nor do arguments the accumulator coerces to another type.
/// </summary>
internal sealed class SharedArguments
{
    private SharedArguments(IReadOnlyList<PhysicalExpr>[] args, int[] publishedSlot, Schema[] schemas)
    {
        Args = args;
        PublishedSlot = publishedSlot;
        Schemas = schemas;
    }

    /// <summary>Per aggregate, its arguments with shared subexpressions replaced by column references.</summary>
    public IReadOnlyList<PhysicalExpr>[] Args { get; }

    /// <summary>Per aggregate, the extra column its first argument's value is published as, or -1.</summary>
    public int[] PublishedSlot { get; }

    /// <summary>Per aggregate, the schema its arguments are compiled against: the input plus the columns published before it.</summary>
    public Schema[] Schemas { get; }

    public int PublishedCount => PublishedSlot.Count(s => s >= 0);

    public static SharedArguments Plan(IReadOnlyList<AggregateCall> aggregates, Schema input)
    {
        var args = new IReadOnlyList<PhysicalExpr>[aggregates.Count];
        var publishedSlot = new int[aggregates.Count];
        var schemas = new Schema[aggregates.Count];
        var fields = new List<Field>(input.Fields);
        var published = new List<(PhysicalExpr Expr, ColumnExpr Column)>();
        var schema = input;
        for (var i = 0; i < aggregates.Count; i++)
        {
            var call = aggregates[i];
            schemas[i] = schema;
            publishedSlot[i] = -1;
            if (call.Filter is not null || published.Count == 0)
            {
                args[i] = call.Args;
            }
            else
            {
                var rewritten = new PhysicalExpr[call.Args.Count];
                for (var a = 0; a < rewritten.Length; a++) rewritten[a] = Replace(call.Args[a], published);
                args[i] = rewritten;
            }
            if (!CanPublish(call) || !ReappearsLater(call.Args[0], aggregates, i + 1)) continue;
            var column = new ColumnExpr(fields.Count, call.Args[0].Type, $"$shared{published.Count}");
            fields.Add(new Field(column.Name, column.Type));
            publishedSlot[i] = published.Count;
            published.Add((call.Args[0], column));
            schema = new Schema([.. fields]);
        }
        return new SharedArguments(args, publishedSlot, schemas);
    }

    private static bool CanPublish(AggregateCall call) =>
        call.Filter is null && call.Args.Count > 0 && call.Args[0] is BinaryExpr or NegateExpr or CastExpr or CaseExpr or ScalarFunctionExpr
        && call.Args[0].Type.Equals(AccumulatorFactory.InputType(call, call.Args[0].Type));

    private static bool ReappearsLater(PhysicalExpr expr, IReadOnlyList<AggregateCall> aggregates, int from)
    {
        for (var j = from; j < aggregates.Count; j++)
        {
            if (aggregates[j].Filter is not null) continue;
            foreach (var arg in aggregates[j].Args)
            {
                if (Contains(arg, expr)) return true;
            }
        }
        return false;
    }

    /// <summary>Whether <paramref name="expr"/> is <paramref name="target"/> or has it among its arithmetic operands.</summary>
    private static bool Contains(PhysicalExpr expr, PhysicalExpr target) => expr.Equals(target) || expr switch
    {
        BinaryExpr b => Contains(b.Left, target) || Contains(b.Right, target),
        NegateExpr n => Contains(n.Input, target),
        CastExpr c => Contains(c.Input, target),
        _ => false,
    };

    private static PhysicalExpr Replace(PhysicalExpr expr, List<(PhysicalExpr Expr, ColumnExpr Column)> published)
    {
        foreach (var (shared, column) in published)
        {
            if (expr.Equals(shared)) return column;
        }
        return expr switch
        {
            BinaryExpr b => b with { Left = Replace(b.Left, published), Right = Replace(b.Right, published) },
            NegateExpr n => n with { Input = Replace(n.Input, published) },
            CastExpr c => c with { Input = Replace(c.Input, published) },
            _ => expr,
        };
    }
}
