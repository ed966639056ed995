namespace QueryEngine.Tpch;

/// <summary>
/// Generates one table group (a table, or orders+lineitem, or part+partsupp) for a row range of its
/// generation loop into one buffer per output table. Instances are per chunk and single-threaded.
/// </summary>
internal abstract class ChunkGenerator
{
    /// <summary>Generates rows [first, first + count) (1-based); outputs[i] receives the i-th table of the group.</summary>
    public abstract void Generate(long first, long count, RowBuffer[] outputs);
}
