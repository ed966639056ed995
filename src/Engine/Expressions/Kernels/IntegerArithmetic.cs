using System.Numerics;
using System.Runtime.CompilerServices;

namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>Checked integer addition (Trino raises "bigint addition overflow").</summary>
internal struct IntAdd<T> : IBinaryOp<T, T, T>
    where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T left, T right)
    {
        var r = left + right;
        if (((left ^ r) & (right ^ r)) < T.Zero) KernelErrors.Overflow(KernelErrors.IntegerTypeName<T>(), "addition", left, "+", right);
        return r;
    }
}

internal struct IntSubtract<T> : IBinaryOp<T, T, T>
    where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T left, T right)
    {
        var r = left - right;
        if (((left ^ right) & (left ^ r)) < T.Zero) KernelErrors.Overflow(KernelErrors.IntegerTypeName<T>(), "subtraction", left, "-", right);
        return r;
    }
}

internal struct IntMultiply<T> : IBinaryOp<T, T, T>
    where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T left, T right)
    {
        if (typeof(T) == typeof(long))
        {
            var a = Unsafe.As<T, long>(ref left);
            var b = Unsafe.As<T, long>(ref right);
            var high = Math.BigMul(a, b, out var low);
            if (high != low >> 63) KernelErrors.Overflow("bigint", "multiplication", left, "*", right);
            return Unsafe.As<long, T>(ref low);
        }
        var wide = long.CreateTruncating(left) * long.CreateTruncating(right);
        if (wide < long.CreateTruncating(T.MinValue) || wide > long.CreateTruncating(T.MaxValue))
        {
            KernelErrors.Overflow(KernelErrors.IntegerTypeName<T>(), "multiplication", left, "*", right);
        }
        return T.CreateTruncating(wide);
    }
}

/// <summary>Integer division truncating toward zero; division by zero and MIN / -1 are errors.</summary>
internal struct IntDivide<T> : IBinaryOp<T, T, T>
    where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T left, T right)
    {
        if (right == T.Zero) KernelErrors.DivisionByZero();
        if (right == T.NegativeOne && left == T.MinValue) KernelErrors.Overflow(KernelErrors.IntegerTypeName<T>(), "division", left, "/", right);
        return left / right;
    }
}

/// <summary>Remainder with the sign of the dividend; modulo by zero is an error.</summary>
internal struct IntModulo<T> : IBinaryOp<T, T, T>
    where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T left, T right)
    {
        if (right == T.Zero) KernelErrors.DivisionByZero();
        return right == T.NegativeOne ? T.Zero : left % right;
    }
}

internal struct IntNegate<T> : IUnaryOp<T, T>
    where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T value)
    {
        if (value == T.MinValue) KernelErrors.Overflow($"{KernelErrors.IntegerTypeName<T>()} negation overflow: -({value})");
        return -value;
    }
}

internal struct IntAbs<T> : IUnaryOp<T, T>
    where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T value)
    {
        if (value == T.MinValue) KernelErrors.Overflow($"{KernelErrors.IntegerTypeName<T>()} overflow: abs({value})");
        return value < T.Zero ? -value : value;
    }
}

internal struct FloatAdd<T> : IBinaryOp<T, T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T left, T right) => left + right;
}

internal struct FloatSubtract<T> : IBinaryOp<T, T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T left, T right) => left - right;
}

internal struct FloatMultiply<T> : IBinaryOp<T, T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T left, T right) => left * right;
}

internal struct FloatDivide<T> : IBinaryOp<T, T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T left, T right) => left / right;
}

internal struct FloatModulo<T> : IBinaryOp<T, T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T left, T right) => left % right;
}

internal struct FloatNegate<T> : IUnaryOp<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T value) => -value;
}

internal struct FloatAbs<T> : IUnaryOp<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly T Apply(T value) => T.Abs(value);
}
