namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>A binary scalar operation applied by <see cref="BinaryExecutor"/>. Implemented by structs so the JIT
/// specializes and inlines each kernel loop; instance state carries per-expression parameters (decimal scales).</summary>
internal interface IBinaryOp<TL, TR, TO>
{
    TO Apply(TL left, TR right);
}

/// <summary>A unary scalar operation applied by <see cref="UnaryExecutor"/>.</summary>
internal interface IUnaryOp<TI, TO>
{
    TO Apply(TI value);
}

/// <summary>A two-operand predicate applied by <see cref="CompareExecutor"/>.</summary>
internal interface IPredicate<T>
{
    static abstract bool Apply(T left, T right);
}
