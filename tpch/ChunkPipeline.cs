namespace QueryEngine.Tpch;

/// <summary>
/// Runs a table group's generation loop in fixed-size row chunks on several threads and writes the chunks'
/// bytes in row order, keeping at most a window of chunks in memory (memory does not grow with SF).
/// </summary>
internal static class ChunkPipeline
{
    /// <summary>Generates rows 1..<paramref name="rows"/>; returns the number of lines written per output.</summary>
    public static long[] Run(
        Func<ChunkGenerator> createGenerator,
        long rows,
        long chunkRows,
        Stream?[] outputs,
        int degreeOfParallelism,
        CancellationToken cancellation)
    {
        var lineCounts = new long[outputs.Length];
        var chunkCount = (rows + chunkRows - 1) / chunkRows;
        var window = Math.Max(1, degreeOfParallelism * 2);
        var pending = new Queue<Task<RowBuffer[]>>();
        var spare = new System.Collections.Concurrent.ConcurrentBag<RowBuffer[]>();
        using var throttle = new SemaphoreSlim(degreeOfParallelism);
        long next = 0;

        Task<RowBuffer[]> Start(long chunk)
        {
            var first = (chunk * chunkRows) + 1;
            var count = Math.Min(chunkRows, rows - (chunk * chunkRows));
            return Task.Run(
                async () =>
                {
                    await throttle.WaitAsync(cancellation).ConfigureAwait(false);
                    try
                    {
                        if (!spare.TryTake(out var buffers))
                        {
                            buffers = new RowBuffer[outputs.Length];
                            for (var i = 0; i < buffers.Length; i++)
                            {
                                buffers[i] = new RowBuffer(1 << 20);
                            }
                        }

                        foreach (var b in buffers)
                        {
                            b.Clear();
                        }

                        createGenerator().Generate(first, count, buffers);
                        return buffers;
                    }
                    finally
                    {
                        throttle.Release();
                    }
                },
                cancellation);
        }

        while (next < chunkCount && pending.Count < window)
        {
            pending.Enqueue(Start(next++));
        }

        while (pending.Count > 0)
        {
            var buffers = pending.Dequeue().GetAwaiter().GetResult();
            if (next < chunkCount)
            {
                pending.Enqueue(Start(next++));
            }

            for (var i = 0; i < outputs.Length; i++)
            {
                var written = buffers[i].Written;
                lineCounts[i] += CountLines(written);
                outputs[i]?.Write(written);
            }

            spare.Add(buffers);
        }

        return lineCounts;
    }

    private static long CountLines(ReadOnlySpan<byte> bytes) => bytes.Count((byte)'\n');
}
