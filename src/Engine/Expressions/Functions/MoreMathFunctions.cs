using System.Numerics;
using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;

namespace QueryEngine.Engine.Expressions.Functions;

internal struct SinFn : IDoubleFunction { public static double Apply(double x) => Math.Sin(x); }

internal struct CosFn : IDoubleFunction { public static double Apply(double x) => Math.Cos(x); }

internal struct TanFn : IDoubleFunction { public static double Apply(double x) => Math.Tan(x); }

internal struct AsinFn : IDoubleFunction { public static double Apply(double x) => Math.Asin(x); }

internal struct AcosFn : IDoubleFunction { public static double Apply(double x) => Math.Acos(x); }

internal struct AtanFn : IDoubleFunction { public static double Apply(double x) => Math.Atan(x); }

internal struct SinhFn : IDoubleFunction { public static double Apply(double x) => Math.Sinh(x); }

internal struct CoshFn : IDoubleFunction { public static double Apply(double x) => Math.Cosh(x); }

internal struct TanhFn : IDoubleFunction { public static double Apply(double x) => Math.Tanh(x); }

internal struct RadiansFn : IDoubleFunction { public static double Apply(double x) => x / 180.0 * Math.PI; }

internal struct DegreesFn : IDoubleFunction { public static double Apply(double x) => x * 180.0 / Math.PI; }

/// <summary>Trino math functions beyond the basic ones: trigonometry, logarithm to a base, IEEE tests, bitwise and radix conversion.</summary>
internal static class MoreMathFunctions
{
    public static FunctionKernel? Create(string name) => name switch
    {
        "sin" => MathFunctions.Double<SinFn>(),
        "cos" => MathFunctions.Double<CosFn>(),
        "tan" => MathFunctions.Double<TanFn>(),
        "asin" => MathFunctions.Double<AsinFn>(),
        "acos" => MathFunctions.Double<AcosFn>(),
        "atan" => MathFunctions.Double<AtanFn>(),
        "sinh" => MathFunctions.Double<SinhFn>(),
        "cosh" => MathFunctions.Double<CoshFn>(),
        "tanh" => MathFunctions.Double<TanhFn>(),
        "radians" => MathFunctions.Double<RadiansFn>(),
        "degrees" => MathFunctions.Double<DegreesFn>(),
        "atan2" => (a, n) => RowKernels.Values<double, DoubleBinaryOp>(a, n, DataType.Float64, new DoubleBinaryOp(a, DoubleBinary.Atan2)),
        "log" => (a, n) => RowKernels.Values<double, DoubleBinaryOp>(a, n, DataType.Float64, new DoubleBinaryOp(a, DoubleBinary.Log)),
        "pi" => (a, n) => new PrimitiveArray<double>(DataType.Float64, [Math.PI], 1),
        "e" => (a, n) => new PrimitiveArray<double>(DataType.Float64, [Math.E], 1),
        "nan" => (a, n) => new PrimitiveArray<double>(DataType.Float64, [double.NaN], 1),
        "infinity" => (a, n) => new PrimitiveArray<double>(DataType.Float64, [double.PositiveInfinity], 1),
        "is_nan" => (a, n) => RowKernels.Booleans(a, n, new DoubleTestOp(a[0], DoubleTest.NaN)),
        "is_finite" => (a, n) => RowKernels.Booleans(a, n, new DoubleTestOp(a[0], DoubleTest.Finite)),
        "is_infinite" => (a, n) => RowKernels.Booleans(a, n, new DoubleTestOp(a[0], DoubleTest.Infinite)),
        "bitwise_and" => (a, n) => RowKernels.Values<long, BitwiseOp>(a, n, DataType.Int64, new BitwiseOp(a, '&')),
        "bitwise_or" => (a, n) => RowKernels.Values<long, BitwiseOp>(a, n, DataType.Int64, new BitwiseOp(a, '|')),
        "bitwise_xor" => (a, n) => RowKernels.Values<long, BitwiseOp>(a, n, DataType.Int64, new BitwiseOp(a, '^')),
        "bitwise_not" => (a, n) => RowKernels.Values<long, BitwiseOp>(a, n, DataType.Int64, new BitwiseOp(a, '~')),
        "bit_count" => (a, n) => RowKernels.Values<long, BitCountOp>(a, n, DataType.Int64, new BitCountOp(a)),
        "from_base" => (a, n) => RowKernels.Values<long, FromBaseOp>(a, n, DataType.Int64, new FromBaseOp(a)),
        "to_base" => (a, n) => RowKernels.Bytes(a, n, DataType.Utf8, new ToBaseOp(a)),
        _ => null,
    };

    private enum DoubleBinary
    {
        Atan2,
        Log,
    }

    private readonly struct DoubleBinaryOp(Vec[] args, DoubleBinary kind) : IRowValue<double>
    {
        private readonly PrimitiveArg<double> _left = new(args[0]);
        private readonly PrimitiveArg<double> _right = new(args[1]);

        public bool Compute(int row, out double value)
        {
            value = kind == DoubleBinary.Atan2 ? Math.Atan2(_left[row], _right[row]) : Math.Log(_right[row]) / Math.Log(_left[row]);
            return true;
        }
    }

