namespace QueryEngine.Engine.Expressions.Kernels;

/// <summary>
/// The one output array a kernel writes every batch into when its results are consumed before the next batch (an
/// aggregate's argument): it grows to the largest batch and is then reused, so no array is allocated per batch.
/// One per kernel instance; a kernel instance belongs to one operator state and runs on one thread at a time.
/// </summary>
internal sealed class KernelBuffer<T>
    where T : unmanaged
{
    /// <summary>The buffer, null until the first batch; the executor replaces it with a larger one when needed.</summary>
    public T[]? Values;
}
