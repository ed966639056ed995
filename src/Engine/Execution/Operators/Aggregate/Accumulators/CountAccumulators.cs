using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>count(*), count(x) (non-null values) and count_if(b) (true values).</summary>
internal sealed class CountAccumulator : Accumulator
{
    public enum Kind
    {
        Rows,
        NonNull,
        True,
    }

    private readonly Kind _kind;
    private long[] _counts = new long[16];

    public CountAccumulator(Kind kind) => _kind = kind;

    public override void Resize(int groups) => Grow(ref _counts, groups);

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        var counts = _counts;
        switch (_kind)
        {
            case Kind.Rows:
                for (var i = 0; i < rows; i++) counts[groups[i]]++;
                break;
            case Kind.NonNull:
                {
                    var validity = args[0].Validity;
                    if (validity is null)
                    {
                        for (var i = 0; i < rows; i++) counts[groups[i]]++;
                    }
                    else
                    {
                        for (var i = 0; i < rows; i++)
                        {
                            if ((validity[i >> 3] & (1 << (i & 7))) != 0) counts[groups[i]]++;
                        }
                    }
                    break;
                }
            default:
                {
                    if (args[0] is not BooleanArray b) break;
                    var bits = b.Bits;
                    var validity = b.Validity;
                    for (var i = 0; i < rows; i++)
                    {
                        var set = (bits[i >> 3] & (1 << (i & 7))) != 0 && (validity is null || (validity[i >> 3] & (1 << (i & 7))) != 0);
                        if (set) counts[groups[i]]++;
                    }
                    break;
                }
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = ((CountAccumulator)other)._counts;
        for (var g = 0; g < map.Length; g++) _counts[map[g]] += o[g];
    }

    public override ArrowArray Finish(int groups) => new PrimitiveArray<long>(DataType.Int64, _counts[..groups], groups);
}