    private enum DoubleTest
    {
        NaN,
        Finite,
        Infinite,
    }

    private readonly struct DoubleTestOp(Vec input, DoubleTest test) : IRowValue<bool>
    {
        private readonly PrimitiveArg<double> _input = new(input);

        public bool Compute(int row, out bool value)
        {
            var x = _input[row];
            value = test switch
            {
                DoubleTest.NaN => double.IsNaN(x),
                DoubleTest.Finite => double.IsFinite(x),
                _ => double.IsInfinity(x),
            };
            return true;
        }
    }

    private readonly struct BitwiseOp(Vec[] args, char op) : IRowValue<long>
    {
        private readonly PrimitiveArg<long> _left = new(args[0]);
        private readonly PrimitiveArg<long> _right = args.Length == 2 ? new(args[1]) : default;

        public bool Compute(int row, out long value)
        {
            value = op switch
            {
                '&' => _left[row] & _right[row],
                '|' => _left[row] | _right[row],
                '^' => _left[row] ^ _right[row],
                _ => ~_left[row],
            };
            return true;
        }
    }

    /// <summary>bit_count(x, bits): set bits of x as a two's complement number of <c>bits</c> bits (2..64).</summary>
    private readonly struct BitCountOp(Vec[] args) : IRowValue<long>
    {
        private readonly PrimitiveArg<long> _x = new(args[0]);
        private readonly PrimitiveArg<long> _bits = new(args[1]);

        public bool Compute(int row, out long value)
        {
            var bits = _bits[row];
            var x = _x[row];
            if (bits is < 2 or > 64) throw new ExecutionException("Bits specified in bit_count must be between 2 and 64, got " + bits);
            if (bits < 64)
            {
                var low = -(1L << (int)(bits - 1));
                var high = (1L << (int)(bits - 1)) - 1;
                if (x < low || x > high) throw new ExecutionException($"Number must be representable with the bits specified. {x} cannot be represented with {bits} bits");
                x &= (1L << (int)bits) - 1;
            }
            value = BitOperations.PopCount((ulong)x);
            return true;
        }
    }

    private static void CheckRadix(long radix)
    {
        if (radix is < 2 or > 36) throw new ExecutionException($"Radix must be between 2 and 36, got {radix}");
    }

    private readonly struct FromBaseOp(Vec[] args) : IRowValue<long>
    {
        private readonly StringArg _text = new(args[0]);
        private readonly PrimitiveArg<long> _radix = new(args[1]);

        public bool Compute(int row, out long value)
        {
            var radix = _radix[row];
            CheckRadix(radix);
            var text = _text[row];
            var negative = text.Length > 0 && text[0] == '-';
            var digits = negative || text.Length > 0 && text[0] == '+' ? text[1..] : text;
            if (digits.IsEmpty) throw new ExecutionException($"Not a valid base-{radix} number: '{System.Text.Encoding.UTF8.GetString(text)}'");
            Int128 acc = 0;
            foreach (var c in digits)
            {
                var d = c switch
                {
                    >= (byte)'0' and <= (byte)'9' => c - '0',
                    >= (byte)'a' and <= (byte)'z' => c - 'a' + 10,
                    >= (byte)'A' and <= (byte)'Z' => c - 'A' + 10,
                    _ => 99,
                };
                if (d >= radix) throw new ExecutionException($"Not a valid base-{radix} number: '{System.Text.Encoding.UTF8.GetString(text)}'");
                acc = acc * radix + d;
                if (acc > (Int128)long.MaxValue + 1) throw new ExecutionException($"Not a valid base-{radix} number: '{System.Text.Encoding.UTF8.GetString(text)}'");
            }
            if (negative) acc = -acc;
            if (acc > long.MaxValue) throw new ExecutionException($"Not a valid base-{radix} number: '{System.Text.Encoding.UTF8.GetString(text)}'");
            value = (long)acc;
            return true;
        }
    }

    private readonly struct ToBaseOp(Vec[] args) : IRowBytes
    {
        private readonly PrimitiveArg<long> _x = new(args[0]);
        private readonly PrimitiveArg<long> _radix = new(args[1]);

        public bool Write(int row, Utf8ColumnWriter output)
        {
            var radix = _radix[row];
            CheckRadix(radix);
            var x = _x[row];
            Span<byte> digits = stackalloc byte[65];
            var pos = digits.Length;
            var magnitude = x < 0 ? (ulong)-(x + 1) + 1 : (ulong)x;
            do
            {
                var d = (int)(magnitude % (ulong)radix);
                digits[--pos] = (byte)(d < 10 ? '0' + d : 'a' + d - 10);
                magnitude /= (ulong)radix;
            }
            while (magnitude != 0);
            if (x < 0) output.Write((byte)'-');
            output.Write(digits[pos..]);
            return true;
        }
    }
}
