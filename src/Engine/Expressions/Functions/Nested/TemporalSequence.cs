using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;
using QueryEngine.Engine.Expressions.Evaluation;
using QueryEngine.Engine.Expressions.Kernels;

namespace QueryEngine.Engine.Expressions.Functions.Nested;

/// <summary>
/// sequence(start, stop, step) over dates or timestamps with an interval step: element k is start + k * step (months
/// clamp to the end of the month from start each time), up to and including stop.
/// </summary>
internal static class TemporalSequence
{
    private const int MaxEntries = 10_000;

    public static ArrowArray Create(Vec[] args, int rows, DataType element, bool months)
    {
        var validity = FunctionArgs.StrictValidity(args, rows);
        var isDate = element.Id == TypeId.Date32;
        var values = new List<long>();
        var offsets = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            offsets[r + 1] = offsets[r];
            if (!FunctionArgs.IsValid(validity, r)) continue;
            long start = isDate ? new PrimitiveArg<int>(args[0])[r] : new PrimitiveArg<long>(args[0])[r];
            long stop = isDate ? new PrimitiveArg<int>(args[1])[r] : new PrimitiveArg<long>(args[1])[r];
            long step = months ? new PrimitiveArg<int>(args[2])[r] : new PrimitiveArg<long>(args[2])[r];
            if (step == 0) throw new ExecutionException("step must not be zero");
            if (stop > start && step < 0 || stop < start && step > 0)
            {
                throw new ExecutionException("sequence stop value should be greater than or equal to start value if step is greater than zero otherwise stop should be less than or equal to start");
            }
            if (isDate && !months && step % 86_400_000 != 0) throw new ExecutionException("sequence step must be a day interval if start and end values are dates");
            for (var k = 0L; ; k++)
            {
                var value = Step(start, k, step, isDate, months);
                if (step > 0 ? value > stop : value < stop) break;
                if (values.Count - offsets[r] >= MaxEntries) throw new ExecutionException($"result of sequence function must not have more than {MaxEntries} entries");
                values.Add(value);
            }
            offsets[r + 1] = values.Count;
        }
        ArrowArray elements = isDate
            ? new PrimitiveArray<int>(element, values.Select(v => (int)v).ToArray())
            : new PrimitiveArray<long>(element, values.ToArray());
        return new ListArray(Lists.ListOf(element), offsets, elements, rows, validity);
    }

    private static long Step(long start, long k, long step, bool isDate, bool months)
    {
        try
        {
            if (months)
            {
                if (isDate) return CivilTime.AddMonths(start, checked(k * step));
                var days = CivilTime.DaysOf(start);
                return checked(CivilTime.AddMonths(days, checked(k * step)) * CivilTime.MicrosPerDay + (start - days * CivilTime.MicrosPerDay));
            }
            return isDate ? checked(start + k * (step / 86_400_000)) : checked(start + k * step * 1000);
        }
        catch (OverflowException)
        {
            throw new ExecutionException("sequence value is out of range", ErrorCode.NumericOverflow);
        }
    }
}
