using QueryEngine.Engine.Common;
using QueryEngine.Engine.Planning.Logical;
using QueryEngine.Engine.Sql.Ast;

namespace QueryEngine.Engine.Planning.Binder;

/// <summary>A recursive CTE's name while its step is bound: references read the previous round (a work table).</summary>
internal sealed class RecursiveReference(int id, IReadOnlyList<ColumnRef> columns)
{
    public int Id { get; } = id;

    /// <summary>Names and types of the CTE's columns (each reference gets fresh column ids).</summary>
    public IReadOnlyList<ColumnRef> Columns { get; } = columns;

    public int References { get; set; }
}

/// <summary>WITH RECURSIVE: <c>anchor UNION ALL step</c>, where the step reads the CTE itself.</summary>
public sealed partial class QueryBinder
{
    /// <summary>Binds a WITH RECURSIVE query; null when it does not reference itself (it is then an ordinary CTE).</summary>
    private BoundRelation? BindRecursive(WithQuery cte)
    {
        if (cte.Query.Body is not SetOperation { Type: SetOperationType.Union } union || cte.Query.OrderBy is not null || cte.Query.Limit is not null || cte.Query.Offset is not null)
        {
            return null;
        }
        var name = cte.Name.CanonicalValue;
        var anchor = BindQueryBody(union.Left, outer: null).Plan;
        var anchorColumns = anchor.Output;
        if (cte.ColumnNames.Count > 0 && cte.ColumnNames.Count != anchorColumns.Count)
        {
            throw new SemanticException($"WITH query '{name}' names {cte.ColumnNames.Count} columns but has {anchorColumns.Count}", cte.Span);
        }
        var names = anchorColumns.Select((c, i) => cte.ColumnNames.Count > 0 ? cte.ColumnNames[i].CanonicalValue : c.Name).ToArray();
        var reference = new RecursiveReference(_nextWorkTableId++, anchorColumns.Select((c, i) => NewColumn(names[i], c.Type)).ToArray());
        _workTables[name] = reference;
        LogicalPlan step;
        try
        {
            step = BindQueryBody(union.Right, outer: null).Plan;
        }
        finally
        {
            _workTables.Remove(name);
        }
        if (reference.References == 0) return null;
        if (union.Distinct) throw new NotSupportedQueryException("WITH RECURSIVE supports UNION ALL only", union.Span);
        if (step.Output.Count != anchorColumns.Count)
        {
            throw new SemanticException($"The recursive step of '{name}' has {step.Output.Count} columns but its anchor has {anchorColumns.Count}", union.Span);
        }
        var types = anchorColumns.Select(c => c.Type).ToArray();
        for (var i = 0; i < types.Length; i++)
        {
            var stepType = step.Output[i].Type;
            if (!stepType.Equals(types[i]) && Coercion.CommonType(stepType, types[i])?.Equals(types[i]) != true)
            {
                throw new SemanticException(
                    $"Column {i + 1} of the recursive step of '{name}' has type {stepType.SqlName}, which does not fit the anchor's {types[i].SqlName}",
                    union.Span,
                    code: ErrorCode.TypeMismatch);
            }
        }
        step = CoerceOutput(step, types);
        var columns = names.Select((n, i) => NewColumn(n, types[i])).ToArray();
        return Output(new RecursiveCteNode(anchor, step, reference.Id, columns), null);
    }

    private BoundRelation BindWorkTable(RecursiveReference reference, Scope? outer)
    {
        reference.References++;
        var columns = reference.Columns.Select(c => NewColumn(c.Name, c.Type)).ToArray();
        var name = _workTables.First(w => w.Value == reference).Key;
        return new BoundRelation(new WorkTableNode(reference.Id, columns), new Scope(columns.Select(c => new ScopeColumn(name, c.Name, c)).ToArray(), outer));
    }
}
