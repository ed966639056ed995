using System.Numerics;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions;

/// <summary>greatest/least over same-typed arguments; null when any argument is null (Trino). NaN orders above every number.</summary>
internal static class GreatestLeast
{
    public static FunctionKernel Create(DataType type, bool greatest) => type.Id switch
    {
        TypeId.Int8 => (a, n) => Primitive<sbyte>(a, n, type, greatest),
        TypeId.Int16 => (a, n) => Primitive<short>(a, n, type, greatest),
        TypeId.Int32 or TypeId.Date32 => (a, n) => Primitive<int>(a, n, type, greatest),
        TypeId.Int64 or TypeId.Timestamp => (a, n) => Primitive<long>(a, n, type, greatest),
        TypeId.Float32 => (a, n) => Primitive<float>(a, n, type, greatest),
        TypeId.Float64 => (a, n) => Primitive<double>(a, n, type, greatest),
        TypeId.Decimal128 => (a, n) => Primitive<Int128>(a, n, type, greatest),
        TypeId.Utf8 => (a, n) => Strings(a, n, greatest),
        _ => throw new NotSupportedQueryException($"greatest/least over {type.SqlName} is not supported"),
    };

    private static ArrowArray Primitive<T>(Vec[] args, int rows, DataType type, bool greatest)
        where T : unmanaged, INumberBase<T>, IComparisonOperators<T, T, bool>
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var inputs = new PrimitiveArg<T>[args.Length];
        for (var k = 0; k < inputs.Length; k++) inputs[k] = new PrimitiveArg<T>(args[k]);
        var result = new T[rows];
        for (var i = 0; i < rows; i++)
        {
            if (!FunctionArgs.IsValid(validity, i)) continue;
            var best = inputs[0][i];
            for (var k = 1; k < inputs.Length; k++)
            {
                var v = inputs[k][i];
                var larger = T.IsNaN(v) ? !T.IsNaN(best) : !T.IsNaN(best) && v > best;
                var smaller = T.IsNaN(best) ? !T.IsNaN(v) : !T.IsNaN(v) && v < best;
                if (greatest ? larger : smaller) best = v;
            }
            result[i] = best;
        }
        return new PrimitiveArray<T>(type, result, rows, validity);
    }

    private static ArrowArray Strings(Vec[] args, int rows, bool greatest)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var inputs = new StringArg[args.Length];
        for (var k = 0; k < inputs.Length; k++) inputs[k] = new StringArg(args[k]);
        var writer = new Utf8ColumnWriter(rows, rows * 8);
        for (var i = 0; i < rows; i++)
        {
            if (FunctionArgs.IsValid(validity, i))
            {
                var best = inputs[0][i];
                for (var k = 1; k < inputs.Length; k++)
                {
                    var v = inputs[k][i];
                    var c = v.SequenceCompareTo(best);
                    if (greatest ? c > 0 : c < 0) best = v;
                }
                writer.Write(best);
            }
            writer.EndRow();
        }
        return writer.Build(validity);
    }
}
