using QueryEngine.Engine.Columnar;
using QueryEngine.Engine.Common;

namespace QueryEngine.Engine.Execution.Operators.Window;

/// <summary>row_number, rank, dense_rank, percent_rank, cume_dist and ntile over sorted partitions (frames do not apply).</summary>
internal static class RankingFunctions
{
    public static ArrowArray RowNumber(WindowLayout layout, int rows)
    {
        var result = new long[rows];
        for (var i = 0; i < rows; i++) result[i] = i - layout.PartitionStart[i] + 1;
        return new PrimitiveArray<long>(DataType.Int64, result, rows, null);
    }

    public static ArrowArray Rank(WindowLayout layout, int rows)
    {
        var result = new long[rows];
        for (var i = 0; i < rows; i++) result[i] = layout.PeerStart(i) - layout.PartitionStart[i] + 1;
        return new PrimitiveArray<long>(DataType.Int64, result, rows, null);
    }

    public static ArrowArray DenseRank(WindowLayout layout, int rows)
    {
        var result = new long[rows];
        for (var i = 0; i < rows; i++) result[i] = layout.PeerGroup[i] - layout.PeerGroup[layout.PartitionStart[i]] + 1;
        return new PrimitiveArray<long>(DataType.Int64, result, rows, null);
    }

    /// <summary>(rank - 1) / (partition rows - 1), and 0 for a partition of one row.</summary>
    public static ArrowArray PercentRank(WindowLayout layout, int rows)
    {
        var result = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var size = layout.PartitionEnd[i] - layout.PartitionStart[i];
            result[i] = size == 1 ? 0 : (double)(layout.PeerStart(i) - layout.PartitionStart[i]) / (size - 1);
        }
        return new PrimitiveArray<double>(DataType.Float64, result, rows, null);
    }

    /// <summary>Rows up to and including the current row's last peer, over the partition's rows.</summary>
    public static ArrowArray CumeDist(WindowLayout layout, int rows)
    {
        var result = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var size = layout.PartitionEnd[i] - layout.PartitionStart[i];
            result[i] = (double)(layout.PeerEnd(i) - layout.PartitionStart[i]) / size;
        }
        return new PrimitiveArray<double>(DataType.Float64, result, rows, null);
    }

    /// <summary>
    /// Bucket 1..n of each row: buckets differ in size by at most one, the larger ones first. A null bucket count
    /// gives null; a count below one is an error.
    /// </summary>
    public static ArrowArray Ntile(WindowLayout layout, PrimitiveArray<long> buckets, int rows)
    {
        var result = new long[rows];
        byte[]? validity = null;
        for (var i = 0; i < rows; i++)
        {
            if (buckets.IsNull(i))
            {
                validity ??= Bitmap.AllSet(rows);
                Bitmap.Clear(validity, i);
                continue;
            }
            var n = buckets[i];
            if (n <= 0) throw new ExecutionException($"Buckets must be greater than 0, got {n}");
            long size = layout.PartitionEnd[i] - layout.PartitionStart[i];
            long position = i - layout.PartitionStart[i];
            var quotient = size / n;
            var remainder = size % n;
            var largeRows = remainder * (quotient + 1);
            result[i] = position < largeRows
                ? position / (quotient + 1) + 1
                : remainder + (position - largeRows) / quotient + 1;
        }
        return new PrimitiveArray<long>(DataType.Int64, result, rows, validity);
    }
}
