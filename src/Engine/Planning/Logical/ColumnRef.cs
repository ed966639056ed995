using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Planning.Logical;

/// <summary>
/// A column produced somewhere in a logical plan. <see cref="Id"/> is unique within one query; expressions in
/// logical plans refer to columns by id (<c>ColumnExpr.Index</c> holds the id), which keeps rewrites
/// independent of column positions. The physical planner maps ids to positions.
/// </summary>
public sealed record ColumnRef(int Id, string Name, DataType Type)
{
    public Expressions.ColumnExpr ToExpr() => new(Id, Type, Name);

    public Field ToField() => new(Name, Type);
}
