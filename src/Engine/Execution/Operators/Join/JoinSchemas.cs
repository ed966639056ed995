using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Plan;

namespace QueryEngine.Engine.Execution.Operators.Join;

internal static class JoinSchemas
{
    /// <summary>Left columns followed by right columns: what join filters refer to.</summary>
    public static Schema Combined(Schema left, Schema right) => new([.. left.Fields, .. right.Fields]);

    public static void CheckOutput(JoinType type, Schema output, Schema left, Schema right)
    {
        var expected = type is JoinType.LeftSemi or JoinType.LeftAnti ? left.Count : left.Count + right.Count;
        if (output.Count != expected) throw new InternalException($"{type} join output has {output.Count} columns, expected {expected}");
    }
}
