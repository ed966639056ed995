using System.Numerics;
using System.Runtime.Intrinsics;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Execution.Vectors;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>Equality where NaN equals NaN (IS [NOT] DISTINCT FROM, grouping, IN semantics for identity).</summary>
internal struct IdenticalOp<T> : ICompareOp<T>
    where T : IFloatingPointIeee754<T>
{
    public static bool Apply(T left, T right) => left == right || T.IsNaN(left) && T.IsNaN(right);

    public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) =>
        Vector256.Equals(left, right) | (~Vector256.Equals(left, left) & ~Vector256.Equals(right, right));
}

/// <summary>Typed comparison kernels for every comparable type (operands share one type).</summary>
internal static class ComparisonKernels
{
    public static BinaryKernel Create(BinaryOp op, DataType type)
    {
        if (op is BinaryOp.Distinct or BinaryOp.NotDistinct) return Distinct(type, op == BinaryOp.Distinct);
        return type.Id switch
        {
            TypeId.Int8 => Primitive<sbyte>(op),
            TypeId.Int16 => Primitive<short>(op),
            TypeId.Int32 or TypeId.Date32 => Primitive<int>(op),
            TypeId.Int64 or TypeId.Timestamp => Primitive<long>(op),
            TypeId.Float32 => Primitive<float>(op),
            TypeId.Float64 => Primitive<double>(op),
            TypeId.Decimal128 => Primitive<Int128>(op),
            TypeId.Utf8 or TypeId.Binary => Strings(op),
            TypeId.Boolean => (l, r, n) => Booleans(op, l, r, n),
            TypeId.Null => (_, _, _) => Vec.Null(DataType.Boolean),
            TypeId.List or TypeId.Map or TypeId.Struct when op is BinaryOp.Equal or BinaryOp.NotEqual => NestedComparison.Create(op == BinaryOp.NotEqual),
            _ => throw new NotSupportedQueryException($"comparison of {type.SqlName} values is not supported"),
        };
    }

    private static BinaryKernel Primitive<T>(BinaryOp op)
        where T : unmanaged, IComparisonOperators<T, T, bool> => op switch
        {
            BinaryOp.Equal => (l, r, n) => CompareExecutor.Execute<T, EqualOp<T>>(l, r, n),
            BinaryOp.NotEqual => (l, r, n) => CompareExecutor.Execute<T, NotEqualOp<T>>(l, r, n),
            BinaryOp.Less => (l, r, n) => CompareExecutor.Execute<T, LessOp<T>>(l, r, n),
            BinaryOp.LessOrEqual => (l, r, n) => CompareExecutor.Execute<T, LessOrEqualOp<T>>(l, r, n),
            BinaryOp.Greater => (l, r, n) => CompareExecutor.Execute<T, GreaterOp<T>>(l, r, n),
            BinaryOp.GreaterOrEqual => (l, r, n) => CompareExecutor.Execute<T, GreaterOrEqualOp<T>>(l, r, n),
            _ => throw new InternalException($"{op} is not a comparison"),
        };

    private static BinaryKernel Strings(BinaryOp op) => op switch
    {
        BinaryOp.Equal => (l, r, n) => StringCompareExecutor.Equal(l, r, n, false),
        BinaryOp.NotEqual => (l, r, n) => StringCompareExecutor.Equal(l, r, n, true),
        BinaryOp.Less => StringCompareExecutor.Order<TestLess>,
        BinaryOp.LessOrEqual => StringCompareExecutor.Order<TestLessOrEqual>,
        BinaryOp.Greater => StringCompareExecutor.Order<TestGreater>,
        BinaryOp.GreaterOrEqual => StringCompareExecutor.Order<TestGreaterOrEqual>,
        _ => throw new InternalException($"{op} is not a comparison"),
    };

    private static Vec Booleans(BinaryOp op, Vec left, Vec right, int rows)
    {
        if (left.IsNullConstant || right.IsNullConstant) return Vec.Null(DataType.Boolean);
        var la = (BooleanArray)left.Array;
        var ra = (BooleanArray)right.Array;
        var n = left.IsConstant && right.IsConstant ? 1 : rows;
        var validity = left.IsConstant ? (right.IsConstant ? null : ra.Validity) : right.IsConstant ? la.Validity : Bits.And(la.Validity, ra.Validity, rows);
        var bits = new byte[Bitmap.BytesFor(n)];
        for (var i = 0; i < n; i++)
        {
            var a = la.GetBit(left.IsConstant ? 0 : i) ? 1 : 0;
            var b = ra.GetBit(right.IsConstant ? 0 : i) ? 1 : 0;
            var result = op switch
            {
                BinaryOp.Equal => a == b,
                BinaryOp.NotEqual => a != b,
                BinaryOp.Less => a < b,
                BinaryOp.LessOrEqual => a <= b,
                BinaryOp.Greater => a > b,
                _ => a >= b,
            };
            if (result) Bitmap.Set(bits, i);
        }
        var array = new BooleanArray(bits, n, validity);
        return left.IsConstant && right.IsConstant ? Vec.Constant(array) : Vec.Flat(array);
    }

    /// <summary>IS [NOT] DISTINCT FROM: nulls compare equal to each other, NaN equals NaN; never null.</summary>
    private static BinaryKernel Distinct(DataType type, bool distinct)
    {
        BinaryKernel equal = type.Id switch
        {
            TypeId.Float32 => (l, r, n) => CompareExecutor.Execute<float, IdenticalOp<float>>(l, r, n),
            TypeId.Float64 => (l, r, n) => CompareExecutor.Execute<double, IdenticalOp<double>>(l, r, n),
            TypeId.Null => (_, _, n) => Vec.Flat(new BooleanArray(new byte[Bitmap.BytesFor(n)], n)),
            _ => Create(BinaryOp.Equal, type),
        };
        return (l, r, n) =>
        {
            var rows = l.IsConstant && r.IsConstant ? 1 : n;
            var le = l.Expand(rows);
            var re = r.Expand(rows);
            var eq = (BooleanArray)equal(Vec.Flat(le), Vec.Flat(re), rows).Expand(rows);
            var bytes = Bitmap.BytesFor(rows);
            var result = new byte[bytes];
            var lv = le.Validity;
            var rv = re.Validity;
            for (var i = 0; i < bytes; i++)
            {
                int lvalid = lv is null ? 0xFF : lv[i];
                int rvalid = rv is null ? 0xFF : rv[i];
                var same = (lvalid & rvalid & eq.Bits[i]) | (~lvalid & ~rvalid & 0xFF);
                result[i] = (byte)(distinct ? ~same : same);
            }
            Bits.ClearTail(result, rows);
            var array = new BooleanArray(result, rows);
            return rows == 1 && l.IsConstant && r.IsConstant ? Vec.Constant(array) : Vec.Flat(array);
        };
    }
}
