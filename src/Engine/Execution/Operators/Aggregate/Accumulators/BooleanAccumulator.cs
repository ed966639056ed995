using QueryEngine.Engine.Columnar;

namespace QueryEngine.Engine.Execution.Operators.Aggregate.Accumulators;

/// <summary>bool_and / bool_or, and min/max over booleans (min = AND, max = OR).</summary>
internal sealed class BooleanAccumulator : Accumulator
{
    private const byte None = 0;
    private const byte True = 1;
    private const byte False = 2;
    private readonly bool _isOr;
    private byte[] _state = new byte[16];

    public BooleanAccumulator(bool isOr) => _isOr = isOr;

    public override void Resize(int groups) => Grow(ref _state, groups);

    private byte Combine(byte current, bool value)
    {
        if (current == None) return value ? True : False;
        if (_isOr) return current == True || value ? True : False;
        return current == False || !value ? False : True;
    }

    public override void Update(int[] groups, ArrowArray[] args, int rows)
    {
        if (args[0] is not BooleanArray b) return;
        for (var i = 0; i < rows; i++)
        {
            if (b.IsNull(i)) continue;
            var g = groups[i];
            _state[g] = Combine(_state[g], b.GetBit(i));
        }
    }

    public override void Merge(Accumulator other, int[] map)
    {
        var o = (BooleanAccumulator)other;
        for (var g = 0; g < map.Length; g++)
        {
            if (o._state[g] != None) _state[map[g]] = Combine(_state[map[g]], o._state[g] == True);
        }
    }

    public override ArrowArray Finish(int groups)
    {
        var bits = new byte[Bitmap.BytesFor(groups)];
        byte[]? validity = null;
        for (var g = 0; g < groups; g++)
        {
            if (_state[g] == True) Bitmap.Set(bits, g);
            else if (_state[g] == None)
            {
                validity ??= Bitmap.AllSet(groups);
                Bitmap.Clear(validity, g);
            }
        }
        return new BooleanArray(bits, groups, validity);
    }
}
